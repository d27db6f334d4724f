"""A stored plan as a FHIR R4 Bundle of type `collection`: the CarePlan, the Patient it is for,
a MedicationRequest per drug given or offered and a ServiceRequest per procedure and check.

Read from the plan snapshot only (decisions/snapshot.py), never recomputed, and validated by
fhir.resources' R4B models (the R4 shape of these resources) before anything is sent.

What the bundle says about the patient: nothing but the case reference, the app's own pseudonym
that names no one. No name, hospital number, birth date or sex: the EHR that receives the file
already holds the chart it belongs to, and a file downloaded to a folder is not private. The
dosing weight appears where the plan's dose working shows it, as on the plan page.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from fhir.resources.R4B.bundle import Bundle

from decisions.fhir_export.careplan import CarePlanParts, careplan
from decisions.fhir_export.codings import MONITORING_CODES, PROCEDURE_CODES, is_medication
from decisions.fhir_export.requests import (
    INTENTS,
    RequestContext,
    check_request,
    medication_request,
    procedure_request,
)
from decisions.snapshot import (
    IVIG_CODE,
    ROLE_TITLES,
    monitoring_items,
    recommendations_with_role,
)

# The roles a request is made for (give, option); an "avoid" line never becomes one.
REQUESTED_ROLES = tuple(INTENTS)


@dataclass(frozen=True, slots=True)
class Namespaces:
    """The URIs the export names things by, under the site's own address (SITE_URL)."""

    site_url: str

    @property
    def case_reference(self) -> str:
        return f"{self.site_url}/fhir/sid/case-reference"

    @property
    def plan(self) -> str:
        return f"{self.site_url}/fhir/sid/plan"

    def ruleset(self, version: str) -> str:
        return f"{self.site_url}/fhir/ruleset/{version}"


def plan_bundle_build(*, assessment, snapshot, site_url: str, now: datetime) -> Bundle:
    """The FHIR R4 Bundle of an assessment's stored plan (raises pydantic's ValidationError if
    what was built is not valid FHIR, which the tests show it always is)."""
    names = Namespaces(site_url)
    plan, reference = snapshot.plan, assessment.case.reference
    entries = _Entries(snapshot.pk, names)
    patient = entries.add("patient", _patient(reference, names))
    context = RequestContext(
        subject=patient,
        authored_on=snapshot.created_at.isoformat(),
        emergency=bool(plan.get("emergency")),
    )
    lines, ivig = _lines(plan, context, entries)
    checks = [
        entries.add(f"check-{i}", check_request(item, context, ivig_reference=ivig))
        for i, item in enumerate(monitoring_items(plan, *MONITORING_CODES))
    ]
    plan_id = {"system": names.plan, "value": f"{reference}/{assessment.number}"}
    parts = CarePlanParts(
        identifier=plan_id,
        ruleset_uri=names.ruleset(snapshot.ruleset_version),
        title=f"IVIG decision support plan, case {reference}, assessment {assessment.number}",
        subject=patient,
        created=snapshot.created_at.isoformat(),
        lines=lines,
        checks=checks,
        assumptions=list(snapshot.assumptions or []),
    )
    entries.add("careplan", careplan(plan, parts), first=True)
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "identifier": plan_id,
            "type": "collection",
            "timestamp": now.isoformat(),
            "entry": entries.entries,
        }
    )


def _lines(plan: dict, context: RequestContext, entries: "_Entries"):
    """Each recommendation with the reference of the request made for it (None for a line the
    plan advises against, or one that is not a drug or procedure); and the IVIG request's."""
    lines, ivig = [], None
    for i, item in enumerate(recommendations_with_role(plan, *ROLE_TITLES)):
        reference = None
        if item["role"] in REQUESTED_ROLES and is_medication(item):
            reference = entries.add(f"medication-{i}", medication_request(item, context))
            if item["code"] == IVIG_CODE and (ivig is None or item["role"] == "give"):
                ivig = reference
        elif item["role"] in REQUESTED_ROLES and item["code"] in PROCEDURE_CODES:
            reference = entries.add(f"procedure-{i}", procedure_request(item, context))
        lines.append((item, reference))
    return lines, ivig


def _patient(reference: str, names: Namespaces) -> dict:
    return {
        "resourceType": "Patient",
        "identifier": [{"system": names.case_reference, "value": reference}],
    }


class _Entries:
    """The bundle's entries, each with a stable `urn:uuid:` full URL (the same on every export of
    the plan, derived from the snapshot's id and the entry's place, never from patient data)."""

    def __init__(self, snapshot_pk: int, names: Namespaces):
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"{names.plan}/{snapshot_pk}")
        self.entries: list[dict] = []

    def add(self, name: str, resource: dict, *, first: bool = False) -> dict:
        """Add the resource; return a Reference to it."""
        resource_id = str(uuid.uuid5(self._namespace, name))
        url = f"urn:uuid:{resource_id}"
        entry = {"fullUrl": url, "resource": {**resource, "id": resource_id}}
        if first:
            self.entries.insert(0, entry)
        else:
            self.entries.append(entry)
        return {"reference": url}
