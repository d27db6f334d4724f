"""A CDS Hooks `order-select` call against `POST /api/v1/evaluate` for the same patient, same
gunicorn worker, same run.

Run: .venv/bin/python -m benchmarks.cds_hooks   (goal: ratio of medians within 2x)
The hook call does what the API call does (the same validation and engine) plus the extra of
CDS Hooks: the ES384 JWT verified against the registered key, its jti written to the database,
the FHIR prefetch mapped, the cards made. Two hook calls are timed: an order at the plan's dose
(no card) and one 20% off (a dose card with its link: the EHR's data kept as a prefill, one more
write). Requests alternate so all three see the same machine state; the JWTs are signed before
the clock starts (the EHR's work, not the service's).
"""

import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from .server import (
    bench_env,
    fresh_postgres_database,
    manage,
    migrated_with_token,
    percentile,
    request,
    serve,
)

ROUNDS = 600
WARMUP = 60
SITE_URL = "https://ivig.bench.example"  # the JWT's aud; the server is reached on loopback
ISSUER = "https://ehr.bench.example/"
SERVICE = "/cds-services/ivig-order-select"

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.ehr.fhir import (  # noqa: E402
    creatinine,
    ivig_order,
    order_call,
    platelets,
    prefetch_for,
    weight,
    years_ago,
)

EVALUATION = {
    "weight_kg": 70,
    "age_group": "adult",
    "age_years": 40,
    "condition": "primary_itp",
    "platelet_count": 12,
    "platelet_unit": "x10^9/L",
    "bleeding": "none",
    "rapid_increase_needed": False,
}
PREFETCH = prefetch_for(
    birth_date=years_ago(40),
    weight_obs=weight(70),
    platelet_obs=platelets(12),
    creatinine_obs=creatinine(),
)
AT_THE_PLANS_DOSE = json.dumps(order_call("order-select", [ivig_order(70)], PREFETCH)).encode()
DOSE_OFF = json.dumps(order_call("order-select", [ivig_order(84)], PREFETCH)).encode()


def main() -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    kid = "bench-key"
    public = {**json.loads(ECAlgorithm.to_jwk(key.public_key())), "kid": kid, "alg": "ES384"}

    def bearer() -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": SITE_URL + SERVICE,
            "iat": now,
            "exp": now + 300,
            "jti": str(uuid.uuid4()),
        }
        return "Bearer " + jwt.encode(
            claims, key, algorithm="ES384", headers={"kid": kid, "typ": "JWT"}
        )

    with tempfile.TemporaryDirectory() as tmp:
        env = {**bench_env(Path(tmp)), "SITE_URL": SITE_URL}
        fresh_postgres_database(env["DATABASE_URL"])
        Path(env["BENCH_STATIC_ROOT"]).mkdir()
        token = migrated_with_token(env)
        jwks_path = Path(tmp) / "jwks.json"
        jwks_path.write_text(json.dumps({"keys": [public]}))
        manage(env, "register_cds_client", ISSUER, "--jwks-file", str(jwks_path))
        api_headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        times = {"/api/v1/evaluate": [], "order-select, no card": [], "order-select, dose card": []}
        with serve(env) as port:
            for i in range(WARMUP + ROUNDS):
                calls = (
                    (
                        "/api/v1/evaluate",
                        "/api/v1/evaluate",
                        json.dumps(EVALUATION).encode(),
                        api_headers,
                    ),
                    (
                        "order-select, no card",
                        SERVICE,
                        AT_THE_PLANS_DOSE,
                        {"Authorization": bearer(), "Content-Type": "application/json"},
                    ),
                    (
                        "order-select, dose card",
                        SERVICE,
                        DOSE_OFF,
                        {"Authorization": bearer(), "Content-Type": "application/json"},
                    ),
                )
                for name, path, body, headers in calls:
                    status, seconds = request(port, "POST", path, body, headers)
                    assert status == 200, (name, status)
                    if i >= WARMUP:
                        times[name].append(seconds)
    for name, values in times.items():
        print(
            f"{name:24} median {statistics.median(values) * 1000:6.2f} ms   "
            f"p90 {percentile(values, 0.9) * 1000:6.2f} ms   "
            f"p99 {percentile(values, 0.99) * 1000:6.2f} ms"
        )
    api = statistics.median(times["/api/v1/evaluate"])
    worst = 0.0
    for name in ("order-select, no card", "order-select, dose card"):
        ratio = statistics.median(times[name]) / api
        worst = max(worst, ratio)
        print(f"{name}: {ratio:.2f}x the API's median (goal within 2x) over {ROUNDS} requests")
    print("PASS" if worst <= 2 else "ABOVE GOAL")


if __name__ == "__main__":
    main()
