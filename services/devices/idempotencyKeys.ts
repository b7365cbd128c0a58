// The terminal API's idempotency store: a POST's answer kept under its (user, Idempotency-Key) and replayed verbatim.
export { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type StoredResponse } from '../../db/mobileIdempotency';
