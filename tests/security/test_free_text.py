"""Every free text the app stores and shows comes back as text, never as markup.

Each is typed into its real form; every page that shows it must hold it escaped and never raw.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from decisions.models import Case
from tests.factories import UserFactory
from tests.print.plans import pdf_text
from tests.reminders.test_pages import infusion_form
from tests.two_factor import force_login_verified
from tests.web.wizard import walk

pytestmark = pytest.mark.django_db

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
HARMLESS = {"patient_name": "Ada Lovelace", "patient_identifier": "H123456", "team": "Ward 7"}


class Ward:
    """A team made in the admin, a case opened, assessed and acted on through the site's forms."""

    def __init__(self, superuser, texts):
        self.texts = {**HARMLESS, **texts}
        clinician = UserFactory(username="dr_ward")
        self.browser = Client()
        self.browser.force_login(clinician)
        admin = Client()
        force_login_verified(admin, superuser)
        response = admin.post(
            "/admin/decisions/team/add/",
            {"name": self.texts["team"], "email": "", "members": [clinician.pk]},
        )
        assert response.status_code == 302, response.context["errors"]
        response = self.browser.post(
            "/cases/new/",
            {
                "patient_name": self.texts["patient_name"],
                "patient_identifier": self.texts["patient_identifier"],
                "team": clinician.teams.get().pk,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        self.case = Case.objects.get()
        walk(self.browser, self.case)
        self.plan = self.case.assessments.get().plan

    def post(self, name, data, **kwargs):
        self.case.refresh_from_db()
        url = reverse(name, kwargs={"pk": self.case.pk, "number": 1, **kwargs})
        response = self.browser.post(url, {**data, "version": self.case.version})
        assert response.status_code in (200, 302), response.content.decode()[:2000]

    def decide(self, reason):
        self.post(
            "recommendation-decide", {"decision": "overridden", "reason": reason}, code="IVIG"
        )

    def record_infusion(self, product="Privigen"):
        self.post("infusion-record", infusion_form(self.plan, product=product))
        return self.case.infusions.get()

    def cancel_infusion(self, reason):
        infusion = self.record_infusion()
        self.post("infusion-cancel", {"reason": reason}, infusion_pk=infusion.pk)

    def page(self, name):
        if name in ("dashboard", "case-list", "case-new"):
            url = reverse(name)
        elif name == "case-detail":
            url = reverse(name, kwargs={"pk": self.case.pk})
        else:
            url = reverse(name, kwargs={"pk": self.case.pk, "number": 1})
        response = self.browser.get(url)
        assert response.status_code == 200, url
        return response.content.decode()


CASE_PAGES = [
    "case-detail",
    "case-list",
    "dashboard",
    "plan-detail",
    "plan-print",
    "infusion-course",
]
# (the field, how it is typed in, the pages that show it)
FREE_TEXT = [
    ("patient name", lambda ward, text: None, CASE_PAGES),
    ("hospital number", lambda ward, text: None, ["case-detail", "case-list", "plan-print"]),
    ("team name", lambda ward, text: None, ["case-new", "case-list", "dashboard"]),
    ("override reason", Ward.decide, ["plan-detail", "plan-print", "case-detail"]),
    ("infusion product", Ward.record_infusion, ["infusion-course"]),
    ("cancel reason", Ward.cancel_infusion, ["infusion-course", "case-detail"]),
]
CASE_FIELDS = {
    "patient name": "patient_name",
    "hospital number": "patient_identifier",
    "team name": "team",
}


def assert_shown_as_text(html, text, where):
    assert text not in html, f"raw in {where}"
    assert escape(text) in html, f"not shown in {where}"


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    ("field", "type_in", "pages"), FREE_TEXT, ids=[row[0] for row in FREE_TEXT]
)
def test_every_free_text_field_is_shown_as_text(
    superuser, clinician, field, type_in, pages, payload
):
    texts = {CASE_FIELDS[field]: payload} if field in CASE_FIELDS else {}
    ward = Ward(superuser, texts)

    type_in(ward, payload)

    for page in pages:
        assert_shown_as_text(ward.page(page), payload, page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_search_is_shown_back_as_text(browser, payload):
    html = browser.get("/cases/", {"q": payload}).content.decode()

    assert_shown_as_text(html, payload, "case list")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_login_pages_next_address_is_shown_back_as_text(db, payload):
    html = Client().get("/login/", {"next": payload}).content.decode()

    assert payload not in html


def test_the_pdf_prints_the_free_text_as_written(superuser):
    payload = PAYLOADS[0]
    ward = Ward(superuser, {"patient_name": payload, "patient_identifier": payload})
    ward.decide(payload)

    url = reverse("plan-pdf", kwargs={"pk": ward.case.pk, "number": 1})
    text = pdf_text(ward.browser.get(url).content)

    # Name, hospital number and reason on the first page's header and the decision.
    assert text.count(payload) >= 3
