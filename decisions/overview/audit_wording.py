"""The audit trail's details in words a clinician reads, not the stored keys and lists.

The stored detail stays as written (JSON, clinical facts only); this module only words it.
"""

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date

from decisions.assessment.fields import field_label
from decisions.models import AuditEvent
from decisions.snapshot import CODE_TITLES

Action = AuditEvent.Action
TIME_FORMAT = "Y-m-d H:i T"


def audit_detail_text(action: str, detail: dict | None) -> str:
    """One line saying what an audit event's detail means, given its action."""
    detail = dict(detail or {})
    words = _WORDING.get(action)
    if words is not None:
        try:
            return words(detail)
        except (KeyError, TypeError, ValueError):
            pass  # an older event written with other keys: say each one plainly
    return "; ".join(f"{_key(k)}: {_value(v)}" for k, v in detail.items())


def local_time(value: str) -> str:
    """An ISO time from the trail, in the site's zone with its name."""
    moment = datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return format_date(timezone.localtime(moment), TIME_FORMAT)


def _assessment_changed(d: dict) -> str:
    parts = []
    if d.get("fields"):
        parts.append("changed " + ", ".join(field_label(f) for f in d["fields"]))
    if d.get("dropped"):
        parts.append("no longer asked: " + ", ".join(field_label(f) for f in d["dropped"]))
    return f"Assessment {d['number']}: " + "; ".join(parts or ["nothing changed"]) + "."


def _plan_created(d: dict) -> str:
    text = f"Assessment {d['number']}, rules {d['ruleset_version']}"
    return text + (": emergency." if d.get("emergency") else ".")


def _decided(d: dict) -> str:
    title = CODE_TITLES.get(d["code"], d["code"])
    text = f"{title}, assessment {d['number']}"
    return text + (f"; reason: “{d['reason']}”." if d.get("reason") else ".")


def _printed(d: dict) -> str:
    text = f"The plan of assessment {d['number']}"
    if d.get("chart"):
        text = f"The {d['chart']} infusion chart of assessment {d['number']}"
    if d.get("start"):
        text += f", first infusion planned {local_time(d['start'])}"
    if d.get("paper"):
        text += f", {d['paper'].upper()} paper"
    if d.get("format") == "fhir_r4":
        text += ", as FHIR R4" + (" through an API token" if d.get("via") == "api_token" else "")
    return text + "."


def _infusion(d: dict) -> str:
    text = (
        f"Day {d['day']}: {d['product']} {d['dose_g']} g, {local_time(d['started_at'])} "
        f"to {local_time(d['ended_at'])}"
    )
    if d.get("baseline_creatinine"):
        text += f"; baseline creatinine {d['baseline_creatinine']}"
    if d.get("lot_number"):
        text += f"; lot {d['lot_number']}"
    if d.get("max_rate_mg_kg_min"):
        text += f"; up to {d['max_rate_mg_kg_min']} mg/kg/min"
    if d.get("reaction") and d["reaction"] != "none":
        severity = d.get("reaction_severity") or "severity not given"
        text += f"; reaction: {d['reaction'].replace('_', ' ')} ({severity})"
        if d.get("reaction_action") and d["reaction_action"] != "none":
            text += f", infusion {d['reaction_action']}"
    return text + "."


def _infusion_corrected(d: dict) -> str:
    changes = []
    for name, (before, after) in d["changes"].items():
        if name in ("started_at", "ended_at"):
            before, after = local_time(before), local_time(after)
        changes.append(f"{_key(name)} {_value(before) or 'none'} → {_value(after) or 'none'}")
    return f"Day {d['day']}: " + "; ".join(changes) + "."


def _checks_cancelled(d: dict) -> str:
    count = d["count"]
    return f"{count} check{'s' if count != 1 else ''} cancelled: {d['reason']}."


def _reminder_sent(d: dict) -> str:
    return f"The {d['hours_after_infusion']} h check" + (", late." if d.get("late") else ".")


def _renal_result(d: dict) -> str:
    stage = d.get("aki_stage") or 0
    verdict = f"acute kidney injury, KDIGO stage {stage}" if stage else "no acute kidney injury"
    return f"The {d['hours_after_infusion']} h check: creatinine {d['creatinine']}, {verdict}."


def _aki_alert(d: dict) -> str:
    reasons = "; ".join(d.get("reasons") or [])
    return f"KDIGO stage {d['stage']}" + (f": {reasons}." if reasons else ".")


def _platelets(d: dict) -> str:
    return f"{d['count_per_uL']:,} per µL, measured {local_time(d['measured_at'])}."


def _review_recorded(d: dict) -> str:
    response = {"complete": "complete response", "response": "response", "none": "no response"}
    decision = {
        "no_further": "no further IVIG",
        "other_treatment": "another treatment",
        "repeat_dose": "a repeat dose",
    }
    return (
        f"Course of assessment {d['number']}: platelets {d['count_per_uL']:,}/µL, "
        f"{response[d['response']]}; decided {decision[d['decision']]}."
    )


_WORDING = {
    Action.CREATED: lambda d: f"Team {d['team']}.",
    Action.EHR_PREFILLED: lambda d: (
        "From an EHR card: " + ", ".join(field_label(f) for f in d["fields"]) + "."
    ),
    Action.ASSESSMENT_STARTED: lambda d: f"Assessment {d['number']}.",
    Action.ASSESSMENT_CHANGED: _assessment_changed,
    Action.PLAN_CREATED: _plan_created,
    Action.ACCEPTED: _decided,
    Action.OVERRIDDEN: _decided,
    Action.PRINTED: _printed,
    Action.DOWNLOADED: _printed,
    Action.INFUSION_RECORDED: _infusion,
    Action.INFUSION_CORRECTED: _infusion_corrected,
    Action.INFUSION_CANCELLED: lambda d: f"Day {d['day']}: {d['reason']}.",
    Action.CHECKS_CANCELLED: _checks_cancelled,
    Action.REMINDER_SENT: _reminder_sent,
    Action.RENAL_RESULT: _renal_result,
    Action.AKI_ALERT: _aki_alert,
    Action.PLATELETS_RECORDED: _platelets,
    Action.REVIEW_REMINDER_SENT: lambda d: (
        f"Day-7 review of assessment {d['number']}" + (", late." if d.get("late") else ".")
    ),
    Action.REVIEW_RECORDED: _review_recorded,
    Action.REVIEW_CANCELLED: lambda d: f"Assessment {d['number']}: {d['reason']}.",
    Action.EXPORTED: lambda d: f"{d['format'].upper()}, {d['courses']:,} courses.",
}


def _key(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "none"
    return "" if value is None else str(value)
