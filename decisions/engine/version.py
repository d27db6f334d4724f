"""The rule-set version: a release name plus a fingerprint of every module that decides.

Any edit to a rule changes the fingerprint, so `RULESET_VERSION` changes by itself; the test suite
also pins the fingerprint to `RULESET_RELEASE`, so whoever changes a rule must name a new release
(and record it in docs/rules.md) in the same commit.
"""

import hashlib
from pathlib import Path

RULESET_RELEASE = "2027.1"
RECORDED_FINGERPRINT = "e51819b0c27aaf57f11152049d77a2c8717875c3c64b24859bca05828ae68d22"

# The modules whose content decides what a plan says.
RULE_MODULES = (
    "alerts.py",
    "body_weight.py",
    "doses.py",
    "facts.py",
    "grading.py",
    "monitoring.py",
    "rules.py",
    "treatments.py",
    "wording.py",
    "vocabulary.py",
    "assessment.py",
    "procedures.py",
    "safety_alerts.py",
    "standards.py",
    "steroids.py",
)


def compute_fingerprint() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in RULE_MODULES:
        digest.update(name.encode())
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


RULESET_FINGERPRINT = compute_fingerprint()
RULESET_VERSION = f"{RULESET_RELEASE}+{RULESET_FINGERPRINT[:12]}"
