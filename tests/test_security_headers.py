"""What the browser is told to refuse: inline code, framing, leaking referrers, device access."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
BOOTSTRAP = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap"


def policy(response) -> dict[str, str]:
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict(directive.split(" ", 1) for directive in directives if directive)


@pytest.fixture
def login_page(db):
    return Client().get("/login/")


@pytest.fixture
def browser(db):
    client = Client()
    client.force_login(UserFactory())
    return client


def test_the_login_page_sends_a_content_security_policy_without_inline_code(login_page):
    assert policy(login_page) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_no_site_may_frame_the_pages(login_page):
    assert login_page["X-Frame-Options"] == "DENY"
    assert policy(login_page)["frame-ancestors"] == "'none'"


def test_links_to_other_sites_carry_no_referrer(login_page):
    assert login_page["Referrer-Policy"] == "same-origin"


def test_browsers_may_not_guess_content_types(login_page):
    assert login_page["X-Content-Type-Options"] == "nosniff"


def test_no_page_may_use_camera_microphone_location_or_payment(login_page):
    assert login_page["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), payment=()"
    )


@pytest.mark.parametrize(
    "request_",
    [
        pytest.param(lambda client: client.get("/cases/"), id="login redirect"),
        pytest.param(lambda client: client.get("/api/v1/health"), id="health"),
        pytest.param(
            lambda client: client.post("/api/v1/evaluate", data="{}", content_type="x/y"),
            id="api",
        ),
    ],
)
def test_every_response_carries_the_policies(db, request_):
    response = request_(Client())

    assert "Content-Security-Policy" in response
    assert "Permissions-Policy" in response


# No inline script or style: the policy above would block it, and the page would break.


class InlineCode(HTMLParser):
    """Collects whatever inline script or style a page holds."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.found.append(f"style attribute on <{tag}>")
        self.found += [f"{name} on <{tag}>" for name in attributes if name.startswith("on")]
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script":
            self._in = "script"
            if not attributes.get("src"):
                self.found.append("<script> without src")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script" and data.strip():
            self.found.append("<script> with a body")


def test_the_login_page_has_no_inline_script_or_style(login_page):
    assert InlineCode(login_page.content.decode()).found == []


@pytest.mark.parametrize("url", ["/", "/cases/", "/cases/new/"])
def test_the_app_pages_have_no_inline_script_or_style(browser, url):
    assert InlineCode(browser.get(url).content.decode()).found == []


def test_the_lockout_page_has_no_inline_script_or_style(db):
    client = Client()
    for _ in range(5):
        response = client.post("/login/", {"username": "someone", "password": "wrong"})

    assert response.status_code == 429
    assert InlineCode(response.content.decode()).found == []


INLINE_IN_SOURCE = re.compile(
    r"""style\s*=|<style|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:|hx-on""",
    re.IGNORECASE,
)
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_no_template_holds_inline_script_or_style(template):
    source = TEMPLATE_COMMENT.sub("", template.read_text())

    assert INLINE_IN_SOURCE.findall(source) == []


# htmx under this policy


class HeadTags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(login_page):
    tags = HeadTags(login_page.content.decode()).tags
    config = next(attrs for tag, attrs in tags if attrs.get("name") == "htmx-config")

    htmx_config = json.loads(config["content"])
    assert {k: v for k, v in htmx_config.items() if k != "responseHandling"} == {
        "includeIndicatorStyles": False,
        "allowEval": False,
        "allowScriptTags": False,
        "attributesToSettle": ["class", "width", "height"],
    }


def test_htmx_swaps_form_and_conflict_answers_into_their_region_and_no_other_error(login_page):
    tags = HeadTags(login_page.content.decode()).tags
    config = next(attrs for tag, attrs in tags if attrs.get("name") == "htmx-config")
    rules = json.loads(config["content"])["responseHandling"]

    def handling(status: int) -> dict:
        return next(rule for rule in rules if re.search(rule["code"], str(status)))

    for shown in (200, 400, 409, 422):
        assert handling(shown)["swap"] is True
        assert not handling(shown).get("error")  # django-htmx's debug script ignores it
    for dropped in (204, 403, 404, 500):
        assert handling(dropped)["swap"] is False


def test_htmx_reads_its_config_before_it_loads_from_our_own_static_files(login_page):
    tags = HeadTags(login_page.content.decode()).tags
    config_at = next(i for i, (_, attrs) in enumerate(tags) if attrs.get("name") == "htmx-config")
    htmx_at, htmx = next(
        (i, attrs) for i, (tag, attrs) in enumerate(tags) if "htmx" in attrs.get("src", "")
    )

    assert config_at < htmx_at
    assert htmx["src"].startswith("/static/django_htmx/htmx-2")


# Bootstrap, from our own static files


def test_bootstrap_5_3_is_vendored_with_its_licence_and_provenance():
    version = (BOOTSTRAP / "VERSION").read_text()

    assert re.search(r"^version: 5\.3\.\d+$", version, re.MULTILINE)
    assert re.search(r"^integrity: sha512-\S+$", version, re.MULTILINE)
    assert "MIT License" in (BOOTSTRAP / "LICENSE").read_text()
    for name in (
        "css/bootstrap.min.css",
        "css/bootstrap.min.css.map",
        "js/bootstrap.bundle.min.js",
        "js/bootstrap.bundle.min.js.map",
    ):
        assert (BOOTSTRAP / name).stat().st_size > 10_000


def test_the_vendored_files_are_the_version_recorded(login_page):
    version = re.search(r"^version: (\S+)$", (BOOTSTRAP / "VERSION").read_text(), re.M)[1]

    assert f"Bootstrap  v{version} " in (BOOTSTRAP / "css/bootstrap.min.css").read_text()
    assert f"Bootstrap v{version} " in (BOOTSTRAP / "js/bootstrap.bundle.min.js").read_text()
