"""Optimistic locking that guards against another person, never against oneself.

Every edit names the case version its page showed. Every audited change records the case
version it made, so an edit can ask: which of the things I change did someone else change after
the version I saw? Only those are conflicts. The same clinician in two tabs, a field's own save
racing its form's Next, or two clinicians deciding on separate recommendations all go through.

A "thing" is a tuple naming what changed, from the general to the particular:
("answers", number, field), ("decision", number, code), ("status",), ("infusion", number, day),
("course", number). An edit of ("answers", 2) touches every answer of assessment 2 (producing
its plan reads them all); recording the next day of a course touches ("course", number), which
another clinician's recorded or cancelled day changes (the next day's number moves), while a
correction or a cancellation touches its own day only.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F
from django.utils import timezone

from decisions.models import AuditEvent, Case

Action = AuditEvent.Action
STATUS = ("status",)


def answer_field(number: int, field: str) -> tuple:
    return ("answers", number, field)


def every_answer(number: int) -> tuple:
    return ("answers", number)


def decision_on(number: int, code: str) -> tuple:
    return ("decision", number, code)


def infusion_day(number: int, day: int) -> tuple:
    """One day's infusion under assessment `number`'s plan (corrected or cancelled alone)."""
    return ("infusion", number, day)


def infusion_course(number: int) -> tuple:
    """Which days of assessment `number`'s course are given: recording the next day reads it."""
    return ("course", number)


def posted_version(request) -> int | None:
    """The case version a form was loaded with (its hidden `version` field), if it sent one."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


class ConcurrentEditError(Exception):
    """Someone else changed what this edit changes since the page was loaded; nothing was saved."""

    def __init__(self, reference: str, changes: tuple["Change", ...] = ()):
        super().__init__(reference)
        self.changes = changes


@dataclass(frozen=True)
class Change:
    """One thing another clinician changed after the version a page showed."""

    thing: tuple
    actor: object
    at: datetime
    action: str

    @property
    def subject(self) -> str:
        """The field or recommendation code changed."""
        return self.thing[-1]


def things_changed(event: AuditEvent) -> list[tuple]:
    """What an audited edit changed, in the terms edits declare what they touch."""
    detail = event.detail
    number = detail.get("number")
    if event.action == Action.ASSESSMENT_CHANGED:
        names = [*detail.get("fields", []), *detail.get("dropped", [])]
        return [answer_field(number, name) for name in names]
    if event.action == Action.PLAN_CREATED:
        return [every_answer(number)]
    if event.action in (Action.ACCEPTED, Action.OVERRIDDEN):
        return [decision_on(number, detail.get("code"))]
    if event.action in (Action.CLOSED, Action.REOPENED):
        return [STATUS]
    if event.action in (Action.INFUSION_RECORDED, Action.INFUSION_CANCELLED):
        return [infusion_day(number, detail.get("day")), infusion_course(number)]
    if event.action == Action.INFUSION_CORRECTED:
        return [infusion_day(number, detail.get("day"))]
    return []


def _overlap(a: tuple, b: tuple) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def changes_by_others(case: Case, *, user, since: int, touches) -> tuple[Change, ...]:
    """The latest change by anyone but `user` to each of `touches` after version `since`."""
    events = (
        AuditEvent.objects.filter(case=case, case_version__gt=since)
        .exclude(actor=user)
        .select_related("actor")
        .order_by("case_version", "id")
    )
    found = {}
    for event in events:
        for thing in things_changed(event):
            if any(_overlap(thing, touched) for touched in touches):
                found[thing] = Change(thing, event.actor, event.at, event.action)
    return tuple(found.values())


def version_claim(case: Case, *, user, expected_version: int | None, touches) -> int:
    """Move the case to its next version for an edit of `touches` and return it; or raise
    ConcurrentEditError naming what others changed of those things after `expected_version`.

    Call inside the edit's transaction: the UPDATE holds the case row until commit, so claims on
    one case run one after another and each sees the audit events of the claims before it.
    """
    Case.objects.filter(pk=case.pk).update(version=F("version") + 1, updated_at=timezone.now())
    case.refresh_from_db(fields=["version", "updated_at"])
    if expected_version is not None:
        changes = changes_by_others(case, user=user, since=expected_version, touches=touches)
        if changes:
            case.version -= 1  # the transaction is rolled back; so is the claim
            raise ConcurrentEditError(case.reference, changes)
    return case.version


def case_version_bump(case: Case, expected_version: int | None) -> None:
    """Claim the next version of the case, or fail if anyone at all got there first.

    Strict, for opening an assessment; edits use version_claim."""
    cases = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        cases = cases.filter(version=expected_version)
    if cases.update(version=F("version") + 1, updated_at=timezone.now()) != 1:
        raise ConcurrentEditError(case.reference)
    case.refresh_from_db(fields=["version", "updated_at"])
