"""The audit trail on the case page reads in words, not stored keys and Python lists."""

import pytest

from decisions.models import AuditEvent
from decisions.overview.audit_wording import audit_detail_text

from .wizard import post_step

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action


def test_a_changed_assessment_names_its_fields_by_their_labels(browser, case):
    post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "70"})
    html = browser.get(f"/cases/{case.pk}/").content.decode()
    assert "Assessment 1: changed Age group, Weight (kg)." in html
    assert "Fields: [" not in html and "Dropped: []" not in html


@pytest.mark.parametrize(
    ("action", "detail", "expected"),
    [
        pytest.param(
            Action.ASSESSMENT_CHANGED,
            {"number": 1, "fields": ["platelet_count"], "dropped": ["bleeding_sites"]},
            "Assessment 1: changed Platelet count; no longer asked: Where is the bleeding?.",
            id="changed-and-dropped",
        ),
        pytest.param(
            Action.AKI_ALERT,
            {"stage": 2, "reasons": ["creatinine rose to 2.1 times the baseline"]},
            "KDIGO stage 2: creatinine rose to 2.1 times the baseline.",
            id="aki",
        ),
        pytest.param(
            Action.OVERRIDDEN,
            {"number": 1, "code": "PLATELET_TRANSFUSION", "reason": "HLA antibodies"},
            "Platelet transfusion, assessment 1; reason: “HLA antibodies”.",
            id="override",
        ),
        pytest.param(
            Action.RENAL_RESULT,
            {"hours_after_infusion": 24, "creatinine": "2.10 mg/dL", "aki_stage": 0},
            "The 24 h check: creatinine 2.10 mg/dL, no acute kidney injury.",
            id="renal-result",
        ),
        pytest.param(
            Action.PLAN_CREATED,
            {"number": 2, "ruleset_version": "2026.12.2+abc", "emergency": True},
            "Assessment 2, rules 2026.12.2+abc: emergency.",
            id="plan",
        ),
        pytest.param(
            Action.CHECKS_CANCELLED,
            {"count": 3, "extra": ["an", "older", "key"], "reason": "case closed"},
            "3 checks cancelled: case closed.",
            id="checks-cancelled",
        ),
        pytest.param(
            Action.PRINTED, {"count": 1, "pages": [1, 2]}, "Count: 1; Pages: 1, 2", id="unknown"
        ),
    ],
)
def test_each_audit_detail_reads_in_words(action, detail, expected):
    assert audit_detail_text(action, detail) == expected
