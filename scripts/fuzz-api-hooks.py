# Schemathesis hooks for scripts/fuzz-api.sh, loaded through SCHEMATHESIS_HOOKS.
#
# POST /api/plans runs the staffing engine for `time_limit_seconds` (0–60, default 5) on
# every valid request, so a few hundred generated plan requests would spend the whole
# fuzzing budget waiting for the search. Each request that would search for longer than
# PLAN_SECONDS is sent with PLAN_SECONDS instead; invalid values (negative, over 60, not a
# number) are sent as generated, so the validation is still fuzzed. Every other field of
# the request is left as generated.
import schemathesis

PLAN_SECONDS = 0.2


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    if case.operation.method.upper() != "POST" or case.operation.path != "/api/plans":
        return
    body = case.body
    if not isinstance(body, dict):
        return
    seconds = body.get("time_limit_seconds")
    # Missing and null both mean the default, 5 seconds.
    if seconds is None or (
        isinstance(seconds, (int, float))
        and not isinstance(seconds, bool)
        and PLAN_SECONDS < seconds <= 60
    ):
        body["time_limit_seconds"] = PLAN_SECONDS
