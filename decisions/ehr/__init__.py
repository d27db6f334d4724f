"""The EHR integration: a CDS Hooks 2.0 service (HL7, STU2) that checks IVIG orders while they
are chosen and signed, and opens an assessment from what the EHR sent.

One job per module: `clients` (who is trusted, their keys), `jwt_check` (the JWT of every call),
`discovery` (the services and their prefetch), `fhir_read` (prefetch, or the EHR's FHIR server),
`mapping` (FHIR to the API's fields), `orders` (the IVIG draft order), `hooks` (one call: engine
and cards), `cards` (the cards' wording), `prefill` (the link's reference), `feedback`, `views`.
"""
