"""The plan page's lines built as HTML in Python (cases/plan_display.py, cases/presenters.py):
every value escaped as the template escaped it, and a key an older snapshot lacks shown as
nothing, never as "None" and never an error (snapshots are never rewritten)."""

import pytest

from decisions.cases.plan_display import alerts_html, monitoring_html, references_html
from decisions.cases.presenters import html_rows
from decisions.cases.views import prednisone_dose_text


@pytest.mark.parametrize(
    ("html", "expected", "absent"),
    [
        (
            alerts_html([{"severity": "caution", "code": "X", "text": '<b>"&'}]),
            "caution</strong> &lt;b&gt;&quot;&amp;",
            "<b>",
        ),
        (monitoring_html([{"text": "Creatinine <24 h>"}]), "Creatinine &lt;24 h&gt;", "<24"),
        (references_html([{"number": "3", "note": "a review"}]), "Cited for: .", "None"),
        (html_rows("<td>{name}</td>", [{"name": "O'Brien <script>"}]), "O&#x27;Brien &lt;", "<s"),
    ],
    ids=["alert", "monitoring", "reference without supports", "row"],
)
def test_lines_are_escaped_and_tolerate_missing_keys(html, expected, absent):
    assert expected in html
    assert absent not in html


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            {"mg_per_kg_per_day": [0.5, 1], "daily_dose_mg": [35, 70]},
            "Prednisone 35-70 mg a day (0.5-1 mg/kg/day)",
        ),
        (
            {"mg_per_kg_per_day": [1, 2], "daily_dose_mg": [52.5, 105]},
            "Prednisone 52.5-105 mg a day (1-2 mg/kg/day)",
        ),
        ({"mg_per_kg_per_day": [0.5, 1]}, "Prednisone - mg a day (0.5-1 mg/kg/day)"),
        ({"text": "Give IVIG"}, ""),
    ],
    ids=["whole mg", "half mg", "older snapshot", "not a steroid line"],
)
def test_the_prednisone_dose_reads_as_the_template_wrote_it(item, expected):
    assert prednisone_dose_text(item) == expected
