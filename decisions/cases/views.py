"""The plan page: the stored plan snapshot, shown as produced, and the clinician's decisions."""

from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.defaultfilters import floatformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from decisions.cases import conflict_wording as conflict_wording
from decisions.cases.decision_markup import decision_form_html
from decisions.cases.forms import DecisionForm
from decisions.cases.plan_display import (
    alerts_html,
    citations_html,
    monitoring_html,
    references_html,
    say_shared_reason_once,
    standards_html,
)
from decisions.cases.presenters import local_time_text, url_maker
from decisions.cases.reactions import severe_reactions_of_patient
from decisions.cases.reads import audited_read
from decisions.cases.selectors import (
    earlier_course,
    latest_decisions,
    plan_get_for_user,
    plans_beside,
)
from decisions.cases.services import recommendation_decide
from decisions.cases.versioning import ConcurrentEditError, posted_version
from decisions.models import AuditEvent
from decisions.snapshot import (
    ROLE_TITLES,
    expected_response,
    ivig_course,
    plan_alerts,
    recommendation_title,
)


@require_safe
@audited_read("plan")
def plan_detail(request, pk: int, number: int):
    assessment, snapshot = plan_get_for_user(request.user, pk, number)
    context = plan_context(assessment, snapshot, csrf_token=get_token(request))
    context["severe_reactions"] = severe_reactions_of_patient(request.user, assessment.case)
    return TemplateResponse(request, "decisions/plan.html", context)


def plan_context(assessment, snapshot, *, csrf_token: str, forms=None) -> dict:
    """Everything the plan page shows, read from the snapshot only (never recomputed); `forms`
    holds the form just posted from a card, by its code."""
    plan = snapshot.plan
    decisions = latest_decisions(snapshot)
    decide_url = url_maker("recommendation-decide", 3)
    cards = [
        {
            "item": {**_ITEM_KEYS, **item},
            "prednisone_dose": prednisone_dose_text(item),
            "title": recommendation_title(item["code"]),
            "citations_html": citations_html(item),
            "decision": decisions.get(item["code"]),
            "form_html": decision_form_html(
                url=decide_url(assessment.case_id, assessment.number, item["code"]),
                code=item["code"],
                version=assessment.case.version,
                csrf_token=csrf_token,
                posted=(forms or {}).get(item["code"]),
            ),
        }
        for item in plan["recommendations"]
    ]
    groups = [
        {"role": role, "title": title, "cards": [c for c in cards if c["item"]["role"] == role]}
        for role, title in ROLE_TITLES.items()
    ]
    for group in groups:
        group["why"] = say_shared_reason_once(group["cards"])
    return {
        "assessment": assessment,
        "case": assessment.case,
        "snapshot": snapshot,
        "plan": {"platelet_target_per_uL": None, **plan},
        "alerts_html": alerts_html(plan_alerts(plan)),
        "monitoring_html": monitoring_html(plan["monitoring"]),
        "expected_response_citations_html": citations_html(expected_response(plan) or {}),
        "references_html": references_html(plan.get("references", [])),
        "standards_html": standards_html(plan.get("standards", [])),
        "groups": [g for g in groups if g["cards"]],
        "answers": assessment.answers,
        # The next step after a plan that gives or offers IVIG: recording its infusions.
        "gives_ivig": ivig_course(plan) is not None,
        "beside": plans_beside(assessment),
        # A repeat dose: the plan notes the course before it (its dose and date).
        "earlier_course": earlier_course_linked(assessment),
        "links": plan_links(assessment.case, assessment.number),
        # The token the cards' forms carry, for the page's other forms too: each get_token()
        # masks it anew, 500 Python calls.
        "csrf_token": csrf_token,
        "made_at": local_time_text(snapshot.created_at),
    }


# What the template asks of every recommendation, present or not: a key a dict lacks fails
# through three exceptions and a dir() in the template engine (17 of them per plan page).
_ITEM_KEYS = dict.fromkeys(("daily_dose_g", "daily_dose_mg", "mg_per_kg_per_day", "evidence_note"))


def prednisone_dose_text(item: dict) -> str:
    """ "Prednisone 42-70 mg a day (0.5-1 mg/kg/day)" for a steroid line given in mg/kg, else ""
    (written here: the template's lookups of a list's items go through dir() each)."""
    per_kg = item.get("mg_per_kg_per_day")
    if not per_kg:
        return ""
    low, high = (floatformat(mg, "-1") for mg in item.get("daily_dose_mg") or ("", ""))
    return f"Prednisone {low}-{high} mg a day ({per_kg[0]}-{per_kg[1]} mg/kg/day)"


def plan_links(case, number: int) -> dict[str, str]:
    """The plan page's own links, from URLs reversed once per process (`url_maker`)."""
    return {
        "record_infusion": url_maker("infusion-course", 2)(case.pk, number),
        "infusion_rates": url_maker("infusion-plan", 2)(case.pk, number),
        "print": url_maker("plan-print", 2)(case.pk, number),
        "pdf": url_maker("plan-pdf", 2)(case.pk, number),
        "fhir": url_maker("api-plan-fhir", 2)(case.reference, number),
    }


def earlier_course_linked(assessment) -> dict | None:
    """The course before this assessment (`earlier_course`) with the link to its plan."""
    course = earlier_course(assessment)
    if course is not None:
        course["url"] = url_maker("plan-detail", 2)(assessment.case_id, course["number"])
    return course


@require_POST
def decision_record(request, pk: int, number: int, code: str):
    assessment, snapshot = plan_get_for_user(request.user, pk, number)
    if code not in {item["code"] for item in snapshot.plan["recommendations"]}:
        raise Http404("No such recommendation")
    form = DecisionForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            recommendation_decide(
                plan=snapshot,
                user=request.user,
                code=code,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                expected_version=posted_version(request),
            )
        except ConcurrentEditError as refused:
            # Beside this recommendation's buttons; the reason typed stays in its box.
            for change in refused.changes:
                theirs = "accepted" if change.action == AuditEvent.Action.ACCEPTED else "overrode"
                form.add_error(None, conflict_wording.decision_conflict(change, theirs=theirs))
            status = 409
        else:
            form = DecisionForm()
    else:
        # To htmx, 422: django-htmx's debug script shows any 400 answer over the whole page.
        status = 422 if request.htmx else 400
    assessment.case.refresh_from_db()
    if not request.htmx and status == 200:
        url = reverse("plan-detail", kwargs={"pk": pk, "number": number})
        return redirect(f"{url}#rec-{code}")
    context = plan_context(assessment, snapshot, csrf_token=get_token(request), forms={code: form})
    context["severe_reactions"] = severe_reactions_of_patient(request.user, assessment.case)
    template = "decisions/plan.html"
    if request.htmx:  # only this recommendation's card, whatever the answer (base.html's
        template += "#recommendation"  # responseHandling swaps 409 and 422 into it too)
        context["card"] = next(
            c for g in context["groups"] for c in g["cards"] if c["item"]["code"] == code
        )
    return TemplateResponse(request, template, context, status=status)
