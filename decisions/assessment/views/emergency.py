"""The emergency fast path in the wizard: the plan now from what is entered, completed later.

The step page shows the engine's emergency core (decisions/assessment/emergency.py) and a
button that submits the step with nav=plan; assessment_step saves the step as usual and hands
over here.
A partial plan is completed by a new assessment (the next number) that starts from its answers:
the case keeps both plans, the partial one unchanged.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from decisions.assessment.emergency import emergency_core
from decisions.assessment.request import InvalidRequest
from decisions.assessment.services import (
    NotAnEmergency,
    assessment_complete_emergency,
    assessment_start,
    engine_options,
)
from decisions.assessment.steps import STEPS
from decisions.cases.selectors import assessment_get_for_user
from decisions.cases.versioning import ConcurrentEditError
from decisions.models import Assessment

NOT_READY = "The emergency plan needs these answers first: {needs}."
NOT_AN_EMERGENCY = (
    "The answers no longer describe life-threatening bleeding, so there is no emergency plan; "
    "complete the steps for the full plan."
)
CHANGED = "Another clinician changed this case meanwhile; check the answers and try again."


def emergency_core_for(assessment: Assessment):
    """The core the step page shows for the answers saved so far (None: no emergency)."""
    return emergency_core(assessment.answers, assessment.confirmed, engine_options())


def emergency_core_changed(request, core) -> bool:
    """Whether the core differs from what the page shows (announced again only if it does)."""
    return request.POST.get("emergency_shown", "") != (core.shown if core else "")


def emergency_plan_make(request, assessment: Assessment) -> str | None:
    """Make the partial plan from the saved answers; the message to show when it cannot be."""
    try:
        assessment_complete_emergency(
            assessment=assessment,
            user=request.user,
            # The step's own save has just moved the version on; anything later is someone else.
            expected_version=assessment.case.version,
        )
    except InvalidRequest:
        core = emergency_core_for(assessment)
        needs = ", ".join(core.needs) if core else "the bleeding"
        return NOT_READY.format(needs=needs)
    except NotAnEmergency:
        return NOT_AN_EMERGENCY
    except ConcurrentEditError:
        return CHANGED
    return None


@require_POST
def plan_complete(request, pk: int, number: int):
    """Complete a partial plan: a new assessment from its answers, at the first step it assumed."""
    assessment = assessment_get_for_user(request.user, pk, number)
    if assessment.status != Assessment.Status.COMPLETE or not assessment.plan.partial:
        raise Http404("This plan is not partial")
    draft = assessment_start(case=assessment.case, user=request.user)
    assumed_steps = {a["step"] for a in assessment.plan.assumptions}
    first = next((s for s in STEPS if s.title in assumed_steps), STEPS[0])
    messages.info(
        request,
        f"Assessment {draft.number} starts from the answers of the partial plan. Complete the "
        "remaining steps; the new plan will be kept beside the partial one.",
    )
    return redirect(
        reverse(
            "assessment-step",
            kwargs={"pk": draft.case_id, "number": draft.number, "step": first.slug},
        )
    )
