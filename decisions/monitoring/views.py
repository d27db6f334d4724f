"""Infusions of a plan's course, its renal checks (the reminder's link), results and platelets."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from decisions.cases.reads import audited_read
from decisions.cases.selectors import plan_get_for_user
from decisions.cases.versioning import ConcurrentEditError, posted_version
from decisions.monitoring.forms import (
    InfusionCancelForm,
    InfusionForm,
    PlateletCountForm,
    RenalResultForm,
)
from decisions.monitoring.infusions import (
    InfusionError,
    infusion_cancel,
    infusion_correct,
    infusion_record,
)
from decisions.monitoring.results import ResultError, platelet_count_record, renal_result_record
from decisions.monitoring.selectors import (
    course_state,
    infusion_get_for_user,
    platelet_chart_for,
    renal_check_get_for_user,
    renal_checks_of,
)
from decisions.review.selectors import review_of
from decisions.snapshot import exact_daily_dose_g

CONFLICT = "Another clinician changed this case meanwhile; nothing was saved. Check it and retry."


def _plan(request, pk: int, number: int):
    assessment, snapshot = plan_get_for_user(request.user, pk, number)
    return assessment, snapshot


def _course_context(assessment, snapshot, *, form=None, platelet_form=None) -> dict:
    state = course_state(snapshot)
    regimen = state["regimen"]
    checks = list(renal_checks_of(snapshot))
    if form is None and state["next_day"]:
        form = InfusionForm(
            needs_baseline=state["needs_baseline"],
            # A neonate's dose as the plan keeps it (750 mg, not 0.8 g), to the form's 10 mg.
            initial={"dose_g": round(exact_daily_dose_g(regimen), 2) if regimen else None},
        )
    return {
        "assessment": assessment,
        "case": assessment.case,
        "snapshot": snapshot,
        **state,
        "form": form,
        "checks": checks,
        "aki_results": [r for c in checks if (r := getattr(c, "result", None)) and r.aki_stage],
        "cancel_form": InfusionCancelForm(),
        "chart": platelet_chart_for(snapshot),
        "platelet_form": platelet_form or PlateletCountForm(),
        "review": review_of(snapshot),
    }


@require_safe
@audited_read("infusion course")
def course(request, pk: int, number: int):
    assessment, snapshot = _plan(request, pk, number)
    return TemplateResponse(
        request, "decisions/infusions/course.html", _course_context(assessment, snapshot)
    )


@require_POST
def infusion_new(request, pk: int, number: int):
    assessment, snapshot = _plan(request, pk, number)
    state = course_state(snapshot)
    form = InfusionForm(request.POST, needs_baseline=state["needs_baseline"])
    if form.is_valid():
        try:
            infusion = infusion_record(
                case=assessment.case, plan=snapshot, user=request.user,
                expected_version=posted_version(request), **form.cleaned_data,
            )  # fmt: skip
        except InfusionError as exc:
            form.add_error(None, str(exc))
        except ConcurrentEditError:
            messages.error(request, CONFLICT)
            return redirect("infusion-course", pk=pk, number=number)
        else:
            messages.success(request, f"Day {infusion.day} recorded; its renal checks are set.")
            return redirect("infusion-course", pk=pk, number=number)
    assessment.case.refresh_from_db()
    context = _course_context(assessment, snapshot, form=form)
    return TemplateResponse(request, "decisions/infusions/course.html", context, status=400)


@require_http_methods(["GET", "POST"])
@audited_read("infusion")
def infusion_edit(request, pk: int, number: int, infusion_pk: int):
    infusion = infusion_get_for_user(request.user, pk, number, infusion_pk)
    initial = {
        "started_at": infusion.started_at,
        "ended_at": infusion.ended_at,
        "dose_g": infusion.dose_g,
        "baseline_creatinine": infusion.baseline_creatinine,
        "baseline_creatinine_unit": infusion.baseline_creatinine_unit or "mg/dL",
        "product_ref": infusion.product_ref_id,
        "lot_number": infusion.lot_number,
        "max_rate_mg_kg_min": infusion.max_rate_mg_kg_min,
        "reaction_type": infusion.reaction_type,
        "reaction_severity": infusion.reaction_severity,
        "reaction_action": infusion.reaction_action,
    }
    if infusion.product_ref_id is None:
        initial["product"] = infusion.product
    posted = request.method == "POST"
    form = InfusionForm(
        request.POST if posted else None,
        initial=initial,
        kept_product_id=infusion.product_ref_id,
    )
    if posted and form.is_valid():
        try:
            infusion_correct(
                infusion=infusion, user=request.user, expected_version=posted_version(request),
                **form.cleaned_data,
            )  # fmt: skip
        except InfusionError as exc:
            form.add_error(None, str(exc))
        except ConcurrentEditError:
            messages.error(request, CONFLICT)
            return redirect("infusion-course", pk=pk, number=number)
        else:
            messages.success(request, f"Day {infusion.day} corrected.")
            return redirect("infusion-course", pk=pk, number=number)
    context = {"case": infusion.case, "infusion": infusion, "form": form, "number": number}
    status = 400 if posted else 200
    return TemplateResponse(request, "decisions/infusions/correct.html", context, status=status)


@require_POST
def infusion_remove(request, pk: int, number: int, infusion_pk: int):
    infusion = infusion_get_for_user(request.user, pk, number, infusion_pk)
    form = InfusionCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the infusion is cancelled.")
        return redirect("infusion-course", pk=pk, number=number)
    try:
        infusion_cancel(
            infusion=infusion,
            user=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=posted_version(request),
        )
    except ConcurrentEditError:
        messages.error(request, CONFLICT)
    else:
        messages.success(request, f"Day {infusion.day} cancelled; its pending checks too.")
    return redirect("infusion-course", pk=pk, number=number)


@require_http_methods(["GET", "POST"])
@audited_read("renal check")
def renal_check(request, pk: int, check_pk: int):
    check = renal_check_get_for_user(request.user, pk, check_pk)
    result = getattr(check, "result", None)
    posted = request.method == "POST"
    form = RenalResultForm(request.POST if posted else None) if result is None else None
    if posted and form is not None and form.is_valid():
        try:
            renal_result_record(renal_check=check, user=request.user, **form.cleaned_data)
        except ResultError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("renal-check", pk=pk, check_pk=check_pk)
    context = {
        "case": check.case,
        "check": check,
        "result": result,
        "form": form,
        "number": check.plan.assessment.number,
    }
    status = 400 if posted else 200
    return TemplateResponse(request, "decisions/infusions/check.html", context, status=status)


@require_POST
def platelet_new(request, pk: int, number: int):
    assessment, snapshot = _plan(request, pk, number)
    form = PlateletCountForm(request.POST)
    if form.is_valid():
        try:
            platelet_count_record(
                case=assessment.case, plan=snapshot, user=request.user, **form.cleaned_data
            )
        except ResultError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Platelet count entered.")
            return redirect("infusion-course", pk=pk, number=number)
    context = _course_context(assessment, snapshot, platelet_form=form)
    return TemplateResponse(request, "decisions/infusions/course.html", context, status=400)
