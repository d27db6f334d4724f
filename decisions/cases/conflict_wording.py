"""What a clinician is told when a colleague changed the same thing first: who, what, when."""

from django.utils import timezone

from decisions.cases.versioning import Change


def who(actor) -> str:
    if actor is None:
        return "The system"
    return actor.get_full_name() or actor.get_username()


def when(change: Change) -> str:
    return timezone.localtime(change.at).strftime("%H:%M")


def answer_conflict(change: Change, *, theirs: str | None, yours: str | None) -> str:
    """Beside a field: the colleague's value is now in the field; the clinician's is quoted."""
    done = f"changed this to {theirs}" if theirs is not None else "cleared this"
    kept = f"Yours ({yours}) was not saved" if yours is not None else "Your change was not saved"
    return (
        f"{who(change.actor)} {done} at {when(change)}, after you opened this page. "
        f"{kept}: check it, and enter yours again if it should replace theirs."
    )


def plan_answers_conflict(changes: tuple[Change, ...], labels: dict[str, str]) -> str:
    """On the review page: the answers changed under it, so the plan was not made."""
    what = "; ".join(
        f"{who(c.actor)} changed {labels.get(c.subject, 'the answers')} at {when(c)}"
        for c in changes
    )
    return (
        f"The plan was not made: {what}, after you opened this page. "
        "The answers below are as they are now; check them and produce the plan again."
    )


def decision_conflict(change: Change, *, theirs: str) -> str:
    """Beside a recommendation's buttons: the colleague's decision is the one shown above."""
    return (
        f"{who(change.actor)} {theirs} this recommendation at {when(change)}, after you opened "
        "this page. Your decision was not saved: decide again if it should replace theirs."
    )


def status_conflict(change: Change) -> str:
    return (
        f"{who(change.actor)} {change.action} this case at {when(change)}, after you opened "
        "this page; nothing was changed. Check it and try again."
    )
