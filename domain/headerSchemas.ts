import { z } from 'zod';
import { DeviceId } from './terminalSchemas';

// Request headers the routes read themselves, as zod schemas for the OpenAPI document (header parameters).

export const IdempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, '8–200 printable ASCII characters')
  .describe('A new random value per action, the same value when retrying it: a retry is answered with the first response instead of acting twice');

export const DeviceIdHeader = DeviceId.describe('The terminal\'s registered device id; the device must be bound to the caller (终端人员维护)');

export const DpopHeader = z
  .string()
  .max(4096)
  .describe('A DPoP proof (RFC 9449): a compact JWS, header {typ: dpop+jwt, alg: ES256, jwk: the device\'s P-256 public key}, payload {jti, htm, htu (URL without query), iat, ath: base64url(SHA-256(access token))}; a new one for every request');

/** POST /api/cases: an optional Idempotency-Key makes opening a case retry-safe. */
export const CreateCaseHeaders = z.object({ 'Idempotency-Key': IdempotencyKeyHeader.optional() });

/**
 * Terminal routes: the bound device and the proof of its key (most routes; elsewhere the proof is optional, needed
 * only with a DPoP-bound token) and, on every POST, an Idempotency-Key.
 */
export function terminalHeaders(o: { device: boolean; idempotent: boolean }) {
  return z.object({
    ...(o.device ? { 'X-Device-Id': DeviceIdHeader, DPoP: DpopHeader } : { DPoP: DpopHeader.optional() }),
    ...(o.idempotent ? { 'Idempotency-Key': IdempotencyKeyHeader } : {}),
  });
}
