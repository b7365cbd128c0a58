import crypto from 'node:crypto';
import type pg from 'pg';
import { Problem } from '../../http/problem';
import type { Lang } from '../../domain/text';
import type { RegisterOwnDevice } from '../../domain/terminalSchemas';
import { devicesWaitingFor, registerOwnDevice as insertOwnDevice, type Device, type StoredKey } from '../../db/devices';

export { devicesWaitingFor };

// A terminal registers itself on first run (移动作业终端 shows its code and "等待管理员绑定终端" until an administrator
// binds it in the back office). The registration is the device's id, what it is, who asked and its public key; it
// binds nothing. Asking again with the same id and key is harmless (an app retrying after a lost answer, or
// registering again after its storage of the answer was cleared); the same id with another person or another key is
// someone else's terminal, or a copy of this one, and is refused.

export const DEVICE_TAKEN = 'device.taken';
export const DEVICE_KEY_MISMATCH = 'device.key-mismatch';
export const DEVICE_KEY_INVALID = 'device.key-invalid';

const TEXTS: Record<string, Record<Lang, (id: string) => string>> = {
  [DEVICE_TAKEN]: {
    'zh-CN': (id) => `终端编号 ${id} 已由其他人员登记。请在终端上重新生成终端标识，或联系管理员。`,
    en: (id) => `Terminal id ${id} was registered by someone else. Make a new terminal identity on the device, or ask an administrator.`,
  },
  [DEVICE_KEY_MISMATCH]: {
    'zh-CN': (id) => `终端编号 ${id} 已登记了另一把密钥，可能是复制的终端数据。请重新生成终端标识，或联系管理员。`,
    en: (id) => `Terminal id ${id} is registered with another key, perhaps from copied terminal data. Make a new terminal identity, or ask an administrator.`,
  },
  [DEVICE_KEY_INVALID]: {
    'zh-CN': () => '终端公钥无效：不是 P-256 曲线上的点。',
    en: () => 'The terminal\'s public key is invalid: not a point on the P-256 curve.',
  },
};

const text = (code: string, lang: Lang, id: string) => TEXTS[code]![lang](id);

/** Only the members that identify the key; `null` without one. Refuses coordinates that are not a P-256 point. */
function canonicalKey(jwk: RegisterOwnDevice['publicKeyJwk'], lang: Lang, id: string): StoredKey | null {
  if (!jwk) return null;
  const key: StoredKey = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  try {
    crypto.createPublicKey({ key, format: 'jwk' });
  } catch {
    throw new Problem(422, 'Invalid public key', text(DEVICE_KEY_INVALID, lang, id), [{ path: 'publicKeyJwk', message: text(DEVICE_KEY_INVALID, lang, id), code: DEVICE_KEY_INVALID }], `urn:jicha:${DEVICE_KEY_INVALID}`, DEVICE_KEY_INVALID);
  }
  return key;
}

const sameKey = (a: StoredKey | null, b: StoredKey | null) => (a === null || b === null ? a === b : a.x === b.x && a.y === b.y && a.crv === b.crv && a.kty === b.kty);

/**
 * Registers the caller's terminal, unbound. 201 when new; 200 with the device as stored when the caller registered
 * this id with this key before (bound since, or not). 409 `device.taken` when another person registered the id (an
 * administrator included), 409 `device.key-mismatch` when the caller did with another key or none.
 */
export async function registerOwnDevice(pool: Pick<pg.Pool, 'query'>, username: string, body: RegisterOwnDevice, lang: Lang): Promise<{ status: 200 | 201; device: Device }> {
  const publicKey = canonicalKey(body.publicKeyJwk, lang, body.deviceId);
  const r = await insertOwnDevice(pool, { id: body.deviceId, label: body.label, platform: body.platform, model: body.model, by: username, publicKey });
  if (r.created) return { status: 201, device: r.device };
  const refuse = (code: string) => new Problem(409, 'Device id in use', text(code, lang, body.deviceId), [{ path: 'deviceId', message: text(code, lang, body.deviceId), code }], `urn:jicha:${code}`, code);
  if (r.device.registeredBy !== username) throw refuse(DEVICE_TAKEN);
  if (!sameKey(r.publicKey, publicKey)) throw refuse(DEVICE_KEY_MISMATCH);
  return { status: 200, device: r.device };
}
