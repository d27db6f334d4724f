"""The guided assessment: one short form per step, then a review, then the plan.

Without JavaScript each step is a plain form. With htmx, the form is re-checked and saved as
each field is left (so going back keeps what was typed), fields that matter appear in place,
and a preview shows the grade and the dose as the count and weight are typed.
"""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from decisions.assessment.answers import answer_text
from decisions.assessment.fields import build_field, field_label
from decisions.assessment.form_wording import clinician_message
from decisions.assessment.forms import (
    StepForm,
    as_engine_values,
    field_slots,
    hide_untouched_errors,
    shown_conditional_fields,
    suspicious_values,
)
from decisions.assessment.request import InvalidRequest, parse_evaluate_request
from decisions.assessment.services import (
    AssessmentCompleteError,
    assessment_complete,
    assessment_save_answers,
    assessment_start,
)
from decisions.assessment.step_changes import (
    brought_up_to_date,
    changed_elsewhere,
    colleague_notes,
    kept_seen,
    page_change,
    with_saved_values,
)
from decisions.assessment.steps import (
    STEP_OF_FIELD,
    STEPS,
    STEPS_BY_SLUG,
    next_step,
    previous_step,
    prune,
)
from decisions.assessment.views.emergency import (
    emergency_core_changed,
    emergency_core_for,
    emergency_plan_make,
)
from decisions.cases import conflict_wording as conflict_wording
from decisions.cases.reads import audited_read
from decisions.cases.selectors import assessment_get_for_user, case_get_for_user
from decisions.cases.versioning import ConcurrentEditError, posted_version
from decisions.engine.doses import prednisone_range_mg
from decisions.engine.grading import ctcae_grade, platelet_count_per_uL
from decisions.engine.vocabulary import PlateletUnit
from decisions.models import Assessment

CONFLICT = (
    "Another clinician changed this case while you were editing. Your last change was not "
    "saved; the form now shows the case as it is. Check it and enter your change again."
)


def _url(assessment: Assessment, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"pk": assessment.case_id, "number": assessment.number, **kwargs})


def _step_url(assessment: Assessment, slug: str) -> str:
    return _url(assessment, "assessment-step", step=slug)


@require_POST
def assessment_new(request, pk: int):
    """Reassess a case: a new numbered assessment; the earlier ones and their plans stay."""
    case = case_get_for_user(request.user, pk)
    assessment = assessment_start(case=case, user=request.user)
    return redirect(_step_url(assessment, STEPS[0].slug))


@require_http_methods(["GET", "POST"])
@audited_read("assessment")
def assessment_step(request, pk: int, number: int, step: str):
    assessment = assessment_get_for_user(request.user, pk, number)
    if step not in STEPS_BY_SLUG:
        raise Http404("No such step")
    if assessment.status == Assessment.Status.COMPLETE:
        return redirect(_url(assessment, "plan-detail"))
    current = STEPS_BY_SLUG[step]
    if request.method == "GET":
        form = _fresh_form(assessment, current)
        return _render_step(request, assessment, form)
    form = StepForm(
        request.POST, step=current, saved=assessment.answers, confirmed=assessment.confirmed
    )
    form.is_valid()
    change = page_change(request, assessment, form)
    try:
        assessment_save_answers(
            assessment=assessment,
            user=request.user,
            answers=change.answers,
            dropped=change.dropped,
            confirmed=change.confirmed,
            expected_version=posted_version(request),
        )
    except ConcurrentEditError as refused:
        return _render_conflict(request, assessment, form, refused, mine=change.mine)
    except AssessmentCompleteError:  # its plan was made meanwhile, in another tab
        plan_url = _url(assessment, "plan-detail")
        return HttpResponseClientRedirect(plan_url) if request.htmx else redirect(plan_url)
    # Checked again with what was saved elsewhere meanwhile: a field this page never touched
    # (an age group another tab chose) is not missing.
    form, elsewhere = brought_up_to_date(request, assessment, form, change.mine)
    keep = kept_seen(request, assessment, form, change.mine, elsewhere)
    if request.htmx:
        return _render_changed_slots(request, assessment, form, also=elsewhere, keep_seen=keep)
    if request.POST.get("nav") == "plan":  # the emergency fast path
        refused = emergency_plan_make(request, assessment)
        if refused is None:
            return redirect(_url(assessment, "plan-detail"))
        messages.error(request, refused)
        return _render_step(request, assessment, form, status=400)
    if request.POST.get("nav") == "back":
        previous = previous_step(current.slug)
        if previous is None:
            return redirect("case-detail", pk=assessment.case_id)
        return redirect(_step_url(assessment, previous.slug))
    if not form.is_valid():
        return _render_step(request, assessment, form, status=400, also=elsewhere)
    following = next_step(current.slug)
    if following is None:
        return redirect(_url(assessment, "assessment-review"))
    return redirect(_step_url(assessment, following.slug))


def _render_conflict(request, assessment: Assessment, form: StepForm, refused, mine):
    """Nothing was saved: the fields a colleague changed show their value and, beside it, who
    changed it and what this clinician had entered; everything else typed stays as typed."""
    assessment.refresh_from_db(fields=["answers", "confirmed"])
    on_step = {c.subject: c for c in refused.changes if c.subject in form.step.fields}
    if len(on_step) < len(refused.changes):  # a field of another step: show the page as it is
        messages.error(request, CONFLICT)
        if request.htmx:
            return HttpResponse(headers={"HX-Refresh": "true"})
        return _render_step(request, assessment, _fresh_form(assessment, form.step), status=409)
    typed = form.answers()
    elsewhere = changed_elsewhere(request, assessment, form, mine) | set(on_step)
    form = with_saved_values(request, assessment, form, elsewhere)
    for name, change in on_step.items():
        message = conflict_wording.answer_conflict(
            change,
            theirs=answer_text(name, assessment.answers[name], empty="None")
            if name in assessment.answers
            else None,
            yours=answer_text(name, typed[name], empty="None") if name in typed else None,
        )
        if name in form.fields:
            form.add_error(name, message)
    if request.htmx:
        return _render_changed_slots(request, assessment, form, also=elsewhere, status=409)
    return _render_step(request, assessment, form, status=409, also=elsewhere)


def _render_step(
    request,
    assessment: Assessment,
    form: StepForm,
    status: int = 200,
    also=frozenset(),
    keep_seen=None,
):
    notes = colleague_notes(request, assessment, also)
    context = _step_context(assessment, form, notes=notes, keep_seen=keep_seen)
    return TemplateResponse(request, "decisions/assessment_step.html", context, status=status)


def _render_changed_slots(
    request,
    assessment: Assessment,
    form: StepForm,
    also=frozenset(),
    status: int = 200,
    keep_seen=None,
):
    """Swap only the field just left, the fields that appeared or vanished and those a
    colleague changed (`also`), so nothing the clinician is typing elsewhere on the page is
    replaced under their fingers."""
    # The slot that sent the request (HX-Trigger is its id), else the field's own name.
    trigger = (request.htmx.trigger or "").removeprefix("slot-")
    trigger = trigger or (request.htmx.trigger_name or "").removeprefix("confirm_")
    was_shown = set(filter(None, request.POST.get("shown", "").split(",")))
    now_shown = set(shown_conditional_fields(form))
    changed = {trigger} | (was_shown ^ now_shown) | set(also)
    hide_untouched_errors(form, trigger, keep=also)
    notes = colleague_notes(request, assessment, also)
    context = _step_context(assessment, form, notes=notes, keep_seen=keep_seen)
    context["slots"] = [slot for slot in context["slots"] if slot["name"] in changed]
    context["emergency_changed"] = emergency_core_changed(request, context["emergency"])
    return TemplateResponse(
        request, "decisions/assessment_step.html#changed-slots", context, status=status
    )


def _fresh_form(assessment: Assessment, step) -> StepForm:
    return StepForm(
        initial=assessment.answers,
        step=step,
        saved=assessment.answers,
        confirmed=assessment.confirmed,
    )


def _step_context(assessment: Assessment, form: StepForm, notes=None, keep_seen=None) -> dict:
    answers = assessment.answers
    seen = {name: answers[name] for name in form.step.fields if name in answers}
    for name, value in (keep_seen or {}).items():  # saved in another tab, not shown here
        if value is None:
            seen.pop(name, None)
        else:
            seen[name] = value
    slots = field_slots(form)
    for slot in slots:
        # A field with a message (a conflict names the colleague already) needs no note.
        speaks = slot["field"] is not None and slot["field"].errors
        slot["note"] = None if speaks else (notes or {}).get(slot["name"])
    return {
        "seen": json.dumps(seen, separators=(",", ":")),
        "assessment": assessment,
        "case": assessment.case,
        "step": form.step,
        "steps": STEPS,
        "form": form,
        "slots": slots,
        "shown": shown_conditional_fields(form),
        "preview": _preview_of_form(assessment, form),
        "step_url": _step_url(assessment, form.step.slug),
        "emergency": emergency_core_for(assessment),
    }


def _preview_of_form(assessment: Assessment, form: StepForm) -> dict:
    """The preview of the values in the fields as the page shows them (not the last saved)."""
    if not form.is_bound:
        return build_preview(assessment.answers, confirmed=assessment.confirmed)
    typed = {name: form.data.get(name) for name in PREVIEWED if name in form.data}
    confirmed = form.confirmed_fields() if hasattr(form, "cleaned_data") else form.already_confirmed
    return build_preview({**assessment.answers, **typed}, confirmed=confirmed)


PREVIEWED = ("platelet_count", "platelet_unit", "weight_kg", "age_group")


def build_preview(answers: dict, *, confirmed=()) -> dict:
    """Grade and dose as typed so far: arithmetic only; the plan itself comes from the engine.

    A value the forms would refuse (impossible, or a likely slip not yet confirmed) shows
    nothing, so no dose is ever shown for a number other than the one the field accepts.
    """
    preview = {}
    rejected = _refused_values({name: answers.get(name) for name in PREVIEWED}, confirmed)
    answers = {name: value for name, value in answers.items() if name not in rejected}
    preview["weight_refused"] = "weight_kg" in rejected
    preview["count_refused"] = "platelet_count" in rejected
    try:
        count = float(answers["platelet_count"])
        unit = PlateletUnit(answers.get("platelet_unit") or PlateletUnit.PER_UL)
    except (KeyError, TypeError, ValueError):
        count = None
    if count is not None and count >= 0:
        per_uL = platelet_count_per_uL(count, unit)
        preview["count_per_uL"] = per_uL
        preview["grade"] = ctcae_grade(per_uL)
    try:
        weight = float(answers["weight_kg"])
    except (KeyError, TypeError, ValueError):
        weight = None
    if weight is not None and weight > 0:
        preview["weight_kg"] = weight
        preview["ivig_1g_per_kg_g"] = round(weight, 1)
        preview["ivig_0_4g_per_kg_g"] = round(weight * 0.4, 1)
        preview["prednisone_mg"] = prednisone_range_mg(weight)
    return preview


def _refused_values(answers: dict, confirmed) -> set[str]:
    """The previewed fields whose value the forms refuse as they stand."""
    values = as_engine_values({k: v for k, v in answers.items() if v not in (None, "")})
    refused = {name for name in suspicious_values(values) if name not in set(confirmed)}
    try:
        parse_evaluate_request(values, confirmed=confirmed)
    except InvalidRequest as invalid:
        refused |= {
            name
            for name, messages in invalid.errors.items()
            if name in PREVIEWED and messages != ["This field is required."]
        }
    for name in ("weight_kg", "platelet_count"):
        if answers.get(name) not in (None, "") and name not in values:
            refused.add(name)  # not a number at all
    return refused


@require_POST
def assessment_preview(request, pk: int, number: int):
    """The grade badge and dose preview, from the values on the page (nothing is saved)."""
    assessment = assessment_get_for_user(request.user, pk, number)
    typed = {k: request.POST.get(k) for k in PREVIEWED if k in request.POST}
    answers = {**assessment.answers, **typed}
    ticked = {k.removeprefix("confirm_") for k in request.POST if k.startswith("confirm_")}
    preview = build_preview(answers, confirmed={*assessment.confirmed, *ticked})
    return TemplateResponse(
        request,
        "decisions/assessment_step.html#preview",
        {"preview": preview, "assessment": assessment, "case": assessment.case},
    )


@require_http_methods(["GET", "POST"])
@audited_read("assessment")
def assessment_review(request, pk: int, number: int):
    assessment = assessment_get_for_user(request.user, pk, number)
    if assessment.status == Assessment.Status.COMPLETE:
        return redirect(_url(assessment, "plan-detail"))
    answers = prune(assessment.answers)
    status = 200
    if request.method == "POST":
        try:
            assessment_complete(
                assessment=assessment,
                user=request.user,
                expected_version=posted_version(request),
            )
        except ConcurrentEditError as refused:
            labels = {name: str(build_field(name).label) for name in STEP_OF_FIELD}
            messages.error(request, conflict_wording.plan_answers_conflict(refused.changes, labels))
            assessment.refresh_from_db(fields=["status", "answers", "confirmed"])
            if assessment.status == Assessment.Status.COMPLETE:  # a colleague made the plan
                return redirect(_url(assessment, "plan-detail"))
            answers = prune(assessment.answers)
            status = 409
        except InvalidRequest:
            assessment.case.refresh_from_db(fields=["version"])  # the claim was rolled back
            status = 400
        else:
            plan_url = _url(assessment, "plan-detail")
            if request.htmx:
                return HttpResponseClientRedirect(plan_url)
            return redirect(plan_url)
    problems = _problems_by_step(answers, assessment.confirmed)
    return render(
        request,
        "decisions/assessment_review.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "steps": STEPS,
            "summary": _summary(answers),
            "problems": problems,
            "preview": build_preview(answers),
        },
        status=status,
    )


def _problems_by_step(answers: dict, confirmed) -> list[dict]:
    """Every problem the engine's validation finds, with the step where it can be fixed."""
    try:
        parse_evaluate_request(answers, confirmed=confirmed)
    except InvalidRequest as invalid:
        problems = []
        for field, found in invalid.errors.items():
            step = STEP_OF_FIELD.get(field, STEPS[0])
            values = as_engine_values(answers)
            for message in found:
                problems.append(
                    {
                        "field": field,
                        "label": field_label(field),
                        "message": clinician_message(field, message, values),
                        "step": step,
                    }
                )
        return sorted(problems, key=lambda p: STEPS.index(p["step"]))
    return []


def _summary(answers: dict) -> list[dict]:
    rows = []
    for step in STEPS:
        fields = [
            {
                "label": str(build_field(name).label),
                "value": answer_text(name, answers[name], empty="None"),
            }
            for name in step.fields
            if name in answers
        ]
        rows.append({"step": step, "fields": fields})
    return rows


def _shown(name: str, answers: dict) -> str | None:
    """The answer to `name` as the form put it (labels, not codes), or None if not given."""
    return answer_text(name, answers[name], empty="None") if name in answers else None
