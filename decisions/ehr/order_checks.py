"""The checks of an IVIG draft order, one small function each, in the order the cards come.

Each returns a card or None and names the rules it rests on in the card's detail. The engine's
plan is the one POST /api/v1/evaluate gives for the EHR's data, primary ITP and no bleeding
assumed (the EHR does not say; the card says so), a rapid rise needed when the order is urgent.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from decisions.ehr.cards import basis, card, update_suggestion
from decisions.ehr.mapping import MappedPatient
from decisions.ehr.orders import IvigOrder, with_engine_dose
from decisions.engine import Plan
from decisions.engine.alerts import FDA_IGIV, S_RENAL_PITFALL
from decisions.engine.grading import CTCAE_LOWER_LIMIT_OF_NORMAL_PER_UL
from decisions.engine.rules import S_PITFALL_5_DAY
from decisions.engine.standards import STANDARDS
from decisions.engine.treatments import OUTDATED_5_DAY, Code
from decisions.engine.vocabulary import Role, Severity

# Contract: a draft dose "more than 10% away from the engine's dose" gets a dose card.
DOSE_TOLERANCE = 0.10
# Contract: "no creatinine in the last 30 days" gets a card (check renal function before IVIG).
CREATININE_WITHIN = timedelta(days=30)
NOT_THROMBOCYTOPENIC_RULE = "NOT-THROMBOCYTOPENIC"
NOT_THROMBOCYTOPENIC_ALERT = "ALERT-OUTSIDE-EVIDENCE-NOT-THROMBOCYTOPENIC"
RENAL_ALERT_RULES = ("ALERT-RENAL-MONITORING", "ALERT-RENAL-MONITORING-AT-RISK")
CARD_INDICATOR = {Severity.CRITICAL: "critical", Severity.WARNING: "warning"}
ASSUMED = "primary ITP assumed"


@dataclass(frozen=True)
class OrderCheck:
    """What every check reads: the order, the EHR's data, and the plan (None: not run)."""

    order: IvigOrder
    mapped: MappedPatient
    plan: Plan | None
    now: datetime


def assumptions_text(order: IvigOrder) -> str:
    text = (
        "**Assumed**, as the EHR does not say: the indication is primary ITP and the patient is "
        "not bleeding. Open the full assessment to give the indication and any bleeding."
    )
    if order.urgent:
        text += (
            f" A rapid rise is taken as needed: the order's priority is "
            f"'{order.resource.get('priority')}'."
        )
    return text


def _first_sentence(text: str) -> str:
    sentence = text.split(". ")[0].rstrip(".") + "."
    if len(sentence) <= 140:
        return sentence
    return sentence[:137].rsplit(" ", 1)[0] + "…"


def missing_data_card(mapped: MappedPatient) -> dict | None:
    """Contract: a missing weight or count gives a warning saying which, never a 500."""
    named = ", ".join([*mapped.missing, *mapped.unreadable])
    if not named:
        return None
    return card(
        topic="missing-data",
        topic_display="Data the check needs are missing",
        summary=f"IVIG order not checked; missing from the EHR: {named}"[:140],
        indicator="warning",
        detail=(
            f"The dose check needs the patient's birth date, body weight (kg or g) and newest "
            f"platelet count (10*3/uL, 10*9/L or /uL); missing or unreadable: {named}. "
            "Record them in the EHR, or open the full assessment and enter them there.\n\n"
            + basis(rule_ids=("CDS-MISSING-DATA",))
        ),
    )


def refused_data_card(errors: dict) -> dict:
    """The API's own validation refused the EHR's values (an implausible weight, say)."""
    lines = "\n".join(f"- {name}: {' '.join(messages)}" for name, messages in errors.items())
    return card(
        topic="data-refused",
        topic_display="The EHR's values were refused",
        summary=f"IVIG order not checked: implausible {', '.join(errors)} from the EHR"[:140],
        indicator="warning",
        detail=(
            "The values the EHR sent fail the checks every assessment passes:\n\n"
            + lines
            + "\n\n"
            + basis(rule_ids=("CDS-DATA-REFUSED",))
        ),
    )


def not_thrombocytopenic_card(check: OrderCheck) -> dict | None:
    """Contract: a count of 150,000/uL or more is not thrombocytopenic (CTCAE v5.0)."""
    plan = check.plan
    if plan is None or plan.platelet_count_per_uL < CTCAE_LOWER_LIMIT_OF_NORMAL_PER_UL:
        return None
    alert = next(a for a in plan.alerts if a.rule_id == NOT_THROMBOCYTOPENIC_ALERT)
    return card(
        topic="not-thrombocytopenic",
        topic_display="Not thrombocytopenic",
        summary=f"Platelets {plan.platelet_count_per_uL:,.0f}/uL: not thrombocytopenic, the "
        "source's IVIG recommendations do not apply",
        indicator="warning",
        detail=alert.text
        + "\n\n"
        + basis(
            rule_ids=(NOT_THROMBOCYTOPENIC_RULE, alert.rule_id),
            standards=("CTCAE v5.0, Platelet count decreased",),
        ),
    )


def _ivig(plan: Plan):
    ivig = plan.recommendation(Code.IVIG)
    if ivig is None or ivig.role == Role.AVOID or ivig.ivig_dose is None:
        return None
    return ivig


def no_ivig_card(check: OrderCheck) -> dict | None:
    """The plan for this patient gives or offers no IVIG (grade 1 or 2 without urgency)."""
    plan = check.plan
    if plan is None or plan.grade == 0 or _ivig(plan) is not None:
        return None
    given = [r for r in plan.recommendations if r.role in (Role.GIVE, Role.OPTION)]
    lines = "\n".join(f"- {r.role}: {r.text}" for r in given) or "- No treatment is recommended."
    return card(
        topic="no-ivig-in-plan",
        topic_display="The plan gives no IVIG",
        summary=f"The plan at {plan.platelet_count_per_uL:,.0f}/uL gives no IVIG ({ASSUMED})",
        indicator="warning",
        detail=f"The plan for this patient:\n\n{lines}\n\n{assumptions_text(check.order)}\n\n"
        + basis(
            rule_ids=plan.rule_ids,
            citations=sorted({c for r in given for c in r.citations}, key=int),
        ),
    )


def _course(daily_g: float, days: int) -> str:
    return f"{daily_g:g} g" + (f" a day x {days} days" if days > 1 else " once")


def dose_card(check: OrderCheck) -> dict | None:
    """Contract: more than 10% from the engine's dose -> a warning with one `update`."""
    plan = check.plan
    ivig = _ivig(plan) if plan is not None else None
    if ivig is None:
        return None
    dose, order = ivig.ivig_dose, check.order
    off_by = None if order.dose_g is None else abs(order.dose_g - dose.daily_dose_g)
    days_differ = order.days is not None and order.days != dose.days
    if off_by is not None and off_by <= DOSE_TOLERANCE * dose.daily_dose_g and not days_differ:
        return None
    ordered = order.dose_text + (f" x {order.days} days" if order.days and order.days > 1 else "")
    planned = _course(dose.daily_dose_g, dose.days)
    suggestion = update_suggestion(
        label=f"Set the IVIG dose to {planned}",
        description=f"Update the IVIG order to the plan's dose: {dose.working}.",
        resource=with_engine_dose(
            order, daily_dose_g=dose.daily_dose_g, days=dose.days, working=dose.working
        ),
    )
    standards = [STANDARDS[key].title for key in ivig.standards]
    return card(
        topic="dose-check",
        topic_display="IVIG dose check",
        summary=f"IVIG {ordered} ordered; the plan's dose is {planned} ({ASSUMED})",
        indicator="info"
        if order.dose_g is None and order.dose_text == "no dose yet"
        else "warning",
        detail=(
            f"The plan's IVIG ({ivig.role}): **{dose.working}** (dosing weight "
            f"{dose.dosing_weight_kg:g} kg). {dose.rounding_note}\n\n{ivig.text}\n\n"
            f"{assumptions_text(order)}\n\n"
            + basis(
                rule_ids=(*ivig.rule_ids, "CDS-DOSE-CHECK"),
                citations=ivig.citations,
                standards=standards,
            )
        ),
        suggestions=[suggestion],
    )


def five_day_regimen_card(check: OrderCheck) -> dict | None:
    """seed ref 1, 3: not the 0.4 g/kg x 5 regimen when a rapid rise is needed (the engine's
    PITFALL-NO-5-DAY-REGIMEN-WHEN-RAPID line, present only then and never for a neonate)."""
    plan, order = check.plan, check.order
    avoid = plan.recommendation(Code.IVIG_5_DAY_LOW_DOSE) if plan is not None else None
    if avoid is None or order.dose_g is None or order.days == 1:
        return None
    g_per_kg = order.dose_g / plan.body_weights.dosing_kg
    if abs(g_per_kg - OUTDATED_5_DAY.g_per_kg_per_day) > DOSE_TOLERANCE * 0.4:
        return None
    return card(
        topic="pitfall-5-day-regimen",
        topic_display="Pitfall: the 5-day regimen when a rapid rise is needed",
        summary="0.4 g/kg/day x 5 days ordered, but a rapid rise is needed: the source advises "
        "1 g/kg once",
        indicator="warning",
        detail=f"{avoid.text}\n\n{assumptions_text(order)}\n\n"
        + basis(
            rule_ids=avoid.rule_ids, citations=avoid.citations, source_sentences=(S_PITFALL_5_DAY,)
        ),
    )


def creatinine_card(check: OrderCheck) -> dict | None:
    """Contract: no creatinine within 30 days -> check renal function before IVIG (seed ref 3)."""
    at = check.mapped.creatinine_at
    if at is not None and check.now - at <= CREATININE_WITHIN:
        return None
    plan = check.plan
    alert = next((a for a in plan.alerts if a.rule_id in RENAL_ALERT_RULES), None) if plan else None
    newest = "none at all" if at is None else f"the newest is of {at.date().isoformat()}"
    return card(
        topic="no-recent-creatinine",
        topic_display="No recent creatinine",
        summary="No creatinine in the last 30 days: check renal function before IVIG",
        indicator="warning",
        detail=(
            f"The EHR has no serum creatinine result from the last 30 days ({newest}). "
            + (alert.text if alert else "IVIG can cause renal failure.")
            + "\n\n"
            + basis(
                rule_ids=(
                    alert.rule_id if alert else RENAL_ALERT_RULES[0],
                    "CDS-NO-RECENT-CREATININE",
                ),
                citations=("3",),
                source_sentences=(S_RENAL_PITFALL,),
                standards=(FDA_IGIV,),
            )
        ),
    )


def alert_cards(check: OrderCheck) -> list[dict]:
    """The engine's critical and warning alerts for this patient, one card each (the renal and
    not-thrombocytopenic ones have cards of their own above)."""
    plan = check.plan
    if plan is None:
        return []
    skip = {NOT_THROMBOCYTOPENIC_ALERT, *RENAL_ALERT_RULES}
    return [
        card(
            topic="engine-alert",
            topic_display=alert.code,
            summary=_first_sentence(alert.text),
            indicator=CARD_INDICATOR[alert.severity],
            detail=f"{alert.text}\n\n{assumptions_text(check.order)}\n\n"
            + basis(
                rule_ids=(alert.rule_id,),
                citations=alert.citations,
                standards=[STANDARDS[key].title for key in alert.standards],
            ),
        )
        for alert in plan.alerts
        if alert.severity in CARD_INDICATOR and alert.rule_id not in skip
    ]


# In the order the cards are listed: the plan's verdict, the dose, the pitfalls, the checks.
CHECKS = (
    not_thrombocytopenic_card,
    no_ivig_card,
    dose_card,
    five_day_regimen_card,
    creatinine_card,
)
# The cards that offer the link to the full assessment (the indication was assumed).
LINKED_TOPICS = {"missing-data", "no-ivig-in-plan", "dose-check"}
