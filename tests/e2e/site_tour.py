"""Every page a clinician and an administrator reach, in each state worth seeing.

`build_tour()` makes the cases behind the pages through the app's services (a walked emergency
with an infusion, an AKI result and platelet counts; an unfinished case; a finished but not yet
planned one; a neonate's plan; a closed case) and returns the visits. A visit is a URL and, for a
state a page only shows after a person acts (errors shown, a decision made), the action.
tests/e2e/test_every_page_in_browser.py checks that every named URL of the site is visited.
"""

import itertools
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from decisions.api.tokens import api_token_issue
from decisions.assessment.services import assessment_save_answers
from decisions.cases.services import case_create, case_set_status, recommendation_decide
from decisions.models import CourseReview, Product, RenalCheck
from decisions.monitoring.results import platelet_count_record, renal_result_record
from decisions.products.catalogue import PRODUCTS
from decisions.review.services import review_record
from tests.factories import TeamFactory, UserFactory, clinician_in
from tests.reminders.helpers import ADULT_GI_BLEED, NEONATE, plan_for, record
from tests.two_factor import totp_device

PASSWORD = "correct horse battery staple"
CLINICIAN, ADMIN, ANONYMOUS = "clinician", "admin", "anonymous"


class Visit(NamedTuple):
    name: str  # also the screenshot's file name
    url_name: str
    path: str
    who: str = CLINICIAN
    act: Callable | None = None  # what a person does on the page before it is looked at
    covers: tuple[str, ...] = ()  # fragments (htmx answers) the action brings into the page


def settle(page):
    """Wait until htmx has finished the requests the last action started."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_timeout(100)


def submit(button: str, before: Callable | None = None) -> Callable:
    """An action: (do `before`, then) send the form of `button` as it stands, browser checks off."""

    def act(page):
        if before:
            before(page)
        page.eval_on_selector_all("form", "forms => forms.forEach(f => f.noValidate = true)")
        with page.expect_navigation():
            page.click(button)

    return act


def fill(selector: str, value: str) -> Callable:
    return lambda page: page.fill(selector, value)


def click_and_settle(selector: str) -> Callable:
    def act(page):
        page.click(selector)
        settle(page)

    return act


def type_a_count(page):
    page.fill("#id_platelet_count", "12000")
    settle(page)
    page.wait_for_timeout(500)  # the preview asks 400 ms after the last key
    settle(page)


_strangers = itertools.count()


def show_the_idle_warning(page):
    """The warning static/js/session-timeout.js shows before an idle session ends, at once."""
    page.evaluate(
        "() => bootstrap.Modal.getOrCreateInstance("
        "document.getElementById('session-timeout-modal')).show()"
    )
    page.wait_for_selector("#session-timeout-modal.show")
    page.wait_for_timeout(400)  # the fade-in


def fail_login_until_locked_out(page):
    username = f"stranger{next(_strangers)}"  # a new one each time: a lockout outlives the visit
    for _ in range(2):
        page.fill("#id_username", username)
        page.fill("#id_password", "wrong password")
        with page.expect_navigation():
            page.click("button[type=submit]")


def build_tour(settings) -> tuple[dict[str, object], list[Visit]]:
    """The users (by role) and the visits, with the cases behind them made."""
    settings.AXES_FAILURE_LIMIT = 2  # the locked-out page after two wrong passwords, not five
    team = TeamFactory(name="Haematology", email="haematology@example.org")
    clinician = clinician_in(team, username="dr_tour", first_name="Julia", last_name="Hart")
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    totp_device(root)  # administrators have a second factor
    team.members.add(root)
    api_token_issue(user=clinician, name="EHR")
    now = timezone.now()

    # An emergency, treated: one infusion four days ago, an AKI at 24 h, counts since.
    walked_plan = plan_for(clinician, team, patient_name="Ada Lovelace")
    walked = walked_plan.assessment.case
    recommendation_decide(plan=walked_plan, user=clinician, code="IVIG", decision="accepted")
    recommendation_decide(
        plan=walked_plan,
        user=clinician,
        code="PLATELET_TRANSFUSION",
        decision="overridden",
        reason="Platelets already running",
    )
    # The catalogue as migration 0013 ships it (transactional tests empty tables); two stocked.
    for entry in PRODUCTS:
        stocked = entry["name"] in ("Octagam 10%", "Privigen")
        Product.objects.update_or_create(name=entry["name"], defaults={**entry, "active": stocked})
    octagam = Product.objects.get(name="Octagam 10%")
    # A severe reaction: the case, its plan and the dashboard warn.
    infusion = record(
        walked_plan,
        clinician,
        ended_at=now - timedelta(days=4),
        product="Octagam 10%",
        product_ref=octagam,
        lot_number="M2231",
        reaction_type="fever_chills",
        reaction_severity="severe",
        reaction_action="stopped",
    )
    checks = list(RenalCheck.objects.filter(plan=walked_plan).order_by("due_at"))
    renal_result_record(
        renal_check=checks[0],
        user=clinician,
        measured_at=now - timedelta(days=3),
        creatinine=Decimal("2.1"),
        creatinine_unit="mg/dL",
    )
    for days_ago, count in ((3, 25000), (2, 61000)):
        platelet_count_record(
            case=walked,
            plan=walked_plan,
            user=clinician,
            measured_at=now - timedelta(days=days_ago),
            count_per_uL=count,
        )
    # Planned, nothing given yet: the course page offers day 1.
    untreated = plan_for(
        clinician, team, patient_name="Mary Seacole", patient_identifier="H200300"
    ).assessment.case
    neonate = plan_for(
        clinician, team, NEONATE, patient_name="Baby Okafor", patient_identifier="N778899"
    ).assessment.case
    # Nothing entered yet.
    fresh = case_create(
        user=clinician,
        team=team,
        patient_name="Grace Hopper",
        patient_identifier="H300400",
        date_of_birth=None,
    )
    # Every step answered, the plan not produced yet.
    answered = case_create(
        user=clinician,
        team=team,
        patient_name="Alan Turing",
        patient_identifier="H400500",
        date_of_birth=None,
    )
    assessment_save_answers(
        assessment=answered.assessments.get(), user=clinician, answers=ADULT_GI_BLEED
    )
    closed = plan_for(
        clinician, team, patient_name="Edith Cavell", patient_identifier="H500600"
    ).assessment.case
    case_set_status(case=closed, user=clinician, status="closed")
    # A course reviewed at day 7: no response, a repeat dose (the next assessment opened).
    reviewed_plan = plan_for(
        clinician, team, patient_name="Florence Nightingale", patient_identifier="H600700"
    )
    reviewed = reviewed_plan.assessment.case
    record(reviewed_plan, clinician, ended_at=now - timedelta(days=8))
    review_record(
        review=CourseReview.objects.select_related("case", "plan__assessment").get(
            plan=reviewed_plan
        ),
        user=clinician,
        measured_at=now - timedelta(hours=2),
        count_per_uL=14000,
        bleeding="continuing",
        adverse_events=True,
        adverse_events_note="Headache during day 1",
        decision="repeat_dose",
    )
    # The tour's clinician also holds the stewardship permission.
    clinician.groups.add(Group.objects.get_or_create(name="Stewardship")[0])

    def step(case, slug):
        return reverse("assessment-step", args=[case.pk, 1, slug])

    def of(case, name, *more):
        return reverse(name, args=[case.pk, 1, *more])

    visits = [
        Visit("login", "login", reverse("login"), ANONYMOUS),
        Visit(
            "login-wrong-password",
            "login",
            reverse("login"),
            ANONYMOUS,
            submit("button[type=submit]", fill("#id_password", "not the password")),
        ),
        Visit("locked-out", "login", reverse("login"), ANONYMOUS, fail_login_until_locked_out),
        Visit("dashboard", "dashboard", reverse("dashboard")),
        Visit("idle-warning", "dashboard", reverse("dashboard"), act=show_the_idle_warning),
        Visit("case-list", "case-list", reverse("case-list")),
        Visit("case-list-search", "case-list", reverse("case-list") + "?q=Ada"),
        Visit("case-list-no-match", "case-list", reverse("case-list") + "?q=nobody&status=closed"),
        Visit("case-new", "case-new", reverse("case-new")),
        Visit(
            "case-new-errors",
            "case-new",
            reverse("case-new"),
            act=submit("main form [type=submit]"),
        ),
        Visit("case-treated", "case-detail", reverse("case-detail", args=[walked.pk])),
        Visit("case-unfinished", "case-detail", reverse("case-detail", args=[fresh.pk])),
        Visit("case-closed", "case-detail", reverse("case-detail", args=[closed.pk])),
        Visit("step-patient", "assessment-step", step(fresh, "patient")),
        Visit(
            "step-patient-errors",
            "assessment-step",
            step(fresh, "patient"),
            act=submit("button[value=next]"),
        ),
        Visit(
            "step-platelets-typed",
            "assessment-step",
            step(fresh, "platelets"),
            act=type_a_count,
            covers=("assessment-preview",),
        ),
        Visit(
            "step-platelets-errors",
            "assessment-step",
            step(fresh, "platelets"),
            act=submit("button[value=next]", fill("#id_platelet_count", "-5")),
        ),
        Visit("step-context", "assessment-step", step(answered, "context")),
        Visit(
            "step-context-errors",
            "assessment-step",
            step(fresh, "context"),
            act=submit("button[value=next]"),
        ),
        Visit("step-risks", "assessment-step", step(answered, "risks")),
        Visit(
            "step-risks-errors",
            "assessment-step",
            step(answered, "risks"),
            act=submit("button[value=next]", fill("#id_pa_igg_molecules_per_platelet", "-5")),
        ),
        Visit("review-incomplete", "assessment-review", of(fresh, "assessment-review")),
        Visit("review-complete", "assessment-review", of(answered, "assessment-review")),
        Visit("plan-emergency", "plan-detail", of(walked, "plan-detail")),
        Visit(
            "plan-accepted-here",
            "plan-detail",
            of(untreated, "plan-detail"),
            act=click_and_settle("#rec-CORTICOSTEROID button[value=accepted]"),
            covers=("recommendation-decide",),
        ),
        Visit(
            "plan-override-without-reason",
            "plan-detail",
            of(neonate, "plan-detail"),
            act=click_and_settle("#rec-IVIG button[value=overridden]"),
            covers=("recommendation-decide",),
        ),
        Visit("plan-neonate", "plan-detail", of(neonate, "plan-detail")),
        Visit("plan-print", "plan-print", of(walked, "plan-print")),
        Visit("infusion-planner", "infusion-plan", of(untreated, "infusion-plan")),
        Visit(
            "infusion-planner-schedule",
            "infusion-plan",
            of(walked, "infusion-plan") + f"?product={octagam.pk}&start=2026-12-01T09:00",
        ),
        Visit(
            "infusion-chart",
            "infusion-chart",
            of(walked, "infusion-chart") + f"?product={octagam.pk}&start=2026-12-01T09:00",
        ),
        Visit("infusions-treated", "infusion-course", of(walked, "infusion-course")),
        Visit("infusions-none-yet", "infusion-course", of(untreated, "infusion-course")),
        Visit(
            "infusion-record-errors",
            "infusion-record",
            of(untreated, "infusion-course"),
            act=submit("[data-testid=infusion-form] [type=submit]", fill("#id_dose_g", "")),
        ),
        Visit(
            "platelets-record-errors",
            "platelet-record",
            of(walked, "infusion-course"),
            act=submit("[data-testid=platelet-form] [type=submit]"),
        ),
        Visit(
            "infusion-correct",
            "infusion-correct",
            of(walked, "infusion-correct", infusion.pk),
        ),
        Visit(
            "infusion-correct-errors",
            "infusion-correct",
            of(walked, "infusion-correct", infusion.pk),
            act=submit("form.card [type=submit]", fill("#id_dose_g", "")),
        ),
        Visit(
            "renal-check-aki",
            "renal-check",
            reverse("renal-check", args=[walked.pk, checks[0].pk]),
        ),
        Visit(
            "renal-check-due",
            "renal-check",
            reverse("renal-check", args=[walked.pk, checks[1].pk]),
        ),
        Visit(
            "renal-check-errors",
            "renal-check",
            reverse("renal-check", args=[walked.pk, checks[1].pk]),
            act=submit("[data-testid=renal-result-form] [type=submit]"),
        ),
        Visit("course-review-due", "course-review", of(walked, "course-review")),
        Visit(
            "course-review-errors",
            "course-review",
            of(walked, "course-review"),
            act=submit("[data-testid=review-form] [type=submit]"),
        ),
        Visit("course-review-recorded", "course-review", of(reviewed, "course-review")),
        Visit("stewardship", "stewardship", reverse("stewardship")),
        Visit("not-found", "", "/cases/999999/"),
        *admin_visits(root, clinician),
    ]
    return {CLINICIAN: clinician, ADMIN: root}, visits


def admin_visits(root, clinician) -> list[Visit]:
    """The admin's own pages; each registered model's list, first record and (if allowed) add
    page; one history page."""
    Group.objects.create(name="Pharmacists")
    asking = RequestFactory().get("/admin/")
    asking.user = root
    visits = [
        Visit("admin-login", "admin:login", reverse("admin:login"), ANONYMOUS),
        Visit("two-factor-verify", "two-factor-verify", reverse("two-factor-verify"), ADMIN),
        Visit("two-factor-set-up", "two-factor-enrol", reverse("two-factor-enrol"), ADMIN),
        Visit("admin-index", "admin:index", reverse("admin:index"), ADMIN),
        Visit(
            "admin-password-change",
            "admin:password_change",
            reverse("admin:password_change"),
            ADMIN,
        ),
    ]
    password = reverse("admin:auth_user_password_change", args=[clinician.pk])
    visits.append(Visit("admin-user-password", "admin:auth_user_password_change", password, ADMIN))
    apps = sorted({model._meta.app_label for model in admin.site._registry})
    for app_label in apps:
        path = reverse("admin:app_list", args=[app_label])
        visits.append(Visit(f"admin-{app_label}", "admin:app_list", path, ADMIN))
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        label = f"admin-{opts.app_label}-{opts.model_name}"
        visits.append(Visit(label, f"{prefix}_changelist", reverse(f"{prefix}_changelist"), ADMIN))
        first = model.objects.order_by("pk").first()
        if first is not None:
            args = [first.pk]
            change = reverse(f"{prefix}_change", args=args)
            visits.append(Visit(f"{label}-one", f"{prefix}_change", change, ADMIN))
            if opts.model_name == "case":  # one history page: the same template for each model
                history = reverse(f"{prefix}_history", args=args)
                visits.append(Visit(f"{label}-history", f"{prefix}_history", history, ADMIN))
        if model_admin.has_add_permission(asking):
            visits.append(Visit(f"{label}-add", f"{prefix}_add", reverse(f"{prefix}_add"), ADMIN))
    return visits
