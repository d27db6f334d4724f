"""The clinician's path to a plan in a real browser: interactions and seconds, fast path beside
the full wizard.

Run: .venv/bin/python -m benchmarks.clinician_path [--rounds 3] [--headed]

Serves the real site with gunicorn on a temporary SQLite database (DEBUG off, static files
collected, two workers), logs one clinician in with Debian's Chromium driven by Playwright, then
walks each scenario from the click on "New case" until its plan is on screen:

- the GI-bleed emergency (adult, 70 kg, 12,000 platelets per uL, life-threatening GI bleeding,
  primary ITP): today's path, every step of the wizard and the review; and the emergency fast
  path, the plan from the platelets step with the rest assumed (decisions/assessment/emergency.py);
  and that fast path as it was before the "New case" page asked the patient step itself
  (decisions/assessment/first_step.py), with the patient on a step of its own;
- a grade-3 elective case (adult, 80 kg, 35,000 per uL, no bleeding, an invasive procedure
  planned): the full wizard, which is its only path (no emergency, so no fast path is offered;
  the walk checks that none is).

Interactions are what a person does: a click, a key press, or typing a value (once however long
the value). Leaving a typed field is part of the next click, as for a person; the walk waits for
htmx to finish saving each answer, as a person waits for the questions it brings (the bleeding
sites, the emergency core), and that wait is in the seconds. Seconds run from the click on
"New case" to the plan's heading, median of the rounds.
"""

import argparse
import itertools
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .server import bench_env, serve, setup_django_here

USERNAME, PASSWORD = "dr_path", "bench-password-clinician-path-1"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
GOAL_EMERGENCY_INTERACTIONS = 10
IDLE = "() => window.htmx !== undefined && !document.querySelector('.htmx-request')"


@dataclass
class Walk:
    """A browser page that counts what the clinician does to it."""

    page: object
    interactions: int = 0
    log: list[str] = field(default_factory=list)

    def click(self, selector: str) -> None:
        self.page.click(selector)
        self._count(f"click {selector}")

    def type(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self._count(f"type {value!r}")
        # The next click leaves the field; leave it now and let its save finish, so the questions
        # it brings are on the page before the walk looks for them.
        self.page.locator(selector).blur()
        self.settle()

    def check(self, selector: str) -> None:
        self.click(selector)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_function(IDLE)

    def _count(self, what: str) -> None:
        self.interactions += 1
        self.log.append(what)


HOSPITAL_NUMBERS = itertools.count(900100)


def open_case(walk: Walk, name: str, weight_kg: str, *, patient_on_new_case: bool = True) -> None:
    """From the click on "New case" to the platelets step. The New case page asks the patient
    step too (issue 9); `patient_on_new_case=False` walks the path before it, opening the case
    first and describing the patient on the step of its own."""
    walk.click("nav a[href='/cases/new/']")
    walk.type("#id_patient_name", name)
    # A new patient each walk: a number that already has a case is asked about first.
    walk.type("#id_patient_identifier", f"H{next(HOSPITAL_NUMBERS)}")
    if patient_on_new_case:
        walk.check("input[name=age_group][value=adult]")
        walk.type("#id_weight_kg", weight_kg)
    walk.click("main input[type=submit]")  # Open the case and start the assessment
    if patient_on_new_case:
        walk.page.wait_for_url("**/platelets/")
        walk.settle()
        return
    walk.page.wait_for_url("**/patient/")
    walk.settle()
    patient(walk, weight_kg)


def next_step(walk: Walk, url_end: str) -> None:
    walk.click("button[value=next]")
    walk.page.wait_for_url(f"**/{url_end}")
    walk.settle()


def patient(walk: Walk, weight_kg: str) -> None:
    walk.check("input[name=age_group][value=adult]")
    walk.type("#id_weight_kg", weight_kg)
    next_step(walk, "platelets/")


def gi_bleed_so_far(walk: Walk, *, patient_on_new_case: bool = True) -> None:
    open_case(walk, "Emergency Path", "70", patient_on_new_case=patient_on_new_case)
    walk.type("#id_platelet_count", "12000")
    walk.check("input[name=bleeding][value=life_threatening]")
    walk.check("input[name=bleeding_sites][value=gi]")


def finish_wizard(walk: Walk, context: list[str]) -> None:
    """From the platelets step: Next, the context answers, Next, Next, Produce the plan."""
    next_step(walk, "context/")
    for selector in context:
        walk.check(selector)
    next_step(walk, "risks/")
    next_step(walk, "review/")
    walk.click("main form button[type=submit]")


def emergency_full_wizard(walk: Walk) -> None:
    gi_bleed_so_far(walk)
    finish_wizard(walk, ["input[name=condition][value=primary_itp]"])


def emergency_fast_path(walk: Walk, *, patient_on_new_case: bool = True) -> None:
    gi_bleed_so_far(walk, patient_on_new_case=patient_on_new_case)
    walk.page.get_by_test_id("core-ivig").wait_for()
    walk.click("[data-testid=plan-now]")


def emergency_fast_path_patient_step_apart(walk: Walk) -> None:
    emergency_fast_path(walk, patient_on_new_case=False)


def elective_full_wizard(walk: Walk) -> None:
    open_case(walk, "Elective Path", "80")
    walk.type("#id_platelet_count", "35000")
    walk.check("input[name=bleeding][value=none]")
    if walk.page.get_by_test_id("emergency-core").count():
        raise AssertionError("a fast path was offered for a case that is no emergency")
    finish_wizard(
        walk,
        [
            "input[name=condition][value=primary_itp]",
            "input[name=invasive_procedure_planned]",
        ],
    )


SCENARIOS = (
    ("GI-bleed emergency", "full wizard (today's path)", emergency_full_wizard),
    ("GI-bleed emergency", "emergency fast path", emergency_fast_path),
    (
        "GI-bleed emergency",
        "fast path, patient step on its own (before)",
        emergency_fast_path_patient_step_apart,
    ),
    ("grade-3 elective", "full wizard (today's path, its only one)", elective_full_wizard),
)


def timed_walk(browser, base_url: str, steps) -> tuple[int, float, list[str]]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page)
    walk = Walk(page)
    start = time.perf_counter()
    steps(walk)
    page.wait_for_url("**/plan/")
    page.locator("h1").wait_for()
    seconds = time.perf_counter() - start
    context.close()
    return walk.interactions, seconds, walk.log


def log_in(page) -> None:
    page.goto("/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_url("**/")
    page.wait_for_function("() => window.htmx !== undefined")


def prepare_site() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from decisions.models import Team

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    clinician = get_user_model().objects.create_user(USERNAME, password=PASSWORD)
    Team.objects.create(name="Emergency department").members.add(clinician)


def report(results: dict) -> None:
    print(
        "\nFrom the click on 'New case' to the plan on screen (interactions: clicks, key presses,"
        " a typed value once; seconds: median of the rounds)\n"
    )
    header = f"{'case':20} {'path':42} {'interactions':>12} {'seconds':>8}   ratio to today's path"
    print(header)
    print("-" * len(header))
    today = {}
    for (case, path), (interactions, seconds) in results.items():
        base = today.setdefault(case, (interactions, seconds))
        ratio = (
            f"{interactions / base[0]:.2f}x interactions, {seconds / base[1]:.2f}x seconds"
            if (interactions, seconds) != base
            else "1.00x (baseline)"
        )
        print(f"{case:20} {path:42} {interactions:>12} {seconds:>8.2f}   {ratio}")
    fast = results[("GI-bleed emergency", "emergency fast path")][0]
    goal = GOAL_EMERGENCY_INTERACTIONS
    print(
        f"\nGoal: the emergency plan in {goal} interactions or fewer: {fast} counting the click "
        f"on 'New case' ({'met' if fast <= goal else 'NOT met'}), {fast - 1} from the New case "
        f"page ({'met' if fast - 1 <= goal else 'NOT met'})."
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="walks of each scenario")
    parser.add_argument("--headed", action="store_true", help="show the browser")
    parser.add_argument("--verbose", action="store_true", help="print each interaction")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(Path(tmp))
        env.pop("DATABASE_URL")  # always its own SQLite file: the walks need no big database
        env["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'path.sqlite3'}"
        # Plain HTTP on loopback: cookies marked Secure would not come back.
        env["SESSION_COOKIE_SECURE"] = "false"
        setup_django_here(env)
        prepare_site()
        with serve(env, workers=2) as port, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=not args.headed, args=["--no-sandbox"]
            )
            walks: dict = {}
            for _round in range(args.rounds):
                for case, path, steps in SCENARIOS:
                    interactions, seconds, log = timed_walk(
                        browser, f"http://127.0.0.1:{port}", steps
                    )
                    walks.setdefault((case, path), []).append((interactions, seconds))
                    if args.verbose and _round == 0:
                        print(f"{case}, {path}: " + "; ".join(log))
            browser.close()
    results = {
        key: (runs[0][0], statistics.median(seconds for _, seconds in runs))
        for key, runs in walks.items()
    }
    report(results)


if __name__ == "__main__":
    main()
