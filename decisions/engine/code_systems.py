"""The FHIR code systems the EHR link (decisions/ehr) and the FHIR export (decisions/fhir_export)
both name, defined once (HL7 FHIR R4, "Using Codes in Resources": the canonical system URIs).
"""

ATC = "http://www.whocc.no/atc"  # WHO ATC index; the system the CDS Hooks contract names for IVIG
UCUM = "http://unitsofmeasure.org"  # the Unified Code for Units of Measure
