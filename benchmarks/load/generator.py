"""The load generator: simulated clinicians and an API client at a fixed arrival rate.

Run by `benchmarks.load` in a process of its own, pinned to a core the server does not use:
    python -m benchmarks.load.generator PLAN.json RESULTS.json

Open loop with latency correction, as wrk2 -R does: every actor (a clinician's browser, an API
connection) has a schedule of intended start times at a constant interval. A request goes out
at its intended time, or as soon as the actor's previous request is answered if that is later;
its latency runs from the intended time, so time spent queueing behind a slow server counts.
What the generator itself adds, how late it sent a request it was ready to send, is kept apart
(`lag`) so a reader can check that the generator kept up.
"""

import asyncio
import contextlib
import json
import random
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from .client import HttpError, Session

BARE = "/bench/bare"
API = "/api/v1/evaluate"
LOGIN = "/login/"


class RunOver(Exception):
    """The actor's next intended start is past the end of the run."""


class Failed(Exception):
    """A request failed (recorded already): the clinician gives up this round."""


@dataclass
class Sample:
    page: str
    intended: float
    sent: float
    done: float
    lag: float  # how late the generator sent it once it was ready to (its own lateness)
    error: str | None  # None, "status 500", "timeout", "connection: ..."


class Actor:
    """One connection on a schedule: request k is intended at start + k * interval."""

    def __init__(self, session, *, start, interval, end, timeout, samples):
        self.session, self.start, self.interval = session, start, interval
        self.end, self.timeout, self.samples = end, timeout, samples
        self.attempted = 0
        self.ready = start  # when the previous answer arrived (or the start)

    def scheduled(self, since: float) -> int:
        """How many requests the schedule intended from `since` to the end of the run."""

        def before(moment: float) -> int:
            return max(0, -int(-(moment - self.start) // self.interval))

        return before(self.end) - before(since)

    async def call(self, page, method, path, *, body=b"", headers=None, expect=200):
        intended = self.start + self.attempted * self.interval
        now = time.perf_counter()
        if intended >= self.end or now >= self.end:
            raise RunOver  # what is still behind schedule at the end counts as unsent
        if intended > now:
            await asyncio.sleep(intended - now)
        sent = time.perf_counter()
        self.attempted += 1
        error, response = None, None
        try:
            response = await asyncio.wait_for(
                self.session.request(method, path, body, headers), self.timeout
            )
            if response.status != expect:
                error = f"status {response.status}"
        except TimeoutError:
            self.session.close()
            error = "timeout"
        except HttpError as broken:
            error = f"connection: {broken}"
        done = time.perf_counter()
        lag = sent - max(intended, self.ready)
        self.ready = done
        self.samples.append(Sample(page, intended, sent, done, lag, error))
        if error:
            raise Failed(page)
        return response

    async def get(self, page, path, expect=200):
        return await self.call(page, "GET", path, expect=expect)

    async def post_form(self, page, path, form, token, expect=302):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            # Checked only when the request counts as HTTPS (see `https_headers`).
            "Referer": f"https://{self.session.host}:{self.session.port}{path}",
        }
        body = urlencode({**form, "csrfmiddlewaretoken": token or ""}, doseq=True).encode()
        return await self.call(page, "POST", path, body=body, headers=headers, expect=expect)


def https_headers() -> dict[str, str]:
    """What a TLS-terminating proxy adds; a site that trusts it sees HTTPS (and redirects
    nothing), a site that does not ignores it."""
    return {"X-Forwarded-Proto": "https"}


def path_of(response) -> str:
    return urlsplit(response.headers.get("location", "")).path


async def log_in(session: Session, user: dict, timeout: float) -> tuple[float, str | None]:
    """A real login: the form for its CSRF token, the POST, then the dashboard."""
    start = time.perf_counter()
    try:
        form = await asyncio.wait_for(session.request("GET", LOGIN), timeout)
        body = urlencode(
            {
                "username": user["username"],
                "password": user["password"],
                "csrfmiddlewaretoken": form.form_token() or "",
            }
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{session.host}:{session.port}{LOGIN}",
        }
        posted = await asyncio.wait_for(session.request("POST", LOGIN, body, headers), timeout)
        if posted.status != 302 or path_of(posted) == LOGIN:
            return time.perf_counter() - start, f"login answered {posted.status}"
        dashboard = await asyncio.wait_for(session.request("GET", "/"), timeout)
        if dashboard.status != 200:
            return time.perf_counter() - start, f"dashboard after login {dashboard.status}"
    except TimeoutError:
        return time.perf_counter() - start, "timeout"
    except HttpError as broken:
        return time.perf_counter() - start, f"connection: {broken}"
    return time.perf_counter() - start, None


def browsing(plan: dict, user: dict, round_number: int) -> list[tuple[str, str]]:
    """The pages a clinician reads in a round, before opening a new case: (page, path)."""
    case_pk = user["case_pks"][round_number % len(user["case_pks"])]
    surname = plan["surnames"][(round_number + user["index"]) % len(plan["surnames"])]
    return [
        ("dashboard", "/"),
        ("bare view", BARE),
        ("case list", "/cases/"),
        ("case search", f"/cases/?q={surname}"),
        ("case list, page 2", user["page_two_path"]),
        ("bare view", BARE),
        ("case page", f"/cases/{case_pk}/"),
        ("plan page", f"/cases/{case_pk}/assessments/1/plan/"),
        ("bare view", BARE),
    ]


BROWSING = 9  # requests of `browsing`
STEPS = 4  # of the assessment (tests/web/wizard.py's GI_BLEED)
# A round: the browsing, the new case (form, POST), each step (GET, POST), review (GET, POST),
# the new plan.
ROUND = BROWSING + 2 + 2 * STEPS + 2 + 1


def draft_steps_done(start: int) -> int | None:
    """For a clinician whose first round starts at request `start`: how many steps of a draft
    assessment must be saved already (STEPS: up to the review), or None if none is needed."""
    first_step = BROWSING + 2
    if start < first_step:
        return None
    return min(STEPS, (start - first_step) // 2)


def first_request(index: int, clinicians: int) -> int:
    """Where in the round clinician `index` starts, so that the clinicians are spread evenly
    over the round instead of all asking for the same page at once."""
    return index * ROUND // clinicians


async def clinician_round(
    actor: Actor, plan: dict, user: dict, round_number: int, start: int = 0
) -> None:
    """Browse, then walk a new case's assessment to its plan, as tests/web/wizard.py does; the
    first round may start later (`start`), on a draft case made for it by the seed."""
    for page, path in browsing(plan, user, round_number)[start:]:
        await actor.get(page, path)
    done = draft_steps_done(start)
    if done is None:
        page = await actor.get("new case form", "/cases/new/")
        patient = {**plan["new_patient"], "team": user["team_pk"]}
        patient["patient_identifier"] = f"L{user['index']:02d}{round_number:05d}"
        posted = await actor.post_form("new case (POST)", "/cases/new/", patient, page.form_token())
        step_path, done = path_of(posted), 0
    else:
        step_path = user["draft_path"]
    for slug, answers in plan["steps"][done:]:
        page = await actor.get(f"step {slug}", step_path)
        form = {**answers, "version": page.form_version() or ""}
        posted = await actor.post_form(f"step {slug} (POST)", step_path, form, page.form_token())
        step_path = path_of(posted)
    page = await actor.get("review", step_path)
    form = {"version": page.form_version() or ""}
    posted = await actor.post_form("review (POST)", step_path, form, page.form_token())
    await actor.get("new plan page", path_of(posted))


async def clinician(actor: Actor, plan: dict, user: dict) -> None:
    round_number, start = 0, first_request(user["index"], len(plan["users"]))
    while True:
        # A failure is recorded; the clinician starts over, as a person would after an error page.
        with contextlib.suppress(Failed):
            await clinician_round(actor, plan, user, round_number, start)
        round_number, start = round_number + 1, 0


async def api_client(actor: Actor, plan: dict) -> None:
    headers = {"Authorization": f"Bearer {plan['api_token']}", "Content-Type": "application/json"}
    body = json.dumps(plan["api_body"]).encode()
    while True:
        with contextlib.suppress(Failed):
            await actor.call("API evaluate", "POST", API, body=body, headers=headers)


async def run(plan: dict) -> dict:
    host, port, timeout = "127.0.0.1", plan["port"], plan["timeout_s"]
    rng = random.Random(plan["seed"])

    sessions = [Session(host, port, https_headers()) for _ in plan["users"]]
    # As many at once as the server has workers: Argon2 takes a worker's core for a while, and
    # the logins come before the timed run, so they need not queue.
    at_once = asyncio.Semaphore(plan["login_concurrency"])

    async def log_in_one(session, user):
        async with at_once:
            return await log_in(session, user, timeout)

    started = time.perf_counter()
    logins = await asyncio.gather(
        *(log_in_one(s, u) for s, u in zip(sessions, plan["users"], strict=True))
    )
    login_seconds = time.perf_counter() - started

    rate, seconds = plan["rate"], plan["seconds"]
    clinician_interval = len(plan["users"]) / (rate * (1 - plan["api_share"]))
    api_interval = plan["api_connections"] / (rate * plan["api_share"])
    samples: list[Sample] = []
    cpu_before = time.process_time()
    # Measured from t0; the warm-up before it runs at the same rate and is left out.
    t0 = time.perf_counter() + 0.5 + plan["warmup_s"]
    first = t0 - plan["warmup_s"]
    end = t0 + seconds
    actors, tasks = [], []
    for session, user in zip(sessions, plan["users"], strict=True):
        # A random phase, so that the clinicians do not all click on the same beat.
        actor = Actor(
            session,
            start=first + rng.uniform(0, clinician_interval),
            interval=clinician_interval,
            end=end,
            timeout=timeout,
            samples=samples,
        )
        actors.append(actor)
        tasks.append(asyncio.ensure_future(clinician(actor, plan, user)))
    for _ in range(plan["api_connections"]):
        actor = Actor(
            Session(host, port, https_headers()),
            start=first + rng.uniform(0, api_interval),
            interval=api_interval,
            end=end,
            timeout=timeout,
            samples=samples,
        )
        actors.append(actor)
        tasks.append(asyncio.ensure_future(api_client(actor, plan)))

    # Each actor stops at its first intended start past the end; a request still in flight
    # after its timeout has already counted as one.
    done, pending = await asyncio.wait(tasks, timeout=end - time.perf_counter() + timeout + 5)
    for task in pending:
        task.cancel()
    for task in done:
        if not isinstance(task.exception(), RunOver):
            raise task.exception() or RuntimeError("an actor stopped before the end")
    busy = (time.process_time() - cpu_before) / (time.perf_counter() - first)
    samples = [s for s in samples if s.intended >= t0]
    finished = max([s.done for s in samples], default=end)
    return {
        "logins": [{"seconds": s, "error": e} for s, e in logins],
        "login_wall_seconds": login_seconds,
        "seconds": seconds,
        "generator_cpu_share": busy,
        "wall_seconds": finished - t0,
        "intended": sum(actor.scheduled(t0) for actor in actors),
        "attempted": len(samples),
        "clinician_interval_s": clinician_interval,
        "api_interval_s": api_interval,
        "samples": [
            [s.page, s.intended - t0, s.sent - t0, s.done - t0, s.lag, s.error] for s in samples
        ],
    }


def main() -> None:
    plan_path, results_path = sys.argv[1:3]
    with open(plan_path) as f:
        plan = json.load(f)
    results = asyncio.run(run(plan))
    with open(results_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
