#!/usr/bin/env python3
"""Computes the pinned pre-2024 VC-JWT (credential under a `vc` claim) of crates/core/tests/credentials.rs independently
of gedhub's Rust code: Python's `json` and the `cryptography` package's
Ed25519 (RFC 8032 test 1 key). Run from the repository root:

    python3 scripts/legacy-credential-test-vector.py

Open Badges 3.0 JWT proof format: header {"alg":"EdDSA","kid":...,"typ":"JWT"},
payload {"iss","jti","sub","nbf","exp","vc"}; JSON with sorted keys and no
spaces (what gedhub signs), base64url without padding.
"""
import base64, datetime, json
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
KID = "did:web:gedhub.example.org#key-1"

def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

def seconds(text: str) -> int:
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())

vc = json.load(open("crates/core/tests/data/legacy-credential-vector.json", encoding="utf-8"))
claims = {
    "iss": vc["issuer"]["id"],
    "jti": vc["id"],
    "sub": vc["credentialSubject"]["id"],
    "nbf": seconds(vc["validFrom"]),
    "exp": seconds(vc["validUntil"]),
    "vc": vc,
}
header = {"alg": "EdDSA", "kid": KID, "typ": "JWT"}
signing_input = b64(canonical(header)) + "." + b64(canonical(claims))
key = Ed25519PrivateKey.from_private_bytes(SEED)
signature = key.sign(signing_input.encode())
key.public_key().verify(signature, signing_input.encode())
print(signing_input + "." + b64(signature))
