import hashlib
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from decisions.api.tokens import (
    PREFIX_LENGTH,
    api_token_issue,
    api_token_revoke,
    forget_accepted_tokens,
    user_id_for_bearer_token,
)
from decisions.models import ApiToken
from tests.factories import UserFactory


def issue_via_command(username, *args):
    out = StringIO()
    call_command("issue_api_token", username, *args, stdout=out)
    return out.getvalue().splitlines()


def test_command_prints_a_working_token_alone_on_the_last_line(user):
    lines = issue_via_command(user.username)

    token = lines[-1]
    assert token.startswith("ivig_")
    assert token == token.strip()
    assert " " not in token
    assert user_id_for_bearer_token(token) == user.pk


def test_command_stores_the_token_name(user):
    issue_via_command(user.username, "--name", "ward EHR")

    assert ApiToken.objects.get(user=user).name == "ward EHR"


def test_only_the_hash_is_stored(user):
    raw = api_token_issue(user=user)

    token = ApiToken.objects.get(user=user)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in (token.token_hash, token.prefix, token.name)
    assert raw.startswith(token.prefix)


def test_a_user_may_hold_several_tokens(user):
    first, second = api_token_issue(user=user), api_token_issue(user=user)

    assert first != second
    assert user_id_for_bearer_token(first) == user.pk
    assert user_id_for_bearer_token(second) == user.pk


def test_revoke_by_prefix_revokes_only_that_token(user):
    kept, revoked = api_token_issue(user=user), api_token_issue(user=user)

    issue_via_command(user.username, "--revoke", revoked[:PREFIX_LENGTH])

    assert user_id_for_bearer_token(revoked) is None
    assert user_id_for_bearer_token(kept) == user.pk


def test_revoke_all_revokes_every_token_of_the_user_only(user):
    mine = [api_token_issue(user=user) for _ in range(2)]
    theirs = api_token_issue(user=UserFactory())

    lines = issue_via_command(user.username, "--revoke-all")

    assert "Revoked 2" in lines[-1]
    assert all(user_id_for_bearer_token(raw) is None for raw in mine)
    assert user_id_for_bearer_token(theirs) is not None


def test_revoking_an_unknown_prefix_is_an_error(user):
    with pytest.raises(CommandError, match="no live token"):
        issue_via_command(user.username, "--revoke", "ivig_nosuchtk")


def test_revoke_service_returns_how_many_it_revoked(user):
    raw = api_token_issue(user=user)

    assert api_token_revoke(user=user, prefix=raw) == 1
    assert api_token_revoke(user=user, prefix=raw) == 0


def test_unknown_user_is_a_command_error_with_exit_code_1(db):
    with pytest.raises(CommandError, match="No user named 'nobody'") as error:
        issue_via_command("nobody")

    assert error.value.returncode == 1
    assert not ApiToken.objects.exists()


def test_inactive_user_gets_no_token(db):
    inactive = UserFactory(is_active=False)

    with pytest.raises(CommandError, match="inactive"):
        issue_via_command(inactive.username)


def test_token_of_a_user_deactivated_later_stops_working(user):
    raw = api_token_issue(user=user)
    user.is_active = False
    user.save()

    assert user_id_for_bearer_token(raw) is None


@pytest.mark.parametrize("raw", ["", None, "ivig_wrong", "x" * 10_000])
def test_unknown_or_malformed_tokens_find_no_user(db, raw):
    assert user_id_for_bearer_token(raw) is None


def test_an_accepted_token_is_not_looked_up_again(user, django_assert_num_queries):
    raw = api_token_issue(user=user)
    assert user_id_for_bearer_token(raw) == user.pk
    with django_assert_num_queries(0):
        assert user_id_for_bearer_token(raw) == user.pk


def test_revoking_forgets_an_accepted_token_at_once(user):
    raw = api_token_issue(user=user)
    assert user_id_for_bearer_token(raw) == user.pk
    api_token_revoke(user=user)
    assert user_id_for_bearer_token(raw) is None


def test_deactivating_a_user_forgets_their_accepted_tokens_at_once(user):
    raw = api_token_issue(user=user)
    assert user_id_for_bearer_token(raw) == user.pk
    user.is_active = False
    user.save()
    assert user_id_for_bearer_token(raw) is None


def test_with_no_trust_time_every_request_checks_the_database(
    user, settings, django_assert_num_queries
):
    settings.API_TOKEN_CACHE_SECONDS = 0
    raw = api_token_issue(user=user)
    user_id_for_bearer_token(raw)
    with django_assert_num_queries(1):
        assert user_id_for_bearer_token(raw) == user.pk


def evaluate_with(raw):
    body = {
        "weight_kg": 70,
        "age_group": "adult",
        "condition": "primary_itp",
        "platelet_count": 18_000,
        "bleeding": "none",
    }
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    return client.post("/api/v1/evaluate", data=json.dumps(body), content_type="application/json")


def test_a_token_expires_after_api_token_days(user, settings):
    settings.API_TOKEN_DAYS = 30
    raw = api_token_issue(user=user)

    token = ApiToken.objects.get(user=user)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    with freeze_time(timezone.now() + timedelta(days=31)):
        response = evaluate_with(raw)
    assert response.status_code == 401
    assert "expired" in response.json()["error"]
    assert "expired" in response["WWW-Authenticate"]


def test_a_token_without_the_evaluate_scope_is_refused_403(user):
    raw = api_token_issue(user=user, scopes=("fhir",))

    response = evaluate_with(raw)

    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response["WWW-Authenticate"]
    assert evaluate_with(api_token_issue(user=user, scopes=("fhir", "evaluate"))).status_code == 200


def test_an_unknown_scope_is_refused(user):
    with pytest.raises(ValueError, match="Scopes must be some of evaluate, fhir, export"):
        api_token_issue(user=user, scopes=("admin",))


def test_command_issues_a_token_with_its_scopes_and_lifetime(user):
    issue_via_command(user.username, "--scope", "fhir", "--scope", "export", "--days", "7")

    token = ApiToken.objects.get(user=user)
    assert token.scope_list == ["fhir", "export"]
    assert token.expires_at - token.created_at < timedelta(days=7, seconds=5)


def test_last_use_is_noted_at_most_once_a_minute(user, settings):
    settings.API_TOKEN_CACHE_SECONDS = 0
    raw = api_token_issue(user=user)
    assert ApiToken.objects.get().last_used_at is None

    assert evaluate_with(raw).status_code == 200
    first = ApiToken.objects.get().last_used_at
    evaluate_with(raw)

    assert first is not None
    assert ApiToken.objects.get().last_used_at == first
    with freeze_time(timezone.now() + timedelta(minutes=2)):
        evaluate_with(raw)
    assert ApiToken.objects.get().last_used_at > first


def test_the_list_shows_scopes_expiry_and_last_use(user):
    raw = api_token_issue(user=user, name="ward EHR")
    evaluate_with(raw)

    [line] = issue_via_command(user.username, "--list")

    assert line.startswith(raw[:PREFIX_LENGTH])
    assert "evaluate" in line
    assert "expires " in line
    assert "last used never" not in line
    assert line.endswith("ward EHR")


def test_rotation_gives_a_new_token_and_the_old_one_works_for_the_overlap(user):
    old = api_token_issue(user=user, name="ward EHR", scopes=("evaluate", "fhir"))

    lines = issue_via_command(
        user.username, "--rotate", old[:PREFIX_LENGTH], "--overlap-hours", "2"
    )

    new = lines[-1]
    assert new != old
    assert ApiToken.objects.get(prefix=new[:PREFIX_LENGTH]).scope_list == ["evaluate", "fhir"]
    assert evaluate_with(new).status_code == 200
    assert evaluate_with(old).status_code == 200
    forget_accepted_tokens()
    with freeze_time(timezone.now() + timedelta(hours=3)):
        assert evaluate_with(old).status_code == 401
        assert evaluate_with(new).status_code == 200


def test_rotating_an_unknown_prefix_is_an_error(user):
    with pytest.raises(CommandError, match="no live token"):
        issue_via_command(user.username, "--rotate", "ivig_nothing")
