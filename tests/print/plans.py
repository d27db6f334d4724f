"""Three plans to print, walked through the guided assessment, and reading their PDFs."""

import re
import shutil
import subprocess
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from tests.factories import case_for
from tests.web.wizard import walk

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "print"

EMERGENCY = {
    "patient": {
        "age_group": "adult",
        "age_years": "54",
        "sex": "male",
        "weight_kg": "70",
        "height_cm": "175",
    },
    "platelets": {
        "platelet_count": "12000",
        "platelet_unit": "per_uL",
        "bleeding": "life_threatening",
        "bleeding_sites": ["gi"],
    },
    "context": {"condition": "primary_itp"},
    "risks": {"dosing_weight": "actual", "renal_risk_factors": ["diabetes"]},
}
NEONATAL = {
    "patient": {"age_group": "neonate", "weight_kg": "3.1"},
    "platelets": {"platelet_count": "20000", "platelet_unit": "per_uL", "bleeding": "none"},
    "context": {"condition": "neonatal_alloimmune"},
    "risks": {},
}
SEPSIS = {
    "patient": {
        "age_group": "adult",
        "age_years": "67",
        "sex": "female",
        "weight_kg": "75",
        "pregnant": "false",
    },
    "platelets": {
        "platelet_count": "35",
        "platelet_unit": "x10^9/L",
        "bleeding": "minor",
        "bleeding_sites": ["skin"],
    },
    "context": {"condition": "sepsis", "dic": "false"},
    "risks": {"thrombosis_risk_factors": ["immobilisation"]},
}


def planned_case(client, clinician, team, answers, **patient):
    """A case of `team` walked to its plan by `client`."""
    case = case_for(clinician, team, **patient)
    response = walk(client, case, answers)
    assert response.status_code == 200
    return case


def neonate_case(client, clinician, team):
    return planned_case(
        client,
        clinician,
        team,
        NEONATAL,
        patient_name="Baby Okafor",
        patient_identifier="N778899",
        date_of_birth=date.today() - timedelta(days=3),
    )


def pdf_url(case, number=1, **query):
    url = f"/cases/{case.pk}/assessments/{number}/plan/pdf/"
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def print_url(case, number=1, **query):
    return pdf_url(case, number, **query).replace("/plan/pdf/", "/plan/print/")


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, with runs of white space as one space."""
    reader = PdfReader(BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def missing(text: str, expected) -> list[str]:
    """The expected fragments the text lacks (empty when all are there)."""
    return [fragment for fragment in expected if fragment not in text]


def keep_pdf(pdf: bytes, name: str) -> Path:
    """Keep the PDF and a PNG of each page under test-artifacts/print/ for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(  # noqa: S603 (fixed arguments)
            ["pdftoppm", "-png", "-r", "80", str(path), str(ARTIFACTS / name)],  # noqa: S607
            check=True,
        )
    return path


def decide(client, case, code, number=1, **data):
    case.refresh_from_db()
    url = f"/cases/{case.pk}/assessments/{number}/plan/decisions/{code}/"
    response = client.post(url, {"version": case.version, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
