"""The plan page: the stored plan snapshot, shown as produced, and the clinician's decisions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from .forms_cases import DecisionForm
from .models import Assessment, AuditEvent
from .selectors import assessment_get_for_user, latest_decisions
from .services import ConcurrentEditError, recommendation_decide

CODE_TITLES = {
    "IVIG": "Intravenous immunoglobulin (IVIG)",
    "CORTICOSTEROID": "Corticosteroid",
    "PLATELET_TRANSFUSION": "Platelet transfusion",
    "ANTIVIRAL_THERAPY_FIRST": "Antiviral therapy first",
    "ANTI_D": "Anti-D immunoglobulin",
    "IVIG_5_DAY_LOW_DOSE": "IVIG 0.4 g/kg/day for 5 days",
    "OBSERVATION": "Observation without ITP treatment",
    "DEXAMETHASONE": "Dexamethasone 40 mg a day for 4 days",
}
ROLE_TITLES = {
    "give": "Give now",
    "option": "Options for the clinician",
    "avoid": "Avoid",
}


def _snapshot(request, pk: int, number: int):
    assessment = assessment_get_for_user(request.user, pk, number)
    if assessment.status != Assessment.Status.COMPLETE:
        raise Http404("This assessment has no plan yet")
    return assessment, assessment.plan


@require_safe
def plan_detail(request, pk: int, number: int):
    assessment, snapshot = _snapshot(request, pk, number)
    return TemplateResponse(request, "decisions/plan.html", plan_context(assessment, snapshot))


def plan_context(assessment, snapshot, *, forms=None) -> dict:
    """Everything the plan page shows, read from the snapshot only (never recomputed)."""
    plan = snapshot.plan
    decisions = latest_decisions(snapshot)
    cards = [
        {
            "item": item,
            "title": CODE_TITLES.get(item["code"], item["code"]),
            "decision": decisions.get(item["code"]),
            "form": (forms or {}).get(item["code"]) or DecisionForm(),
        }
        for item in plan["recommendations"]
    ]
    groups = [
        {"role": role, "title": title, "cards": [c for c in cards if c["item"]["role"] == role]}
        for role, title in ROLE_TITLES.items()
    ]
    return {
        "assessment": assessment,
        "case": assessment.case,
        "snapshot": snapshot,
        "plan": plan,
        "groups": [g for g in groups if g["cards"]],
        "answers": assessment.answers,
        "history": assessment.case.audit_events.filter(
            action__in=[AuditEvent.Action.ACCEPTED, AuditEvent.Action.OVERRIDDEN]
        ).select_related("actor")[:50],
    }


@require_POST
def decision_record(request, pk: int, number: int, code: str):
    assessment, snapshot = _snapshot(request, pk, number)
    if code not in {item["code"] for item in snapshot.plan["recommendations"]}:
        raise Http404("No such recommendation")
    form = DecisionForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            recommendation_decide(
                plan=snapshot,
                user=request.user,
                code=code,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                expected_version=version,
            )
        except ConcurrentEditError:
            messages.error(
                request,
                "Another clinician changed this case meanwhile; your decision was not saved. "
                "Check the plan as it is now and decide again.",
            )
            status = 409
        else:
            form = DecisionForm()
    else:
        status = 400
    assessment.case.refresh_from_db()
    if not request.htmx and status == 200:
        url = reverse("plan-detail", kwargs={"pk": pk, "number": number})
        return redirect(f"{url}#rec-{code}")
    context = plan_context(assessment, snapshot, forms={code: form})
    template = "decisions/plan.html"
    if request.htmx and status != 409:
        template += "#recommendation"
        context["card"] = next(
            c for g in context["groups"] for c in g["cards"] if c["item"]["code"] == code
        )
    return TemplateResponse(request, template, context, status=status)
