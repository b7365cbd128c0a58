import type { ApiClient, ApiBody, ApiResponse } from '../../../client';
import { TerminalError, isNetworkError, isProofRefusal, newIdempotencyKey } from '../api/client';
import { publicJwkOf } from '../auth/dpop';
import type { DeviceIdentity } from './identity';

// Is this terminal bound to the signed-in person? GET /mobile/v1/me answers `deviceBound`: whether the request's
// X-Device-Id and its DPoP proof (signed with this terminal's key) show a device bound to the caller — the server no
// longer lists the person's device ids, so a stolen password does not reveal which id to claim. It also lists the
// devices they registered that wait for binding. A device neither bound nor waiting registers itself
// (POST /mobile/v1/devices, harmless when it did before) and learns from the answer whether it waits or is someone
// else's. The last "bound to me" is kept on the device, so that a start without network (a basement, a village) goes
// straight to work.

type Me = ApiResponse<'/mobile/v1/me'>;
type Device = ApiResponse<'/mobile/v1/devices', 'post'>;
type Registration = ApiBody<'/mobile/v1/devices', 'post'>;

export type DeviceState =
  | { kind: 'bound'; offline: boolean }
  | { kind: 'waiting' }
  | { kind: 'other'; boundUser: string }
  /**
   * The registration was refused (409: the id is someone else's, or registered with another key), or the server did
   * not accept this terminal's proof (401 dpop.*: no key on this browser, or not the key it registered).
   */
  | { kind: 'refused'; error: TerminalError }
  /**
   * Bound to me by the registration's answer, yet /me says the request does not show it: the server could not verify
   * this terminal's key (a proof missing or refused). Working on would only be refused request by request.
   */
  | { kind: 'unproven' }
  /** No answer (offline, server down) and not known to be bound here. */
  | { kind: 'unreachable'; error: unknown };

export interface Person {
  username: string;
  name: string;
}

// ---------------------------------------------------------------- what the device is (pure)

const PLATFORM_ZH = { android: 'Android 手机', ios: 'iOS 设备', other: '移动终端' } as const;

export function platformOf(userAgent: string): 'android' | 'ios' | 'other' {
  if (/Android/i.test(userAgent)) return 'android';
  if (/iPhone|iPad|iPod/i.test(userAgent)) return 'ios';
  return 'other';
}

/** The model an Android browser names ("Pixel 8", "HUAWEI NOH-AN00"); not the reduced agent's "K". */
export function modelOf(userAgent: string): string | undefined {
  const android = /Android[^;)]*;\s*(?:[a-z]{2}[-_][A-Za-z]{2};\s*)?([^;)]+?)(?:\s+Build\/[^;)]*)?\s*[;)]/i.exec(userAgent)?.[1]?.trim();
  if (android && android !== 'K' && !/^(wv|Linux|U)$/i.test(android)) return android.slice(0, 100);
  const apple = /\b(iPhone|iPad|iPod)\b/.exec(userAgent)?.[1];
  return apple;
}

/** The registration's label, platform and model, in the words an administrator reads in the back office. */
export function describeDevice(userAgent: string, who: Person): Pick<Registration, 'label' | 'platform' | 'model'> {
  const platform = platformOf(userAgent);
  const model = modelOf(userAgent);
  const owner = (who.name || who.username).trim().slice(0, 60);
  return { label: `${owner} · ${model ?? PLATFORM_ZH[platform]}`.slice(0, 100), platform, ...(model ? { model } : {}) };
}

/** The members of the public key that identify it (what the server stores, and what each DPoP proof names). */
export function registeredKey(jwk: JsonWebKey | null): Registration['publicKeyJwk'] {
  return publicJwkOf(jwk) ?? undefined;
}

/** What /me says about devices: whether the request showed a device bound to the caller, and those waiting. */
export type MeDevices = Pick<Me, 'deviceBound' | 'waitingDevices'>;

/**
 * Whether /me shows this device bound to the caller: the server decides from the request's X-Device-Id and its DPoP
 * proof, so the answer is about the device that asked (the id is not needed to read it).
 */
export function boundFromMe(me: MeDevices): boolean {
  return me.deviceBound;
}

/** What /me says about this device; null when it is neither bound nor waiting (it registers itself next). */
export function stateFromMe(me: MeDevices, deviceId: string): DeviceState | null {
  if (boundFromMe(me)) return { kind: 'bound', offline: false };
  if (me.waitingDevices.includes(deviceId)) return { kind: 'waiting' };
  return null;
}

/**
 * What the registration's answer says. `meDenied`: /me had just said the request does not show a device bound to me,
 * so a binding to me means this terminal's proof was not accepted (see `unproven`).
 */
export function stateFromDevice(device: Pick<Device, 'boundUser'>, username: string, meDenied = false): DeviceState {
  if (device.boundUser === null) return { kind: 'waiting' };
  if (device.boundUser !== username) return { kind: 'other', boundUser: device.boundUser };
  return meDenied ? { kind: 'unproven' } : { kind: 'bound', offline: false };
}

// ---------------------------------------------------------------- "bound to me", remembered on the device

const BOUND_KEY = 'jicha.terminal.deviceBound';

export function knownBound(deviceId: string, username: string, storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  try {
    const v = JSON.parse(storage.getItem(BOUND_KEY) ?? 'null') as { deviceId?: string; username?: string } | null;
    return v?.deviceId === deviceId && v.username === username;
  } catch {
    return false;
  }
}

function remember(state: DeviceState, deviceId: string, username: string, storage: Pick<Storage, 'setItem' | 'removeItem'>): void {
  try {
    if (state.kind === 'bound') storage.setItem(BOUND_KEY, JSON.stringify({ deviceId, username, at: new Date().toISOString() }));
    else if (state.kind !== 'unreachable') storage.removeItem(BOUND_KEY);
  } catch {
    /* blocked storage: the next offline start asks the server */
  }
}

// ---------------------------------------------------------------- asking the server

export interface CheckOptions {
  api: ApiClient;
  identity: Pick<DeviceIdentity, 'deviceId' | 'publicKeyJwk'>;
  who: Person;
  userAgent?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** Where this device stands for the signed-in person; never throws. */
export async function checkDevice(o: CheckOptions): Promise<DeviceState> {
  const storage = o.storage ?? localStorage;
  const id = o.identity.deviceId;
  let state: DeviceState;
  try {
    const { data: me } = await o.api.GET('/mobile/v1/me');
    state = (me && stateFromMe(me, id)) ?? stateFromDevice(await register(o), o.who.username, me?.deviceBound === false);
  } catch (error) {
    if (error instanceof TerminalError && (error.status === 409 || isProofRefusal(error))) state = { kind: 'refused', error };
    else if ((isNetworkError(error) || (error instanceof TerminalError && error.status >= 500)) && knownBound(id, o.who.username, storage)) {
      // No answer, and bound here before: work goes on, the outbox keeps what is done until the server answers.
      state = { kind: 'bound', offline: true };
    } else state = { kind: 'unreachable', error };
  }
  remember(state, id, o.who.username, storage);
  return state;
}

async function register(o: CheckOptions): Promise<Device> {
  const body: Registration = {
    deviceId: o.identity.deviceId,
    ...describeDevice(o.userAgent ?? navigator.userAgent, o.who),
    ...(registeredKey(o.identity.publicKeyJwk) ? { publicKeyJwk: registeredKey(o.identity.publicKeyJwk) } : {}),
  };
  const { data } = await o.api.POST('/mobile/v1/devices', { body, params: { header: { 'Idempotency-Key': newIdempotencyKey() } } });
  return data!;
}
