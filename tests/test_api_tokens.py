import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from decisions.api.tokens import (
    PREFIX_LENGTH,
    api_token_issue,
    api_token_revoke,
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
