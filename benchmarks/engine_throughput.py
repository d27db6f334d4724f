"""Engine evaluations per second on one core (goal: 10,000 or more).

Run: .venv/bin/python -m benchmarks.engine_throughput
Prints the rate for a mix of the source's scenarios and, as a baseline measured in the same run,
the rate of parsing the same requests alone, so the engine's own share is visible.
"""

import statistics
import time

from decisions.assessment.request import parse_evaluate_request
from decisions.engine import evaluate

REQUESTS = [
    {
        "weight_kg": 70,
        "age_group": "adult",
        "condition": "primary_itp",
        "platelet_count": 12_000,
        "bleeding": "life_threatening",
        "bleeding_sites": ["gi"],
    },
    {
        "weight_kg": 82,
        "age_group": "adult",
        "condition": "primary_itp",
        "platelet_count": 40_000,
        "bleeding": "none",
        "bleeding_risk": True,
        "renal_risk_factors": ["diabetes"],
        "height_cm": 180,
        "sex": "male",
        "dosing_weight": "adjusted",
    },
    {
        "weight_kg": 60,
        "age_group": "adult",
        "condition": "hcv_itp",
        "platelet_count": 60_000,
        "bleeding": "none",
    },
    {
        "weight_kg": 65,
        "age_group": "adult",
        "condition": "hiv_itp",
        "platelet_count": 30_000,
        "bleeding": "minor",
    },
    {
        "weight_kg": 3.1,
        "age_group": "neonate",
        "condition": "neonatal_alloimmune",
        "platelet_count": 20_000,
        "bleeding": "none",
    },
    {
        "weight_kg": 75,
        "age_group": "adult",
        "condition": "sepsis",
        "platelet_count": 35_000,
        "bleeding": "minor",
        "thrombosis_risk_factors": ["immobilisation"],
    },
    {
        "weight_kg": 70,
        "age_group": "adult",
        "condition": "primary_itp",
        "platelet_count": 60_000,
        "bleeding": "none",
        "steroid_contraindications": ["diabetes", "psychiatric"],
    },
    {
        "weight_kg": 58,
        "age_group": "adult",
        "condition": "primary_itp",
        "platelet_count": 45_000,
        "bleeding": "none",
        "pregnant": True,
        "sex": "female",
        "pa_igg_molecules_per_platelet": 7000,
    },
]
ROUNDS = 5
PER_ROUND = 4000


def rate(work) -> float:
    """Median calls per second over ROUNDS rounds of PER_ROUND calls."""
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for i in range(PER_ROUND):
            work(i)
        rates.append(PER_ROUND / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    assessments = [parse_evaluate_request(r) for r in REQUESTS]
    n = len(assessments)
    engine = rate(lambda i: evaluate(assessments[i % n]))
    parse_only = rate(lambda i: parse_evaluate_request(REQUESTS[i % n]))
    end_to_end = rate(lambda i: evaluate(parse_evaluate_request(REQUESTS[i % n])).to_dict())
    print(f"engine evaluate():                  {engine:10,.0f} /s  (goal >= 10,000)")
    print(f"parse + evaluate + to_dict():       {end_to_end:10,.0f} /s")
    print(f"baseline, request parsing alone:    {parse_only:10,.0f} /s")
    print(f"ratio evaluate cost / parse cost:   {parse_only / engine:10.2f}x")
    print("PASS" if engine >= 10_000 else "BELOW GOAL")


if __name__ == "__main__":
    main()
