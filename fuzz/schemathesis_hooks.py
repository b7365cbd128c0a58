# Loaded by `st run` (SCHEMATHESIS_HOOKS=schemathesis_hooks): every terminal POST gets a new Idempotency-Key, as a
# real terminal sends one per action; a replayed key would only test the replay.
#
# Every terminal request also gets a DPoP proof (RFC 9449) of the role's bound device key, as the terminal signs
# them: without one the terminal routes answer 401 before reading anything, and the pass would test nothing else.
# Python's standard library has no ECDSA, so the proof comes from the fuzz run itself (schemathesisPass.ts serves
# POST {device, method, url, token} → proof on loopback; JICHA_DPOP_SIGNER, JICHA_DPOP_DEVICE). It is added by a
# requests auth hook, which sees the request as it is sent — final URL, method, Authorization — and runs again for
# every retry, so each attempt has a proof of its own.
import json
import os
import urllib.request
import uuid
from urllib.parse import urlsplit

import requests
import schemathesis


class DpopProof(requests.auth.AuthBase):
    def __call__(self, r):
        signer = os.environ.get("JICHA_DPOP_SIGNER")
        device = os.environ.get("JICHA_DPOP_DEVICE")
        auth = r.headers.get("Authorization", "")
        if not (signer and device and auth.startswith("Bearer ")) or not urlsplit(r.url).path.startswith("/mobile/"):
            return r
        body = json.dumps({"device": device, "method": r.method, "url": r.url, "token": auth[len("Bearer "):]}).encode()
        ask = urllib.request.Request(signer, data=body, headers={"content-type": "application/json"}, method="POST")
        with urllib.request.urlopen(ask, timeout=10) as res:
            r.headers["DPoP"] = res.read().decode()
        return r


@schemathesis.hook
def before_call(context, case, kwargs):
    if not case.path.startswith("/mobile/"):
        return
    if case.method.upper() == "POST":
        case.headers = {**(case.headers or {}), "Idempotency-Key": str(uuid.uuid4())}
    kwargs["auth"] = DpopProof()
