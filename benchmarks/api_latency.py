"""`POST /api/v1/evaluate` latency against a bare Django JSON view on the same server, same run.

Run: .venv/bin/python -m benchmarks.api_latency   (goal: median ratio below 1.5x)
gunicorn with one sync worker on loopback; requests alternate between the two endpoints so
both see the same machine state.
"""

import json
import statistics

from .server import percentile, request, running_site

ROUNDS = 1500
WARMUP = 100
# An emergency with a renal risk factor and weights: most rules and alerts fire.
EVALUATION = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 12_000,
    "bleeding": "life_threatening",
    "bleeding_sites": ["gi"],
    "renal_risk_factors": ["diabetes"],
    "height_cm": 175,
    "sex": "male",
}
BODY = json.dumps(EVALUATION).encode()


def main() -> None:
    with running_site() as (port, token):
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        bare, evaluate = [], []
        for i in range(WARMUP + ROUNDS):
            status_bare, seconds_bare = request(port, "GET", "/bench/bare")
            status_eval, seconds_eval = request(port, "POST", "/api/v1/evaluate", BODY, headers)
            assert (status_bare, status_eval) == (200, 200), (status_bare, status_eval)
            if i >= WARMUP:
                bare.append(seconds_bare)
                evaluate.append(seconds_eval)
    for name, values in (("bare JSON view", bare), ("/api/v1/evaluate", evaluate)):
        print(
            f"{name:18} median {statistics.median(values) * 1000:6.2f} ms   "
            f"p90 {percentile(values, 0.9) * 1000:6.2f} ms   "
            f"p99 {percentile(values, 0.99) * 1000:6.2f} ms"
        )
    ratio = statistics.median(evaluate) / statistics.median(bare)
    print(f"ratio of medians: {ratio:.2f}x (goal below 1.5x) over {ROUNDS} requests each")
    print("PASS" if ratio < 1.5 else "ABOVE GOAL")


if __name__ == "__main__":
    main()
