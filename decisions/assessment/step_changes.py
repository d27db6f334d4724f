"""What a step's post changes, and keeping the page in step with what others saved meanwhile.

A step page carries `seen`, the saved answers of its fields as it shows them. A field whose
posted value is still the one seen was not touched on this page, so a newer value saved from
elsewhere (a colleague, another tab) is kept. After each save the page is sent the fields saved
elsewhere since it last heard, so what it shows is what its new version holds.
"""

import json
from typing import NamedTuple

from django.http import HttpRequest

from decisions.assessment.forms import StepForm, posted_values
from decisions.assessment.steps import prune
from decisions.cases.conflict_wording import when, who
from decisions.cases.versioning import answer_field, changes_by_others
from decisions.models import Assessment


class PageChange(NamedTuple):
    """What the clinician changed on the page, ready for assessment_save_answers."""

    answers: dict
    dropped: tuple[str, ...]
    confirmed: tuple[str, ...]
    mine: frozenset[str]  # the fields typed, ticked or cleared on this page


def posted_seen(request: HttpRequest) -> dict | None:
    """The saved answers of the step as the page showed them (None from a page without)."""
    try:
        seen = json.loads(request.POST["seen"])
    except (KeyError, ValueError):
        return None
    return seen if isinstance(seen, dict) else None


def page_change(request: HttpRequest, assessment: Assessment, form: StepForm) -> PageChange:
    """The step's valid answers the clinician changed; those that stopped mattering dropped."""
    posted = form.answers()
    seen = posted_seen(request)
    typed = posted
    if seen is not None:
        typed = {name: value for name, value in posted.items() if seen.get(name) != value}
    merged = {**assessment.answers, **typed}
    cleared = set()
    for name in form.step.fields:
        emptied = name not in posted and name not in form.errors and name in request.POST
        if emptied and (seen is None or seen.get(name) is not None):
            merged.pop(name, None)
            cleared.add(name)
    kept = prune(merged)
    return PageChange(
        answers={k: v for k, v in kept.items() if assessment.answers.get(k) != v},
        dropped=tuple(name for name in assessment.answers if name not in kept),
        confirmed=tuple(n for n in form.confirmed_fields() if n in form.step.fields),
        mine=frozenset(typed) | cleared,
    )


def saved_since_seen(request: HttpRequest, assessment: Assessment, form, mine) -> set[str]:
    """Fields of the step saved from elsewhere since the page last heard, not touched on it."""
    seen = posted_seen(request)
    if seen is None:
        return set()
    saved = assessment.answers
    return {
        name for name in form.step.fields if name not in mine and seen.get(name) != saved.get(name)
    }


def changed_elsewhere(request: HttpRequest, assessment: Assessment, form, mine) -> set[str]:
    """Fields of the step a colleague saved since the page last heard, not touched on it: the
    page is shown them. What the clinician saved in another tab of their own is not swapped
    into this page (they may be typing in that very field); the page keeps what it saw of it,
    so the field is saved from this page only if typed here, and then this page's value wins."""
    candidates = saved_since_seen(request, assessment, form, mine)
    if not candidates:
        return set()
    return set(colleague_notes(request, assessment, candidates))


def kept_seen(request: HttpRequest, assessment: Assessment, form, mine, elsewhere) -> dict:
    """Field -> the value the page saw (None: empty), for the fields saved in the clinician's
    other tab that this page was not shown: its `seen` keeps saying what it shows."""
    seen = posted_seen(request) or {}
    own = saved_since_seen(request, assessment, form, mine) - set(elsewhere)
    return {name: seen.get(name) for name in own}


def with_saved_values(request: HttpRequest, assessment: Assessment, form, names) -> StepForm:
    """The posted form, re-checked, with the fields `names` showing their saved answers."""
    data = request.POST.copy()
    for name in names:
        data.setlist(name, posted_values(assessment.answers.get(name)))
    updated = StepForm(
        data, step=form.step, saved=assessment.answers, confirmed=assessment.confirmed
    )
    updated.is_valid()
    return updated


def colleague_notes(request: HttpRequest, assessment: Assessment, names) -> dict[str, str]:
    """Field -> who changed it since the page's version, when that was a colleague."""
    try:
        since = int(request.POST.get("version", ""))
    except ValueError:
        return {}
    changes = changes_by_others(
        assessment.case,
        user=request.user,
        since=since,
        touches=[answer_field(assessment.number, name) for name in names],
    )
    return {
        change.subject: f"{who(change.actor)} changed this at {when(change)}." for change in changes
    }


def brought_up_to_date(request: HttpRequest, assessment: Assessment, form: StepForm, mine):
    """The form showing what was saved elsewhere since the page last heard (a colleague, the
    clinician's other tab), and the names of those a colleague changed, to be shown."""
    saved = saved_since_seen(request, assessment, form, mine)
    if not saved:
        return form, set()
    # Checked with every field saved elsewhere (an age group the other tab chose is not
    # missing); shown only those a colleague changed (changed_elsewhere).
    elsewhere = changed_elsewhere(request, assessment, form, mine)
    return with_saved_values(request, assessment, form, saved), elsewhere
