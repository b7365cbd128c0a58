import crypto from 'node:crypto';
import { Problem } from '../../http/problem';
import type { Lang } from '../../domain/text';
import type { PublicKeyJwk } from '../../domain/terminalSchemas';
import type { StoredKey } from '../../db/devices';

// A terminal's key (ECDSA P-256) and the refusals about devices and their keys, with their zh-CN/en texts. The key is
// registered with the device (by the terminal itself on first run, or by an administrator) and signs the DPoP proof
// of every terminal request; a device without one cannot be bound.

export const DEVICE_TAKEN = 'device.taken';
export const DEVICE_KEY_INVALID = 'device.key-invalid';
export const DEVICE_KEY_MISSING = 'device.key-missing';
export const DEVICE_NOT_BOUND = 'device.not-bound';

const TEXTS: Record<string, Record<Lang, (id: string) => string>> = {
  // One answer for "someone else's id" and "your id with another key": either tells an outsider only that the id
  // exists, never whose it is or with which key.
  [DEVICE_TAKEN]: {
    'zh-CN': (id) => `终端编号 ${id} 已被登记，不能再次登记。请在终端上重新生成终端标识，或联系管理员。`,
    en: (id) => `Terminal id ${id} is registered already and cannot be registered again. Make a new terminal identity on the device, or ask an administrator.`,
  },
  [DEVICE_KEY_INVALID]: {
    'zh-CN': () => '终端公钥无效：不是 P-256 曲线上的点。',
    en: () => 'The terminal\'s public key is invalid: not a point on the P-256 curve.',
  },
  [DEVICE_KEY_MISSING]: {
    'zh-CN': (id) => `终端 ${id} 没有登记公钥，不能绑定。请在该终端上打开移动作业终端，由它自动登记；或在登记终端时提供它的公钥。`,
    en: (id) => `Terminal ${id} has no registered public key, so it cannot be bound. Open 移动作业终端 on the terminal so that it registers itself, or give its public key when registering it.`,
  },
  // The same words whatever the reason: unknown id, not bound, bound to someone else, no key, another key.
  [DEVICE_NOT_BOUND]: {
    'zh-CN': () => '此终端未绑定到当前账号，或请求不是由该终端登记的密钥签名的。请在终端上打开移动作业终端完成登记，并请管理员在终端人员维护中绑定。',
    en: () => 'This terminal is not bound to your account, or the request is not signed by the key the terminal registered. Open 移动作业终端 on the terminal to register it, and ask an administrator to bind it (终端人员维护).',
  },
};

export const deviceText = (code: string, lang: Lang, id = '') => TEXTS[code]![lang](id);

/** 409: the id is registered already (by someone else, or by the caller with another key or none). */
export function deviceTaken(id: string, lang: Lang): Problem {
  const t = deviceText(DEVICE_TAKEN, lang, id);
  return new Problem(409, 'Device id in use', t, [{ path: 'deviceId', message: t, code: DEVICE_TAKEN }], `urn:jicha:${DEVICE_TAKEN}`, DEVICE_TAKEN);
}

/** 422: binding needs a registered key (the device signs every request with it). */
export function deviceKeyMissing(id: string, lang: Lang): Problem {
  return new Problem(422, 'Device has no key', deviceText(DEVICE_KEY_MISSING, lang, id), undefined, `urn:jicha:${DEVICE_KEY_MISSING}`, DEVICE_KEY_MISSING);
}

/** 403 for every device the request cannot be shown to come from; the same body whatever the reason. */
export function deviceNotBound(lang: Lang): Problem {
  return new Problem(403, 'Device not bound', deviceText(DEVICE_NOT_BOUND, lang), undefined, `urn:jicha:${DEVICE_NOT_BOUND}`, DEVICE_NOT_BOUND);
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
    throw new Problem(422, 'Invalid public key', t, [{ path, message: t, code: DEVICE_KEY_INVALID }], `urn:jicha:${DEVICE_KEY_INVALID}`, DEVICE_KEY_INVALID);
  }
  return key;
}
