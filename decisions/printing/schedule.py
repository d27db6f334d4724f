"""When the infusion days and the renal checks of a printed plan fall.

Two sources, the recorded one first:
- the infusions as given, recorded on the ward (`infusion_schedule_for`, from the reminders'
  record): days and checks with their exact dates and times;
- a planned start the clinician gives when printing (`?start=2026-12-01T09:00`): the days of the
  regimen from it, and each renal check no earlier than its hours after the last day's start
  (the infusion's end, which the checks count from, is not known until it is recorded).
With neither, the paper says that the dates appear once the infusion is recorded.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from decisions.monitoring.selectors import course_record
from decisions.snapshot import ivig_course, renal_check_hours

START_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


@dataclass(frozen=True, slots=True)
class InfusionDay:
    number: int
    starts_at: datetime
    ends_at: datetime | None = None  # known once the infusion is recorded


@dataclass(frozen=True, slots=True)
class RenalCheckTime:
    hours_after_infusion: int
    # Recorded: when the check is due. Planned: the earliest it can be due.
    due_at: datetime


@dataclass(frozen=True, slots=True)
class InfusionSchedule:
    days: tuple[InfusionDay, ...] = ()
    renal_checks: tuple[RenalCheckTime, ...] = ()
    # False: planned from a start given at printing; True: from the infusions as recorded.
    recorded: bool = False

    def renal_check_due(self, hours_after_infusion: int) -> RenalCheckTime | None:
        return next(
            (c for c in self.renal_checks if c.hours_after_infusion == hours_after_infusion), None
        )


def infusion_schedule_for(snapshot) -> InfusionSchedule:
    """The infusions recorded for this plan and the renal checks they set (empty before any).

    Read from the reminders' own record (decisions.monitoring.selectors.course_record):
    each day as given, and each open or done check with its due time, counted from the end of
    the course's last infusion; a later day's checks replace an earlier day's.
    """
    recorded = course_record(snapshot)
    if not recorded["infusions"]:
        return InfusionSchedule()
    latest = {c["hours_after_infusion"]: c["due_at"] for c in recorded["checks"]}
    return InfusionSchedule(
        days=tuple(
            InfusionDay(number=d["day"], starts_at=d["started_at"], ends_at=d["ended_at"])
            for d in recorded["infusions"]
        ),
        renal_checks=tuple(RenalCheckTime(hours, due) for hours, due in sorted(latest.items())),
        recorded=True,
    )


def parse_start(value: str) -> datetime:
    """A planned start as `YYYY-MM-DDTHH:MM` in the site's time zone; ValueError otherwise."""
    start = datetime.strptime(value.strip(), START_FORMAT)  # naive: made aware below
    return timezone.make_aware(start)


def planned_schedule(plan: dict, start: datetime) -> InfusionSchedule:
    """The regimen's days from a planned start and the earliest time of each renal check."""
    ivig = ivig_course(plan)
    if ivig is None or not ivig.get("days"):
        return InfusionSchedule()
    days = tuple(
        InfusionDay(number=n, starts_at=start + timedelta(days=n - 1))
        for n in range(1, ivig["days"] + 1)
    )
    last_start = days[-1].starts_at
    checks = tuple(
        RenalCheckTime(hours, last_start + timedelta(hours=hours))
        for hours in renal_check_hours(plan)
    )
    return InfusionSchedule(days=days, renal_checks=checks, recorded=False)


def schedule_for_print(snapshot, start: datetime | None) -> InfusionSchedule:
    """What the paper dates: the infusions as recorded, else the planned start, else nothing."""
    recorded = infusion_schedule_for(snapshot)
    if recorded.days:
        return recorded
    if start is not None:
        return planned_schedule(snapshot.plan, start)
    return InfusionSchedule()
