"""Every read of patient data is audited (HIPAA 164.312(b)): every URL of the site, walked with
GET as a clinician and as an administrator, adds exactly one audit row when its answer shows
the walked patient (their name, hospital number or case reference, in the page or its headers)
and none when it does not. The rows keep the hash chain whole."""

import pytest
from django.test import Client

from decisions.assessment.services import assessment_start
from decisions.cases.audit import audit_verify
from decisions.models import AuditEvent
from tests.factories import TeamFactory, case_for, clinician_in
from tests.two_factor import force_login_verified
from tests.url_walk import url_patterns

pytestmark = pytest.mark.django_db

SITE = [pattern for pattern in url_patterns() if not pattern.is_admin]
ADMIN = [pattern for pattern in url_patterns() if pattern.is_admin]
Action = AuditEvent.Action


def shows_patient(response, case) -> bool:
    """The answer names the patient or the case: in its body, or a header (a PDF's name)."""
    body = b"".join(response) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return True  # the plan, compressed: its file name carries the reference
    seen = body + str(dict(response.items())).encode()
    marks = (case.patient_name, case.patient_identifier, case.reference)
    return any(mark.encode() in seen for mark in marks)


def walk(client, paths, case) -> dict[str, tuple[int, int, bool]]:
    """GET each path; {path: (status, new audit rows, whether it showed the patient)}.

    A list that showed no case (an empty change list) still adds its one row, naming none:
    counted as a row that showed nothing."""
    walked = {}
    for path in paths:
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = client.get(path)
        rows = list(AuditEvent.objects.filter(id__gt=last))
        empty_list = (
            len(rows) == 1 and rows[0].action == Action.LISTED and not rows[0].detail["cases"]
        )
        showed = shows_patient(response, case)
        walked[path] = (response.status_code, 0 if empty_list and not showed else len(rows), showed)
    return walked


def unaudited(walked) -> dict:
    """The paths that broke the rule: one row if the patient was shown, none otherwise."""
    return {
        path: outcome for path, outcome in walked.items() if outcome[1] != (1 if outcome[2] else 0)
    }


@pytest.fixture
def signed_in(clinician):
    client = Client()
    client.force_login(clinician)
    return client


def test_every_site_page_that_shows_a_patient_adds_exactly_one_audit_row(
    signed_in, walked, path_of
):
    walked_pages = walk(signed_in, [path_of(pattern.route) for pattern in SITE], walked.case)

    assert unaudited(walked_pages) == {}
    shown = sorted(path for path, (_, _, showed) in walked_pages.items() if showed)
    # The walk did reach the pages the issue names (not a walk of redirects and 404s).
    for page in ("/", "/cases/", f"/cases/{walked.case.pk}/", "/plan/", "/infusions/", "/checks/"):
        assert any(page in path for path in shown), (page, shown)
    assert any(path.endswith("/plan/print/") for path in shown)
    assert any(path.endswith("/plan/pdf/") for path in shown)


def test_an_unfinished_assessments_pages_are_audited_too(signed_in, walked, clinician):
    draft = assessment_start(case=walked.case, user=clinician)
    base = f"/cases/{walked.case.pk}/assessments/{draft.number}/"

    walked_pages = walk(signed_in, [base + "patient/", base + "review/"], walked.case)

    assert unaudited(walked_pages) == {}
    assert [rows for _, rows, _ in walked_pages.values()] == [1, 1]


def test_every_admin_page_that_shows_a_patient_adds_exactly_one_audit_row(
    superuser, walked, path_of
):
    admin = force_login_verified(Client(), superuser)
    # The change lists of the clinical records, and each record's page, beside the rest.
    paths = [path_of(pattern.route) for pattern in ADMIN]
    for model in ("case", "assessment", "plansnapshot", "auditevent", "infusion", "renalcheck"):
        paths.append(f"/admin/decisions/{model}/")
    paths += [
        f"/admin/decisions/case/{walked.case.pk}/change/",
        f"/admin/decisions/plansnapshot/{walked.plan.pk}/change/",
        f"/admin/decisions/infusion/{walked.infusion.pk}/change/",
        f"/admin/decisions/renalcheck/{walked.check.pk}/change/",
        f"/admin/decisions/auditevent/{walked.case.audit_events.first().pk}/change/",
    ]

    walked_pages = walk(admin, paths, walked.case)

    assert unaudited(walked_pages) == {}
    assert sum(rows for _, rows, _ in walked_pages.values()) >= 10


def test_a_list_row_names_the_references_it_showed_and_never_the_search_text(
    browser, clinician, team
):
    shown = case_for(clinician, team, patient_name="Grace Hopper", patient_identifier="H777")
    case_for(clinician, team, patient_name="Alan Turing", patient_identifier="H778")

    browser.get("/cases/?q=Hopper")

    row = AuditEvent.objects.order_by("-id").first()
    assert (row.action, row.case, row.actor) == (Action.LISTED, None, clinician)
    assert row.detail["cases"] == [shown.reference]
    assert row.detail["searched"] is True
    assert "Hopper" not in str(row.detail)


def test_the_dashboard_row_names_each_case_it_showed_once(browser, walked):
    browser.get("/")

    row = AuditEvent.objects.order_by("-id").first()
    # The walked case is on the dashboard as recent and with its overdue check: listed once.
    assert (row.action, row.detail["page"]) == (Action.LISTED, "dashboard")
    assert row.detail["cases"] == [walked.case.reference]


def test_another_teams_case_is_refused_and_adds_no_row(walked):
    outsider = Client()
    outsider.force_login(clinician_in(TeamFactory(name="Elsewhere")))
    plan = f"/cases/{walked.case.pk}/assessments/{walked.plan.assessment.number}/plan/"
    before = AuditEvent.objects.count()

    assert outsider.get(plan).status_code == 404
    assert AuditEvent.objects.count() == before


def test_reads_keep_the_hash_chain_whole(signed_in, walked, path_of):
    walk(signed_in, [path_of(pattern.route) for pattern in SITE], walked.case)

    count, breaks = audit_verify()

    assert breaks == []
    assert AuditEvent.objects.filter(action=Action.LISTED, case=None).exists()
    assert count == AuditEvent.objects.count()
