"""Writes for accounts: clinicians (ordinary, non-staff users) and the teams they belong to."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from decisions.models import Team
from decisions.models.teams import validate_one_line


class ClinicianExistsError(Exception):
    """A user of that name exists already; nothing was changed."""


def team_member_add(*, user, team_name: str) -> tuple[Team, bool]:
    """Add `user` to the team called `team_name`, creating the team if needed.

    Returns the team and whether it was created; raises ValidationError for a name with a line
    break in it."""
    validate_one_line(team_name)
    team, created = Team.objects.get_or_create(name=team_name)
    team.members.add(user)
    return team, created


@transaction.atomic
def clinician_create(*, username: str, team_name: str, password: str, email: str = ""):
    """A new active, non-staff user in `team_name`; returns the user and whether the team is new.

    Raises ClinicianExistsError, or ValidationError keyed by field ("email", "team",
    "password") if the address is malformed, the team's name has a line break, or the password
    fails the site's validators (AUTH_PASSWORD_VALIDATORS)."""
    User = get_user_model()
    if User._default_manager.filter(username=username).exists():
        raise ClinicianExistsError(f"User '{username}' already exists.")
    if email:
        _validate_field("email", validate_email, email)
    _validate_field("team", validate_one_line, team_name)
    user = User(username=username, email=User._default_manager.normalize_email(email))
    _validate_field("password", validate_password, password, user)
    user.set_password(password)
    user.save()
    _team, team_created = team_member_add(user=user, team_name=team_name)
    return user, team_created


@transaction.atomic
def team_memberships_set(*, user, team_names) -> list[Team]:
    """Make `user` a member of exactly the existing teams named in `team_names`; returns them.

    Names of no team (a directory has many groups) are passed over, never made into teams."""
    teams = list(Team.objects.filter(name__in=set(team_names)))
    user.teams.set(teams)
    return teams


def _validate_field(field: str, validator, *args) -> None:
    try:
        validator(*args)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
