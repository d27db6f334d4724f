"""The FHIR R4 export of a stored plan (contract: cds-hooks.md, "FHIR export of a plan").

`bundle.py` builds the Bundle from the snapshot (`careplan.py`, `requests.py`, the codes in
`codings.py`); `views.py` answers `GET /api/v1/plans/<reference>/<number>.fhir.json`.
"""
