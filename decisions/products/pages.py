"""What the infusion planner and the nurse's chart show, read from the stored plan, the
assessment's answers and the chosen catalogue product (nothing is stored or recomputed)."""

from django.http import Http404
from django.utils import timezone

from decisions.cases.reactions import severe_reactions_of_patient
from decisions.engine.infusion_rates import (
    BOXED_WARNING,
    PrescriberCapNotLower,
    ProductNotSchedulable,
    RateCapNeeded,
    RateTooLowForPump,
    build_schedule,
)
from decisions.engine.product_checks import product_checks
from decisions.products.chart import clock, elapsed, observations
from decisions.products.forms import InfusionPlanForm
from decisions.products.schedule import patient_risk, product_rates
from decisions.snapshot import exact_daily_dose_g, ivig_course


def infusion_plan_context(user, assessment, snapshot, params) -> dict:
    """The form, and once a product is chosen, its schedule, checks and chart rows."""
    regimen = ivig_course(snapshot.plan)
    if regimen is None:
        raise Http404("This plan gives no IVIG.")
    case = assessment.case
    risk = patient_risk(assessment)
    form = InfusionPlanForm(params or None)
    context = {
        "case": case,
        "assessment": assessment,
        "snapshot": snapshot,
        "regimen": regimen,
        "daily_dose_g": exact_daily_dose_g(regimen),
        "daily_dose_mg": regimen.get("daily_dose_mg"),
        "weight_kg": snapshot.plan["body_weights"]["dosing_weight_kg"],
        "risk": risk,
        "boxed_warning": BOXED_WARNING,
        "severe_reactions": severe_reactions_of_patient(user, case),
        "form": form,
        "schedule": None,
    }
    if form.is_valid():
        context.update(_schedule_context(form, context, risk))
    return context


def _schedule_context(form, context: dict, risk) -> dict:
    product = form.cleaned_data["product"]
    cap = form.cleaned_data.get("cap_mg_kg_min")
    try:
        schedule = build_schedule(
            product_rates(product),
            weight_kg=float(context["weight_kg"]),
            dose_g=context["daily_dose_g"],
            at_risk=risk.at_risk,
            prescriber_cap_mg_kg_min=float(cap) if cap is not None else None,
            risk_reasons=risk.reasons,
        )
    except (RateCapNeeded, PrescriberCapNotLower) as refused:
        form.add_error("cap_mg_kg_min", str(refused))
        return {"product": product}
    except RateTooLowForPump as refused:
        form.add_error(None, str(refused))
        return {"product": product}
    except ProductNotSchedulable as refused:
        form.add_error("product", f"{refused} Ask the pharmacy to complete it in the catalogue.")
        return {"product": product}
    start = form.cleaned_data.get("start")
    start = timezone.localtime(start) if start else None
    return {
        "product": product,
        "schedule": schedule,
        "start": start,
        "steps": [
            {"step": s, "from": elapsed(s.starts_at_min), "at": clock(start, s.starts_at_min)}
            for s in schedule.steps
        ],
        "observations": [
            {
                "row": o,
                "from": elapsed(o.at_min),
                "until": elapsed(o.until_min) if o.until_min else "",
                "at": clock(start, o.at_min),
                "until_at": clock(start, o.until_min) if o.until_min else None,
            }
            for o in observations(schedule)
        ],
        "checks": product_checks(
            stabiliser=product.stabiliser,
            iga_content=product.iga_content,
            renal_risk=risk.renal_risk,
            iga_deficiency_with_antibodies=risk.iga_deficiency_with_antibodies,
            age_group=risk.age_group,
            age_years=risk.age_years,
        ),
        "duration": elapsed(schedule.duration_min).lstrip("+"),
    }


def chart_query(form) -> str:
    """The planner's choices as the chart's query string (no patient data in it)."""
    return form.data.urlencode() if hasattr(form.data, "urlencode") else ""
