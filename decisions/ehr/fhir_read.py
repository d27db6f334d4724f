"""The FHIR resources a hook call needs: from its `prefetch`, or else from the EHR's FHIR server.

CDS Hooks 2.0: a prefetch key left out is the service's to fetch, with the access token the
client gave in `fhirAuthorization`; a key given as null means "no data"; an OperationOutcome
means the client could not get it. Without the data and without a `fhirServer`: 412.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import httpx

from decisions.ehr.discovery import LOINC, OBSERVATION_KEYS, PATIENT_TOKEN, PREFETCH
from decisions.ehr.json_shape import items, obj, text

FHIR_FETCH_TIMEOUT_SECONDS = 5
FHIR_JSON = "application/fhir+json"
# Observations that never count as a result.
NOT_A_RESULT = {"entered-in-error", "cancelled"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class FhirUnavailable(Exception):
    """The data a service needs is neither prefetched nor to be had from the FHIR server."""


@dataclass(frozen=True)
class EhrRecord:
    """The patient and the newest result of each kind (None: the EHR has none)."""

    patient: dict | None
    platelets: dict | None = None
    weight: dict | None = None
    creatinine: dict | None = None


def ehr_record(body: dict, keys: tuple[str, ...]) -> EhrRecord:
    """The resources under `keys` (of PREFETCH), prefetched or fetched; FhirUnavailable if not."""
    prefetch = obj(body.get("prefetch"))
    found = {}
    for key in keys:
        if key in prefetch and not _is_operation_outcome(prefetch[key]):
            value = prefetch[key]
        else:
            value = _fetch(body, key)
        found[key] = value if key == "patient" else newest_observation(value, key)
    if found["patient"] is not None and obj(found["patient"]).get("resourceType") != "Patient":
        raise FhirUnavailable("'patient' is not a Patient")
    return EhrRecord(**found)


def _is_operation_outcome(value) -> bool:
    return isinstance(value, dict) and value.get("resourceType") == "OperationOutcome"


def _fetch(body: dict, key: str):
    server = body.get("fhirServer")
    patient_id = obj(body.get("context")).get("patientId")
    if not isinstance(server, str) or not server:
        raise FhirUnavailable(f"prefetch '{key}' missing and no fhirServer to fetch it from")
    if not _allowed_server(server):
        # CDS Hooks 2.0: "The scheme SHALL be https when production data is exchanged."
        raise FhirUnavailable("fhirServer must be an https URL")
    if not isinstance(patient_id, str) or not patient_id:
        raise FhirUnavailable("context.patientId missing")
    url = server.rstrip("/") + "/" + PREFETCH[key].replace(PATIENT_TOKEN, quote(patient_id, ""))
    headers = {"Accept": FHIR_JSON}
    authorization = body.get("fhirAuthorization")
    if isinstance(authorization, dict) and isinstance(authorization.get("access_token"), str):
        headers["Authorization"] = "Bearer " + authorization["access_token"]
    try:
        response = httpx.get(url, headers=headers, timeout=FHIR_FETCH_TIMEOUT_SECONDS)
    except httpx.HTTPError as error:
        raise FhirUnavailable(f"FHIR server did not answer for '{key}': {error}") from None
    if key == "patient" and response.status_code in (404, 410):
        return None
    if response.status_code != 200:
        raise FhirUnavailable(f"FHIR server answered {response.status_code} for '{key}'")
    try:
        return response.json()
    except ValueError:
        raise FhirUnavailable(f"FHIR server's answer for '{key}' is not JSON") from None


def _allowed_server(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    # Plain http only on this machine (a development EHR, the tests' FHIR server).
    return parts.scheme == "http" and parts.hostname in LOOPBACK


def newest_observation(value, key: str) -> dict | None:
    """The newest usable Observation of the key's codes in a searchset Bundle (or one
    Observation); None when there is none."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FhirUnavailable(f"prefetch '{key}' is not a FHIR resource")
    if value.get("resourceType") == "Bundle":
        resources = [obj(e).get("resource") for e in items(value.get("entry"))]
    else:
        resources = [value]
    codes = OBSERVATION_KEYS[key]
    results = [
        r
        for r in resources
        if isinstance(r, dict)
        and r.get("resourceType") == "Observation"
        and text(r.get("status")) not in NOT_A_RESULT
        and _has_code(r, codes)
    ]
    return max(results, key=observed_at_or_oldest, default=None)


def _has_code(observation: dict, codes: tuple[str, ...]) -> bool:
    codings = items(obj(observation.get("code")).get("coding"))
    return any(obj(c).get("system") == LOINC and text(obj(c).get("code")) in codes for c in codings)


def parse_fhir_datetime(value) -> datetime | None:
    """A FHIR date or dateTime (a partial date at its start), as an aware datetime; or None."""
    if text(value) is None:
        return None
    padded = {4: "-01-01", 7: "-01"}.get(len(value), "")
    try:
        moment = datetime.fromisoformat(value + padded)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def observed_at(observation: dict) -> datetime | None:
    """When the result was taken: effective[x], else when it was issued."""
    period = obj(observation.get("effectivePeriod"))
    for written in (
        observation.get("effectiveDateTime"),
        observation.get("effectiveInstant"),
        period.get("end"),
        period.get("start"),
        observation.get("issued"),
    ):
        moment = parse_fhir_datetime(written)
        if moment is not None:
            return moment
    return None


def observed_at_or_oldest(observation: dict) -> datetime:
    return observed_at(observation) or datetime.min.replace(tzinfo=UTC)
