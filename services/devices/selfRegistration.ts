import type pg from 'pg';
import type { Lang } from '../../domain/text';
import type { RegisterOwnDevice } from '../../domain/terminalSchemas';
import { devicesWaitingFor, registerOwnDevice as insertOwnDevice, type Device, type StoredKey } from '../../db/devices';
import { canonicalPublicKey, deviceTaken } from './deviceKeys';

export { devicesWaitingFor };
export { DEVICE_KEY_INVALID, DEVICE_TAKEN } from './deviceKeys';

// A terminal registers itself on first run (移动作业终端 shows its code and "等待管理员绑定终端" until an administrator
// binds it in the back office). The registration is the device's id, what it is, who asked and its public key; it
// binds nothing. Asking again with the same id and key is harmless (an app retrying after a lost answer, or
// registering again after its storage of the answer was cleared); the same id with another person or another key is
// someone else's terminal, or a copy of this one, and is refused — with one answer for both, so that trying ids
// tells an outsider no more than that an id exists.

const sameKey = (a: StoredKey | null, b: StoredKey | null) => (a === null || b === null ? a === b : a.x === b.x && a.y === b.y && a.crv === b.crv && a.kty === b.kty);

/**
 * Registers the caller's terminal, unbound. 201 when new; 200 with the device as stored when the caller registered
 * this id with this key before (bound since, or not). 409 `device.taken` otherwise: another person registered the id
 * (an administrator included), or the caller did with another key or none.
 */
export async function registerOwnDevice(pool: Pick<pg.Pool, 'query'>, username: string, body: RegisterOwnDevice, lang: Lang): Promise<{ status: 200 | 201; device: Device }> {
  const publicKey = canonicalPublicKey(body.publicKeyJwk, lang);
  const r = await insertOwnDevice(pool, { id: body.deviceId, label: body.label, platform: body.platform, model: body.model, by: username, publicKey });
  if (r.created) return { status: 201, device: r.device };
  if (r.device.registeredBy !== username || !sameKey(r.publicKey, publicKey)) throw deviceTaken(body.deviceId, lang);
  return { status: 200, device: r.device };
}
