"""What to check after the plan is carried out, and what response to expect."""

from dataclasses import dataclass
from functools import cache

from .assessment import EngineOptions
from .decision_set import DecisionSet
from .facts import Facts
from .plan import ExpectedResponse, MonitoringItem
from .standards import IG_LABEL, KDIGO_2012
from .treatments import NEONATAL_5_DAY, SEPSIS_3_DAY, SINGLE_1G, Code, IvigRegimen
from .vocabulary import Role

FDA_LABEL = "FDA labelling of immune globulin intravenous products"

S_RENAL_DURING_AFTER = "monitor renal function during and after administration"
S_WITHIN_24_HOURS = "producing platelet increases within 24 hours in most patients"
S_TWO_TO_FOUR_DAYS = "with typical responses occurring within 2-4 days"
S_RESPONSE_RATE = (
    "The initial response rate reaches up to 80%, with half of patients achieving normal "
    "platelet counts"
)
S_NEONATAL_RISE = "with mean platelet increases of 21,000/μL at 24 hours and 33,000/μL at 48 hours"
S_SEPSIS_RISE = "Mean platelet counts can rise from approximately 43,000/μL to 178,000/μL by day 9"
S_PA_IGG_FALL = (
    "Successful treatment correlates with decreased platelet-associated immunoglobulin levels "
    "after infusion"
)


@dataclass(frozen=True, slots=True)
class MonitoringRule:
    """A monitoring or response line's basis, for docs/rules.md (the code below builds them)."""

    id: str
    summary: str
    citations: tuple[str, ...]
    source: tuple[str, ...] = ()
    standard: str | None = None
    standards: tuple[str, ...] = ()


MONITORING_RULES = (
    MonitoringRule(
        "MONITOR-RENAL-BASELINE",
        "Serum creatinine and BUN before the first infusion",
        ("3",),
        (S_RENAL_DURING_AFTER,),
        FDA_LABEL,
    ),
    MonitoringRule(
        "MONITOR-URINE-OUTPUT-AT-RISK",
        "Urine output during and after each infusion when renal risk factors are present",
        ("3",),
        (S_RENAL_DURING_AFTER,),
        FDA_LABEL,
    ),
    MonitoringRule(
        "MONITOR-RENAL",
        "Serum creatinine and BUN 24 h, 72 h and 7 days after the last infusion of the course",
        ("3",),
        (S_RENAL_DURING_AFTER,),
        FDA_LABEL + "; IVIG kidney injury typically shows at 2-4 days, up to 8 days",
    ),
    MonitoringRule(
        "MONITOR-RENAL-AT-RISK",
        "With renal risk factors, an extra creatinine and BUN check at 48 h",
        ("3",),
        (S_RENAL_DURING_AFTER,),
        FDA_LABEL,
    ),
    MonitoringRule(
        "MONITOR-RENAL-DURING-COURSE",
        "A multi-day course: serum creatinine before each day's infusion from day 2 to the last; "
        "hold the dose if it has risen to acute kidney injury (KDIGO)",
        ("3",),
        (S_RENAL_DURING_AFTER,),
        "KDIGO 2012 acute kidney injury criteria (a rise of 0.3 mg/dL or more within 48 h, or "
        "to 1.5 times baseline), as the project's kdigo.py stages results",
        (KDIGO_2012,),
    ),
    MonitoringRule(
        "MONITOR-HAEMOGLOBIN",
        "Blood group A, B or AB: haemoglobin before the infusion and 36-96 hours after it",
        (),
        (),
        "Immune globulin class labelling (haemolysis); the 36-96 h window is the labelling's as "
        "recalled, not confirmed against a current label in this review",
        (IG_LABEL,),
    ),
    MonitoringRule(
        "MONITOR-PLATELET-COUNT",
        "Platelet count at 24 h, then when the source expects the response (day 4; 48 h in "
        "neonates; day 9 in sepsis)",
        ("3", "4", "7"),
        (S_WITHIN_24_HOURS, S_TWO_TO_FOUR_DAYS),
    ),
    MonitoringRule(
        "MONITOR-PA-IGG",
        "Re-measure platelet-associated IgG after the infusion when it was measured before",
        ("5",),
        (S_PA_IGG_FALL,),
    ),
    MonitoringRule(
        "RESPONSE-IVIG-1G",
        "Expected response to 1 g/kg: rise within 24 h, response in 2-4 days, up to 80%",
        ("3",),
        (S_WITHIN_24_HOURS, S_TWO_TO_FOUR_DAYS, S_RESPONSE_RATE),
    ),
    MonitoringRule(
        "RESPONSE-NEONATAL",
        "Expected response in neonates: mean rise 21,000/uL at 24 h, 33,000/uL at 48 h",
        ("7",),
        (S_NEONATAL_RISE,),
    ),
    MonitoringRule(
        "RESPONSE-SEPSIS",
        "Expected response in sepsis: about 43,000 to 178,000/uL by day 9",
        ("4",),
        (S_SEPSIS_RISE,),
    ),
    MonitoringRule(
        "RESPONSE-WITHOUT-IVIG",
        "No IVIG in the plan: the source gives no time course",
        (),
    ),
)


def _hours_label(hours: int) -> str:
    return f"{hours // 24} days" if hours >= 72 and hours % 24 == 0 else f"{hours} h"


def build_monitoring(
    facts: Facts, decisions: DecisionSet, options: EngineOptions
) -> tuple[MonitoringItem, ...]:
    """Renal checks whenever IVIG is given or offered (seed ref 3), platelet counts, PA-IgG."""
    regimen = decisions.regimen(Code.IVIG)
    if decisions.role(Code.IVIG) not in (Role.GIVE, Role.OPTION) or regimen is None:
        return ()
    pa_igg_known = facts.assessment.pa_igg_molecules_per_platelet is not None
    return _schedule(
        regimen, bool(facts.renal_risks), pa_igg_known, facts.non_o_blood_group, options
    )


# The schedule depends on a handful of small values, so each one is built once.
@cache
def _schedule(
    regimen: IvigRegimen,
    at_risk: bool,
    pa_igg_known: bool,
    non_o_blood_group: bool,
    options: EngineOptions,
) -> tuple[MonitoringItem, ...]:
    items = [
        MonitoringItem(
            code="RENAL_FUNCTION_BASELINE",
            timing="before the first infusion",
            text="Serum creatinine and BUN before the first infusion, as the baseline.",
            citations=("3",),
            rule_id="MONITOR-RENAL-BASELINE",
        )
    ]
    if at_risk:
        items.append(
            MonitoringItem(
                code="URINE_OUTPUT",
                timing="during and after each infusion",
                text="Urine output during and after each infusion (renal risk factors present).",
                citations=("3",),
                rule_id="MONITOR-URINE-OUTPUT-AT-RISK",
            )
        )
    hours = sorted(
        {*options.renal_check_hours, *(options.renal_risk_extra_hours if at_risk else ())}
    )
    after = "after the end of the infusion"
    if regimen.days > 1:
        after = "after the end of the last infusion of the course"
    items.extend(
        MonitoringItem(
            code="RENAL_FUNCTION",
            hours_after_infusion=h,
            text=f"Serum creatinine and BUN {_hours_label(h)} {after}.",
            citations=("3",),
            rule_id="MONITOR-RENAL-AT-RISK" if at_risk else "MONITOR-RENAL",
        )
        for h in hours
    )
    items.extend(_renal_checks_during_course(regimen))
    if non_o_blood_group:
        items.append(
            MonitoringItem(
                code="HAEMOGLOBIN",
                timing="before the infusion and 36-96 hours after it",
                text="Haemoglobin before the infusion and 36-96 hours after it (blood group A, B "
                "or AB: IVIG-associated haemolysis).",
                citations=(),
                rule_id="MONITOR-HAEMOGLOBIN",
                standards=(IG_LABEL,),
            )
        )
    items.extend(_platelet_checks(regimen))
    if pa_igg_known:
        items.append(
            MonitoringItem(
                code="PA_IGG",
                timing="after the infusion",
                text="Re-measure platelet-associated IgG after the infusion: a fall goes with a "
                "successful treatment.",
                citations=("5",),
                rule_id="MONITOR-PA-IGG",
            )
        )
    # The renal checks after the infusion come first, as in the contract's example; the checks
    # during the course follow them.
    return tuple(
        sorted(
            items,
            key=lambda item: (item.code != "RENAL_FUNCTION", item.before_day is not None),
        )
    )


def _renal_checks_during_course(regimen: IvigRegimen) -> list[MonitoringItem]:
    """Seed ref 3, "during and after administration": a check before each later day's dose."""
    return [
        MonitoringItem(
            code="RENAL_FUNCTION",
            before_day=day,
            timing=f"before the day {day} infusion",
            text=f"Serum creatinine and urine output before the day {day} infusion: hold the "
            "dose and review if creatinine has risen by 0.3 mg/dL or more, or to 1.5 times the "
            "baseline (acute kidney injury, KDIGO).",
            citations=("3",),
            rule_id="MONITOR-RENAL-DURING-COURSE",
            standards=(KDIGO_2012,),
        )
        for day in range(2, regimen.days + 1)
    ]


def _platelet_checks(regimen: IvigRegimen) -> list[MonitoringItem]:
    if regimen == NEONATAL_5_DAY:
        schedule, citations = ((24, "24 h"), (48, "48 h")), ("7",)
    elif regimen == SEPSIS_3_DAY:
        schedule, citations = ((24, "24 h"), (216, "day 9")), ("4",)
    else:
        schedule, citations = ((24, "24 h"), (96, "day 4")), ("3",)
    return [
        MonitoringItem(
            code="PLATELET_COUNT",
            hours_after_infusion=hours,
            text=f"Platelet count {label} after the infusion.",
            citations=citations,
            rule_id="MONITOR-PLATELET-COUNT",
        )
        for hours, label in schedule
    ]


_RESPONSES = {
    SINGLE_1G: (
        "RESPONSE-IVIG-1G",
        "A platelet rise within 24 hours in most patients; typical response within 2-4 days; "
        "initial response in up to 80%, half reaching a normal count.",
        ("3",),
    ),
    NEONATAL_5_DAY: (
        "RESPONSE-NEONATAL",
        "Mean rises of 21,000/uL at 24 hours and 33,000/uL at 48 hours in the case series of four "
        "neonates; in maternal ITP the rise may be transient.",
        ("7",),
    ),
    SEPSIS_3_DAY: (
        "RESPONSE-SEPSIS",
        "A more rapid and sustained rise than with placebo: mean count from about 43,000 to "
        "178,000/uL by day 9 (placebo: 51,000 to 125,000/uL).",
        ("4",),
    ),
}


def build_expected_response(facts: Facts, decisions: DecisionSet) -> ExpectedResponse:
    """The response the source describes for the IVIG regimen of the plan, if any."""
    role = decisions.role(Code.IVIG)
    regimen = decisions.regimen(Code.IVIG)
    if role not in (Role.GIVE, Role.OPTION) or regimen is None:
        anything = any(d.role == Role.GIVE for d in decisions.decisions.values())
        text = (
            "The source describes the response to IVIG only; it gives no time course for this "
            "plan. Recheck the platelet count and reassess."
            if anything
            else "No treatment is recommended, so no treatment response is expected."
        )
        return ExpectedResponse(text, (), "RESPONSE-WITHOUT-IVIG")
    rule_id, text, citations = _RESPONSES[regimen]
    if role == Role.OPTION:
        text = "If IVIG is given: " + text[0].lower() + text[1:]
    if facts.pa_igg_favourable:
        text += (
            " Platelet-associated IgG above 5,000 molecules per platelet predicts a better "
            "response (the source's claim)."
        )
        citations = (*citations, "5")
    return ExpectedResponse(text, citations, rule_id, reassess_after_hours=24)
