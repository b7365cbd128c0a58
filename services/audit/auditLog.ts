// The audit trail (hash-chained, append-only) of every mutating request, written by the HTTP layer's sink.
export { appendAudit } from '../../db/auditLog';
