"""Real signing keys, made in the test, and the JWTs an EHR signs with them."""

import json
import time
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

ISSUER = "https://fhir-ehr.example.com/"


class SigningKey:
    """A key pair of an EHR: the private key signs, the public JWK goes in its JWK Set."""

    def __init__(self, alg: str = "ES384", kid: str | None = None):
        self.alg = alg
        self.kid = kid or f"{alg.lower()}-{uuid.uuid4().hex[:8]}"
        if alg == "ES384":
            self.private = ec.generate_private_key(ec.SECP384R1())
            public = json.loads(ECAlgorithm.to_jwk(self.private.public_key()))
        else:
            self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            public = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        self.public_jwk = {**public, "kid": self.kid, "use": "sig", "alg": alg}

    def sign(self, claims: dict, **header) -> str:
        return jwt.encode(
            claims,
            self.private,
            algorithm=self.alg,
            headers={"kid": self.kid, "typ": "JWT", **header},
        )


def jwks(*keys: SigningKey) -> dict:
    return {"keys": [key.public_jwk for key in keys]}


def claims(audience: str, *, issuer: str = ISSUER, lifetime: int = 300, **more) -> dict:
    now = int(time.time())
    return {
        "iss": issuer,
        "aud": audience,
        "exp": now + lifetime,
        "iat": now,
        "jti": str(uuid.uuid4()),
        **more,
    }
