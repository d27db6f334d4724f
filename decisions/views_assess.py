"""The guided assessment: one short form per step, then a review, then the plan.

Without JavaScript each step is a plain form. With htmx, the form is re-checked and saved as
each field is left (so going back keeps what was typed), fields that matter appear in place,
and a preview shows the grade and the dose as the count and weight are typed.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from .api_request import InvalidRequest, parse_evaluate_request
from .assessment_steps import STEP_OF_FIELD, STEPS, STEPS_BY_SLUG, next_step, previous_step, prune
from .engine.doses import prednisone_range_mg
from .engine.grading import ctcae_grade, platelet_count_per_uL
from .engine.vocabulary import PlateletUnit
from .forms_assessment import (
    StepForm,
    build_field,
    field_slots,
    hide_untouched_errors,
    shown_conditional_fields,
)
from .models import Assessment
from .selectors import assessment_get_for_user, case_get_for_user
from .services import (
    ConcurrentEditError,
    assessment_complete,
    assessment_save_answers,
    assessment_start,
)
from .views_emergency import emergency_core_changed, emergency_core_for, emergency_plan_make

CONFLICT = (
    "Another clinician changed this case while you were editing. Your last change was not "
    "saved; the form now shows the case as it is. Check it and enter your change again."
)


def _url(assessment: Assessment, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"pk": assessment.case_id, "number": assessment.number, **kwargs})


def _step_url(assessment: Assessment, slug: str) -> str:
    return _url(assessment, "assessment-step", step=slug)


def _posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@require_POST
def assessment_new(request, pk: int):
    """Reassess a case: a new numbered assessment; the earlier ones and their plans stay."""
    case = case_get_for_user(request.user, pk)
    assessment = assessment_start(case=case, user=request.user)
    return redirect(_step_url(assessment, STEPS[0].slug))


@require_http_methods(["GET", "POST"])
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
    valid = form.is_valid()
    try:
        _save(request, assessment, form)
    except ConcurrentEditError:
        messages.error(request, CONFLICT)
        if request.htmx:
            return HttpResponse(headers={"HX-Refresh": "true"})
        assessment.refresh_from_db()
        assessment.case.refresh_from_db()
        return _render_step(request, assessment, _fresh_form(assessment, current), status=409)
    if request.htmx:
        return _render_changed_slots(request, assessment, form)
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
    if not valid:
        return _render_step(request, assessment, form, status=400)
    following = next_step(current.slug)
    if following is None:
        return redirect(_url(assessment, "assessment-review"))
    return redirect(_step_url(assessment, following.slug))


def _render_step(request, assessment: Assessment, form: StepForm, status: int = 200):
    return TemplateResponse(
        request, "decisions/assessment_step.html", _step_context(assessment, form), status=status
    )


def _render_changed_slots(request, assessment: Assessment, form: StepForm):
    """Swap only the field just left and the fields that appeared or vanished, so nothing the
    clinician is typing elsewhere on the page is replaced under their fingers."""
    # The slot that sent the request (HX-Trigger is its id), else the field's own name.
    trigger = (request.htmx.trigger or "").removeprefix("slot-")
    trigger = trigger or (request.htmx.trigger_name or "").removeprefix("confirm_")
    was_shown = set(filter(None, request.POST.get("shown", "").split(",")))
    now_shown = set(shown_conditional_fields(form))
    changed = {trigger} | (was_shown ^ now_shown)
    hide_untouched_errors(form, trigger)
    context = _step_context(assessment, form)
    context["slots"] = [slot for slot in context["slots"] if slot["name"] in changed]
    context["emergency_changed"] = emergency_core_changed(request, context["emergency"])
    return TemplateResponse(request, "decisions/assessment_step.html#changed-slots", context)


def _fresh_form(assessment: Assessment, step) -> StepForm:
    return StepForm(
        initial=assessment.answers,
        step=step,
        saved=assessment.answers,
        confirmed=assessment.confirmed,
    )


def _save(request, assessment: Assessment, form: StepForm) -> None:
    """Keep the step's valid answers, drop those that stopped mattering."""
    typed = form.answers()
    merged = {**assessment.answers, **typed}
    for name in form.step.fields:
        if name not in typed and name not in form.errors and name in request.POST:
            merged.pop(name, None)  # the clinician cleared it
    kept = prune(merged)
    dropped = tuple(name for name in assessment.answers if name not in kept)
    answers = {name: value for name, value in kept.items() if assessment.answers.get(name) != value}
    confirmed = tuple(name for name in form.confirmed_fields() if name in form.step.fields)
    assessment_save_answers(
        assessment=assessment,
        user=request.user,
        answers=answers,
        dropped=dropped,
        confirmed=confirmed,
        expected_version=_posted_version(request),
    )


def _step_context(assessment: Assessment, form: StepForm) -> dict:
    return {
        "assessment": assessment,
        "case": assessment.case,
        "step": form.step,
        "steps": STEPS,
        "form": form,
        "slots": field_slots(form),
        "shown": shown_conditional_fields(form),
        "preview": build_preview(assessment.answers),
        "step_url": _step_url(assessment, form.step.slug),
        "emergency": emergency_core_for(assessment),
    }


def build_preview(answers: dict) -> dict:
    """Grade and dose as typed so far: arithmetic only; the plan itself comes from the engine."""
    preview = {}
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


@require_POST
def assessment_preview(request, pk: int, number: int):
    """The grade badge and dose preview, from the values on the page (nothing is saved)."""
    assessment = assessment_get_for_user(request.user, pk, number)
    typed = {k: request.POST.get(k) for k in ("platelet_count", "platelet_unit", "weight_kg")}
    answers = {**assessment.answers, **{k: v for k, v in typed.items() if v}}
    return TemplateResponse(
        request,
        "decisions/assessment_step.html#preview",
        {"preview": build_preview(answers), "assessment": assessment, "case": assessment.case},
    )


@require_http_methods(["GET", "POST"])
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
                expected_version=_posted_version(request),
            )
        except ConcurrentEditError:
            messages.error(request, CONFLICT)
            assessment.case.refresh_from_db()
            status = 409
        except InvalidRequest:
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
            for message in found:
                problems.append({"field": field, "message": message, "step": step})
        return sorted(problems, key=lambda p: STEPS.index(p["step"]))
    return []


def _summary(answers: dict) -> list[dict]:
    rows = []
    for step in STEPS:
        fields = [
            {"label": str(build_field(name).label), "value": _shown(name, answers[name])}
            for name in step.fields
            if name in answers
        ]
        rows.append({"step": step, "fields": fields})
    return rows


def _shown(name: str, value) -> str:
    """An answer as the form put it to the clinician (labels, not codes)."""
    labels = dict(getattr(build_field(name), "choices", ()))
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value) or "None"
    return str(labels.get(value, value))
