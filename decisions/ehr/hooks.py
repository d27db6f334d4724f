"""One CDS Hooks call: the request checked, the FHIR data read, the engine run as the API runs
it (the same validation, the same engine, the same options) and the cards made.

Raises InvalidHook (400) for a request that is not a CDS Hooks call of the service, and
fhir_read.FhirUnavailable (412) when the data cannot be had.
"""

from datetime import datetime

from decisions.assessment.request import API_CONFIRMED, InvalidRequest, parse_evaluate_request
from decisions.assessment.services import engine_options
from decisions.ehr import order_checks
from decisions.ehr.cards import assessment_link, basis, card
from decisions.ehr.discovery import ORDER_SELECT, PATIENT_VIEW, SERVICES_BY_ID
from decisions.ehr.fhir_read import ehr_record
from decisions.ehr.mapping import MappedPatient, map_record
from decisions.ehr.orders import IvigOrder, ivig_orders
from decisions.ehr.prefill import prefill_store, prefill_url
from decisions.engine import evaluate
from decisions.engine.rules import S_GRADE_3
from decisions.engine.vocabulary import Bleeding, Condition

ORDER_KEYS = ("patient", "platelets", "weight", "creatinine")
PATIENT_VIEW_KEYS = ("patient", "platelets", "weight")
# Contract: patient-view shows its card below 50,000/uL, the floor of CTCAE grade 3, from which
# the source's grade algorithm gives IVIG (with bleeding risk; seed ref 3).
ASSESS_BELOW_PER_UL = 50_000


class InvalidHook(ValueError):
    """Not a CDS Hooks request for this service; the message says what is wrong."""


def _checked(service_id: str, body) -> dict:
    if not isinstance(body, dict):
        raise InvalidHook("The body must be a JSON object.")
    if body.get("hook") != SERVICES_BY_ID[service_id]["hook"]:
        raise InvalidHook(f"hook must be '{SERVICES_BY_ID[service_id]['hook']}'.")
    if not isinstance(body.get("hookInstance"), str) or not body["hookInstance"]:
        raise InvalidHook("hookInstance is required.")
    if not isinstance(body.get("context"), dict):
        raise InvalidHook("context must be an object.")
    if "prefetch" in body and not isinstance(body["prefetch"], dict | None):
        raise InvalidHook("prefetch must be an object.")
    return body


def hook_answer(service_id: str, body, *, issuer: str, now: datetime) -> dict:
    """The `{"cards": [...]}` answer of one call."""
    body = _checked(service_id, body)
    if service_id == PATIENT_VIEW:
        return {"cards": _patient_view_cards(body, issuer=issuer, now=now)}
    orders = ivig_orders(body["context"], selected_only=service_id == ORDER_SELECT)
    if not orders:
        return {"cards": []}  # nothing of ours to check: no FHIR data needed
    mapped = map_record(ehr_record(body, ORDER_KEYS), today=now.date())
    cards = [c for order in orders for c in _order_cards(order, mapped, now)]
    return {"cards": _with_links(cards, mapped, issuer)}


def engine_request(mapped: MappedPatient, order: IvigOrder) -> dict:
    """The API request the EHR's data make: primary ITP and no bleeding assumed."""
    return {
        **mapped.fields,
        "condition": str(Condition.PRIMARY_ITP),
        "bleeding": str(Bleeding.NONE),
        "rapid_increase_needed": order.urgent,
    }


def _order_cards(order: IvigOrder, mapped: MappedPatient, now: datetime) -> list[dict]:
    missing = order_checks.missing_data_card(mapped)
    plan = None
    first: list[dict] = []
    if missing is not None:
        first.append(missing)
    else:
        try:
            assessment = parse_evaluate_request(
                engine_request(mapped, order), confirmed=API_CONFIRMED
            )
        except InvalidRequest as invalid:
            first.append(order_checks.refused_data_card(invalid.errors))
        else:
            plan = evaluate(assessment, engine_options())
    check = order_checks.OrderCheck(order=order, mapped=mapped, plan=plan, now=now)
    made = [check_card(check) for check_card in order_checks.CHECKS]
    return [*first, *(c for c in made if c is not None), *order_checks.alert_cards(check)]


def _with_links(cards: list[dict], mapped: MappedPatient, issuer: str) -> list[dict]:
    """The link to the full assessment on the cards that offer it; the EHR's data are kept
    (prefill) only when a card carries the link."""
    linked = [c for c in cards if c["source"]["topic"]["code"] in order_checks.LINKED_TOPICS]
    if linked:
        url = prefill_url(prefill_store(mapped=mapped, issuer=issuer))
        for linked_card in linked:
            linked_card["links"] = [assessment_link(url)]
    return cards


def _patient_view_cards(body: dict, *, issuer: str, now: datetime) -> list[dict]:
    mapped = map_record(ehr_record(body, PATIENT_VIEW_KEYS), today=now.date())
    count = mapped.count_per_uL
    if count is None or count >= ASSESS_BELOW_PER_UL:
        return []
    when = f" ({mapped.counted_at.date().isoformat()})" if mapped.counted_at else ""
    made = card(
        topic="assessment-suggested",
        topic_display="Platelet count calls for an assessment",
        summary=f"Platelets {count:,.0f}/uL, below 50,000/uL: assess whether IVIG is needed",
        indicator="info",
        detail=(
            f"The newest platelet count{when} is {count:,.0f}/uL. Below 50,000/uL (CTCAE grade "
            "3 or 4) the source's algorithm gives IVIG 1 g/kg with corticosteroids when there "
            "is bleeding or a bleeding risk. The link opens a new assessment prefilled with the "
            "EHR's age, weight and count; you give the indication and any bleeding.\n\n"
            + basis(
                rule_ids=("ITP-GRADE-3-BLEEDING-RISK", "CDS-PATIENT-VIEW-LOW-COUNT"),
                citations=("3",),
                source_sentences=(S_GRADE_3,),
                standards=("CTCAE v5.0, Platelet count decreased",),
            )
        ),
    )
    made["links"] = [assessment_link(prefill_url(prefill_store(mapped=mapped, issuer=issuer)))]
    return [made]
