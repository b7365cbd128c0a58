# Loaded by `st run` (SCHEMATHESIS_HOOKS=schemathesis_hooks): every terminal POST gets a new Idempotency-Key, as a
# real terminal sends one per action; a replayed key would only test the replay.
import uuid

import schemathesis


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.method.upper() == "POST" and case.path.startswith("/mobile/"):
        case.headers = {**(case.headers or {}), "Idempotency-Key": str(uuid.uuid4())}
