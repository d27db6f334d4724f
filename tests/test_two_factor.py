"""Second factor: authenticator apps (TOTP) and recovery codes, required of administrators."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TeamFactory, UserFactory, clinician_in
from tests.two_factor import current_code, totp_device

PASSWORD = "correct horse battery staple"
ENROL = "/account/two-factor/set-up/"
VERIFY = "/account/two-factor/"


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def ward_clinician(db):
    return clinician_in(TeamFactory(name="Ward 7"), username="dr_ward")


def logged_in(user) -> Client:
    """A client past the login page's password (axes wants a real request)."""
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def secret_on_page(response) -> bytes:
    """The key shown for typing in, back to the bytes the app computes codes from."""
    text = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', response.content.decode()).group(1)
    secret = text.replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


def code_from(secret: bytes) -> str:
    return f"{totp(secret):06d}"


def enrol(client) -> list[str]:
    """Set up an app from the enrolment page; returns the recovery codes it then shows."""
    page = client.get(ENROL)
    response = client.post(ENROL, {"code": code_from(secret_on_page(page)), "next": "/"})
    assert response.status_code == 200
    return response.context["recovery_codes"]


def test_an_admin_without_a_device_is_sent_to_set_one_up(admin_user):
    client = logged_in(admin_user)

    for path in ("/", "/admin/", "/cases/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(f"{ENROL}?next="), path


def test_the_enrolment_page_draws_the_qr_code_as_svg_and_shows_the_secret(admin_user):
    response = logged_in(admin_user).get(ENROL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<path" in page
    # The Content-Security-Policy allows no inline style: the drawing needs none.
    assert "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert len(secret_on_page(response)) == 20


def test_enrolment_with_the_apps_code_lets_the_admin_in_and_shows_recovery_codes(admin_user):
    client = logged_in(admin_user)

    codes = enrol(client)

    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200


def test_enrolment_refuses_a_wrong_code(admin_user):
    client = logged_in(admin_user)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "000000"})

    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_the_next_login_asks_for_the_code_and_takes_the_current_one(admin_user):
    device = totp_device(admin_user)
    client = logged_in(admin_user)

    assert client.get("/admin/").url == f"{VERIFY}?next=%2Fadmin%2F"
    response = client.post(VERIFY, {"code": current_code(device), "next": "/admin/"})

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(admin_user):
    device = totp_device(admin_user)
    client = logged_in(admin_user)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong, "next": "/"})

    assert response.status_code == 400
    assert "not right" in response.content.decode()
    assert client.get("/").status_code == 302


def test_a_recovery_code_works_once(admin_user):
    codes = enrol(logged_in(admin_user))

    first = logged_in(admin_user)
    assert first.post(VERIFY, {"code": codes[0], "next": "/"}).status_code == 302
    assert first.get("/").status_code == 200

    second = logged_in(admin_user)
    assert second.post(VERIFY, {"code": codes[0], "next": "/"}).status_code == 400
    assert second.get("/").status_code == 302


def test_the_verify_page_never_sends_the_user_off_site(admin_user):
    device = totp_device(admin_user)
    client = logged_in(admin_user)

    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})

    assert response.url == "/"


def test_clinicians_need_no_second_factor_by_default(ward_clinician):
    assert logged_in(ward_clinician).get("/").status_code == 200


def test_clinicians_need_one_when_the_setting_says_so(ward_clinician, settings):
    settings.MFA_REQUIRED_FOR_CLINICIANS = True

    response = logged_in(ward_clinician).get("/cases/")

    assert response.url == f"{ENROL}?next=%2Fcases%2F"


def test_a_clinician_who_set_one_up_is_always_asked_for_it(ward_clinician):
    totp_device(ward_clinician)

    response = logged_in(ward_clinician).get("/")

    assert response.url == f"{VERIFY}?next=%2F"


def test_replacing_the_app_asks_for_the_current_one_first(admin_user):
    totp_device(admin_user)

    response = logged_in(admin_user).get(ENROL)

    assert response.url == VERIFY


def test_logging_out_needs_no_second_factor(admin_user):
    client = logged_in(admin_user)

    response = client.post("/logout/")

    assert response.status_code == 302
    assert response.url == "/login/"


def test_a_clinician_may_turn_it_on_from_the_menu(ward_clinician):
    client = logged_in(ward_clinician)
    assert ENROL in client.get("/").content.decode()

    enrol(client)

    assert ENROL not in client.get("/").content.decode()
    assert logged_in(ward_clinician).get("/").url == f"{VERIFY}?next=%2F"


@pytest.mark.parametrize(
    "devices",
    [
        [],
        [("totp", False)],
        [("totp", True)],
        [("static", True)],
        [("static", False), ("totp", False)],
    ],
)
def test_a_confirmed_device_is_found_as_django_otp_finds_it(ward_clinician, devices):
    from django_otp import user_has_device
    from django_otp.plugins.otp_static.models import StaticDevice

    from decisions.accounts.two_factor import has_confirmed_device

    other = UserFactory()
    TOTPDevice.objects.create(user=other, name="Not theirs", confirmed=True)
    for kind, confirmed in devices:
        model = TOTPDevice if kind == "totp" else StaticDevice
        model.objects.create(user=ward_clinician, name=kind, confirmed=confirmed)
    assert has_confirmed_device(ward_clinician) == user_has_device(ward_clinician, confirmed=True)
    assert has_confirmed_device(ward_clinician) == any(confirmed for _, confirmed in devices)
