"""The cards of ivig-order-select and ivig-order-sign (the contract), one row per situation."""

import pytest

from decisions.engine import RULESET_VERSION

from .fhir import (
    creatinine,
    days_ago,
    ivig_order,
    order_call,
    platelets,
    prefetch_for,
    weight,
    years_ago,
)

pytestmark = pytest.mark.django_db
SELECT = "/cds-services/ivig-order-select"
SIGN = "/cds-services/ivig-order-sign"

ADULT = {"birth_date": years_ago(40), "weight_obs": weight(70), "platelet_obs": platelets(12)}
CHILD = {"birth_date": years_ago(8), "weight_obs": weight(25), "platelet_obs": platelets(15)}
NEONATE = {
    "birth_date": days_ago(10),
    "weight_obs": weight(3200, "g"),
    "platelet_obs": platelets(20, "10*9/L"),
}


def patient(base, **changes):
    return {"creatinine_obs": creatinine(), **base, **changes}


# (name, patient data, order, expected card topics in order, the suggested dose in g or None)
ROWS = [
    ("adult, the plan's dose: no card", patient(ADULT), ivig_order(70), [], None),
    ("adult, 7% above: no card", patient(ADULT), ivig_order(75), [], None),
    ("adult, 7% below: no card", patient(ADULT), ivig_order(65), [], None),
    ("adult, 20% above", patient(ADULT), ivig_order(84), ["dose-check"], 70.0),
    ("adult, in mg, 20% below", patient(ADULT), ivig_order(56000, "mg"), ["dose-check"], 70.0),
    (
        "adult, right daily amount for 5 days",
        patient(ADULT),
        ivig_order(70, days=5),
        ["dose-check"],
        70.0,
    ),
    ("adult, 0.4 g/kg x 5, routine", patient(ADULT), ivig_order(28, days=5), ["dose-check"], 70.0),
    (
        "adult, 0.4 g/kg x 5, stat: the pitfall",
        patient(ADULT),
        ivig_order(28, days=5, priority="stat"),
        ["dose-check", "pitfall-5-day-regimen"],
        70.0,
    ),
    ("adult, no dose yet", patient(ADULT), ivig_order(None), ["dose-check"], 70.0),
    ("child, the plan's dose", patient(CHILD), ivig_order(25), [], None),
    ("child, 60% above", patient(CHILD), ivig_order(40), ["dose-check"], 25.0),
    (
        "neonate, weight in g, 10*9/L: adult rules said",
        patient(NEONATE),
        ivig_order(3.2),
        ["engine-alert"],
        None,
    ),
    (
        "neonate, 5 g",
        patient(NEONATE),
        ivig_order(5),
        ["dose-check", "engine-alert"],
        3.2,
    ),
    (
        "count per uL, normal",
        patient(ADULT, platelet_obs=platelets(210000, "/uL")),
        ivig_order(70),
        ["not-thrombocytopenic"],
        None,
    ),
    (
        "count 10*9/L, grade 2, routine: no IVIG in the plan",
        patient(ADULT, platelet_obs=platelets(60, "10*9/L")),
        ivig_order(70),
        ["no-ivig-in-plan"],
        None,
    ),
    (
        "grade 2, urgent: IVIG with a rapid rise",
        patient(ADULT, platelet_obs=platelets(60, "10*9/L")),
        ivig_order(70, priority="urgent"),
        [],
        None,
    ),
    (
        "weight missing",
        patient(ADULT, weight_obs=None),
        ivig_order(70),
        ["missing-data"],
        None,
    ),
    (
        "count missing",
        patient(ADULT, platelet_obs=None),
        ivig_order(70),
        ["missing-data"],
        None,
    ),
    (
        "weight in pounds",
        patient(ADULT, weight_obs=weight(154, "[lb_av]")),
        ivig_order(70),
        ["missing-data"],
        None,
    ),
    (
        "no creatinine",
        patient(ADULT, creatinine_obs=None),
        ivig_order(70),
        ["no-recent-creatinine"],
        None,
    ),
    (
        "creatinine 40 days old",
        patient(ADULT, creatinine_obs=creatinine(taken_days_ago=40)),
        ivig_order(70),
        ["no-recent-creatinine"],
        None,
    ),
    (
        "an adult of 70: renal and thrombosis risk",
        patient(ADULT, birth_date=years_ago(70)),
        ivig_order(70),
        ["engine-alert"],
        None,
    ),
    (
        "implausible weight for a neonate",
        patient(NEONATE, weight_obs=weight(30)),
        ivig_order(3),
        ["data-refused"],
        None,
    ),
]


@pytest.mark.parametrize("path", [SELECT, SIGN])
@pytest.mark.parametrize(
    ("name", "data", "order", "topics", "dose_g"), ROWS, ids=[row[0] for row in ROWS]
)
def test_the_order_gets_the_cards_of_its_situation(call, path, name, data, order, topics, dose_g):
    hook = "order-select" if path == SELECT else "order-sign"

    response = call(path, order_call(hook, [order], prefetch_for(**data)))

    assert response.status_code == 200, response.content
    cards = response.json()["cards"]
    assert [c["source"]["topic"]["code"] for c in cards] == topics
    for card in cards:
        assert len(card["summary"]) <= 140
        assert card["indicator"] in ("info", "warning", "critical")
        assert RULESET_VERSION in card["source"]["label"]
        assert "IVIG decision support" in card["source"]["label"]
        assert "**Rules:**" in card["detail"]
    dose_cards = [c for c in cards if c["source"]["topic"]["code"] == "dose-check"]
    if dose_g is None:
        assert not dose_cards
    else:
        (suggestion,) = dose_cards[0]["suggestions"]
        (action,) = suggestion["actions"]
        assert action["type"] == "update"
        assert action["resource"]["id"] == order["id"]
        quantity = action["resource"]["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
        assert quantity == {
            "value": dose_g,
            "unit": "g",
            "system": "http://unitsofmeasure.org",
            "code": "g",
        }


def test_a_dose_card_says_the_indication_was_assumed_and_cites_its_rules(call):
    data = prefetch_for(**patient(ADULT))

    (card,) = call(SIGN, order_call("order-sign", [ivig_order(84)], data)).json()["cards"]

    assert card["indicator"] == "warning"
    assert "primary ITP assumed" in card["summary"]
    assert "the indication is primary ITP" in card["detail"]
    assert "ITP-GRADE-4-NOT-BLEEDING" in card["detail"]
    assert "1 g/kg x 70 kg = 70 g" in card["detail"]
    assert "[3]" in card["detail"]
    assert card["selectionBehavior"] == "at-most-one"
    (link,) = card["links"]
    assert link["type"] == "absolute"


def test_the_suggestion_sets_the_plans_number_of_days(call):
    data = prefetch_for(**patient(ADULT))

    (card,) = call(SIGN, order_call("order-sign", [ivig_order(70, days=5)], data)).json()["cards"]

    resource = card["suggestions"][0]["actions"][0]["resource"]
    repeat = resource["dosageInstruction"][0]["timing"]["repeat"]
    assert repeat["count"] == 1
    assert "70 g x 5 days" in card["summary"]


def test_the_missing_data_card_names_what_is_missing(call):
    data = prefetch_for(**patient(ADULT, weight_obs=None, platelet_obs=None))

    (card,) = call(SIGN, order_call("order-sign", [ivig_order(70)], data)).json()["cards"]

    assert card["indicator"] == "warning"
    assert "weight" in card["summary"]
    assert "platelet count" in card["summary"]


def test_the_pitfall_card_quotes_the_source(call):
    data = prefetch_for(**patient(ADULT))
    order = ivig_order(28, days=5, priority="stat")

    cards = call(SIGN, order_call("order-sign", [order], data)).json()["cards"]

    pitfall = next(c for c in cards if c["source"]["topic"]["code"] == "pitfall-5-day-regimen")
    assert "PITFALL-NO-5-DAY-REGIMEN-WHEN-RAPID" in pitfall["detail"]
    assert "outdated 0.4 g/kg/day for 5 days" in pitfall["detail"]
    assert "'stat'" in pitfall["detail"]


def test_orders_that_are_not_ivig_get_no_cards_and_need_no_fhir_data(call):
    body = order_call("order-select", [], prefetch=None)

    response = call(SELECT, body)

    assert response.status_code == 200
    assert response.json() == {"cards": []}


def test_order_select_checks_only_the_selected_orders(call):
    data = prefetch_for(**patient(ADULT))
    body = order_call(
        "order-select",
        [ivig_order(84, order_id="a"), ivig_order(84, order_id="b")],
        data,
        selections=["MedicationRequest/b"],
    )

    cards = call(SELECT, body).json()["cards"]

    assert len(cards) == 1
    assert cards[0]["suggestions"][0]["actions"][0]["resource"]["id"] == "b"


def test_a_body_that_is_no_hook_call_is_400(call):
    assert call(SELECT, {"hook": "order-sign"}).status_code == 400
    assert call(SELECT, {"hook": "order-select", "context": {}}).status_code == 400


def test_an_unknown_service_is_404(call):
    assert call("/cds-services/no-such-service", {"hook": "x"}).status_code == 404


def test_a_body_over_the_upload_limit_is_413_not_500(call, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = order_call("order-sign", [ivig_order(70)], prefetch_for(**patient(ADULT)))

    assert call(SIGN, body).status_code == 413
