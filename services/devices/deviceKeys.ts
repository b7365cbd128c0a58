import crypto from 'node:crypto';
import { codedProblem, type Problem } from '../../http/problem';
import { renderMessage } from '../../domain/messages';
import type { Lang } from '../../domain/text';
import type { PublicKeyJwk } from '../../domain/terminalSchemas';
import type { StoredKey } from '../../db/devices';

// A terminal's key (ECDSA P-256) and the refusals about devices and their keys (texts in the message catalogue). The key is
// registered with the device (by the terminal itself on first run, or by an administrator) and signs the DPoP proof
// of every terminal request; a device without one cannot be bound.

export const DEVICE_TAKEN = 'device.taken';
export const DEVICE_KEY_INVALID = 'device.key-invalid';
export const DEVICE_KEY_MISSING = 'device.key-missing';
export const DEVICE_NOT_BOUND = 'device.not-bound';

/** A device refusal's text (domain/messages/refusals.ts). */
export const deviceText = (code: string, lang: Lang, id = '') => renderMessage(code, { id }, lang);

/** 409: the id is registered already (by someone else, or by the caller with another key or none). */
export function deviceTaken(id: string, lang: Lang): Problem {
  const t = deviceText(DEVICE_TAKEN, lang, id);
  return codedProblem(409, 'Device id in use', DEVICE_TAKEN, { id }, lang, { errors: [{ path: 'deviceId', message: t, code: DEVICE_TAKEN }], type: `urn:jicha:${DEVICE_TAKEN}` });
}

/** 422: binding needs a registered key (the device signs every request with it). */
export function deviceKeyMissing(id: string, lang: Lang): Problem {
  return codedProblem(422, 'Device has no key', DEVICE_KEY_MISSING, { id }, lang, { type: `urn:jicha:${DEVICE_KEY_MISSING}` });
}

/** 403 for every device the request cannot be shown to come from; the same body whatever the reason. */
export function deviceNotBound(lang: Lang): Problem {
  return codedProblem(403, 'Device not bound', DEVICE_NOT_BOUND, {}, lang, { type: `urn:jicha:${DEVICE_NOT_BOUND}` });
}

/**
 * The members of the key that identify it (`ext`, `key_ops`… are not kept); null without one. Refuses coordinates
 * that are not a P-256 point (422 device.key-invalid on `path`).
 */
export function canonicalPublicKey(jwk: PublicKeyJwk | undefined, lang: Lang, path = 'publicKeyJwk'): StoredKey | null {
  if (!jwk) return null;
  const key: StoredKey = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  try {
    crypto.createPublicKey({ key, format: 'jwk' });
  } catch {
    const t = deviceText(DEVICE_KEY_INVALID, lang);
    throw codedProblem(422, 'Invalid public key', DEVICE_KEY_INVALID, {}, lang, { errors: [{ path, message: t, code: DEVICE_KEY_INVALID }], type: `urn:jicha:${DEVICE_KEY_INVALID}` });
  }
  return key;
}
