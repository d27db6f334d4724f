"""Case versions: an edit names the version it started from, so another clinician's change
made in between is refused instead of silently overwritten."""

from django.db.models import F
from django.utils import timezone

from decisions.models import Case


class ConcurrentEditError(Exception):
    """The case changed since the clinician loaded it; nothing was saved."""


def posted_version(request) -> int | None:
    """The case version a form was loaded with (its hidden `version` field), if it sent one."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def case_version_bump(case: Case, expected_version: int | None) -> None:
    """Claim the next version of the case, or fail if someone else got there first."""
    cases = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        cases = cases.filter(version=expected_version)
    if cases.update(version=F("version") + 1, updated_at=timezone.now()) != 1:
        raise ConcurrentEditError(case.reference)
    case.refresh_from_db(fields=["version", "updated_at"])
