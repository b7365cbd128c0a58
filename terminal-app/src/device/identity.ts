import Dexie, { type Table } from 'dexie';

// This terminal's identity: an id made on first run and an ECDSA P-256 key pair whose private half never leaves the
// device (WebCrypto, non-extractable, kept in IndexedDB — Dexie database `jicha-device`). The app registers the id and
// the public key (POST /mobile/v1/devices) and an administrator binds the id to a person in the back office; the
// proof-of-presence signatures of a visit are made with the private key (deviceSign).
//
// The id is also kept in localStorage so that the API client can read it synchronously; IndexedDB, which holds the
// key, is the reference: ensureDeviceIdentity() puts its id back into localStorage when the two disagree.

const ID_KEY = 'jicha.terminal.deviceId';
const DB_NAME = 'jicha-device';
const SLOT = 'self';

/** Crockford base32 without look-alikes, so the code can be read aloud or typed by the admin. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function makeDeviceId(random: Uint8Array = crypto.getRandomValues(new Uint8Array(10))): string {
  const chars = Array.from(random, (b) => ALPHABET[b % 32]).join('');
  return `T-${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
}

/** The id, synchronously (the API client's X-Device-Id); made and kept on first call if there is none yet. */
export function deviceId(): string {
  let id = localStorage.getItem(ID_KEY);
  if (!id) {
    id = makeDeviceId();
    localStorage.setItem(ID_KEY, id);
  }
  return id;
}

export interface DeviceIdentity {
  deviceId: string;
  /** The public key as registered (kty, crv, x, y, ext, key_ops); null where WebCrypto or IndexedDB is unavailable. */
  publicKeyJwk: JsonWebKey | null;
  /** Non-extractable: it can sign, never be read. */
  privateKey: CryptoKey | null;
  createdAt: string;
}

interface IdentityRow {
  slot: typeof SLOT;
  deviceId: string;
  privateKey: CryptoKey;
  publicKeyJwk: JsonWebKey;
  createdAt: string;
}

class DeviceDb extends Dexie {
  identity!: Table<IdentityRow, string>;
  constructor() {
    super(DB_NAME);
    this.version(1).stores({ identity: 'slot' });
  }
}

let db: DeviceDb | null = null;
const open = (): DeviceDb => (db ??= new DeviceDb());

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function newRow(id: string): Promise<IdentityRow> {
  // extractable=false applies to the private key; a public key is always exportable.
  const pair = await crypto.subtle.generateKey(ECDSA_P256, false, ['sign', 'verify']);
  const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { slot: SLOT, deviceId: id, privateKey: pair.privateKey, publicKeyJwk, createdAt: new Date().toISOString() };
}

let pending: Promise<DeviceIdentity> | null = null;

/**
 * The identity, made on first run. Works offline. Where WebCrypto is missing (a page served over plain http from
 * another host than localhost) or IndexedDB is blocked, the terminal still has its id, without a key.
 */
export function ensureDeviceIdentity(): Promise<DeviceIdentity> {
  pending ??= load().finally(() => {
    pending = null;
  });
  return pending;
}

async function load(): Promise<DeviceIdentity> {
  if (!globalThis.crypto?.subtle || typeof indexedDB === 'undefined') return { deviceId: deviceId(), publicKeyJwk: null, privateKey: null, createdAt: new Date().toISOString() };
  try {
    const d = open();
    let row = await d.identity.get(SLOT);
    if (!row) {
      // Key generation is not an IndexedDB request, so it runs before the transaction (which would otherwise commit
      // while it waits); the transaction keeps the first identity when two tabs start at once.
      const candidate = await newRow(localStorage.getItem(ID_KEY) ?? makeDeviceId());
      row = await d.transaction('rw', d.identity, async () => {
        const first = await d.identity.get(SLOT);
        if (first) return first;
        await d.identity.add(candidate);
        return candidate;
      });
    }
    if (localStorage.getItem(ID_KEY) !== row.deviceId) localStorage.setItem(ID_KEY, row.deviceId);
    return { deviceId: row.deviceId, publicKeyJwk: row.publicKeyJwk, privateKey: row.privateKey, createdAt: row.createdAt };
  } catch (e) {
    console.warn('device identity: no key pair on this device', e);
    return { deviceId: deviceId(), publicKeyJwk: null, privateKey: null, createdAt: new Date().toISOString() };
  }
}

/** ECDSA P-256 / SHA-256 signature (IEEE P1363: r‖s, 64 bytes) with the device's private key. */
export async function deviceSign(data: BufferSource): Promise<ArrayBuffer> {
  const id = await ensureDeviceIdentity();
  if (!id.privateKey) throw new Error('this terminal has no device key (WebCrypto or IndexedDB unavailable)');
  return crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, id.privateKey, data);
}

/**
 * Forgets the id and the key (a registration refused because the id is someone else's, or copied terminal data);
 * the next ensureDeviceIdentity() makes new ones. The app reloads afterwards so that every part uses the new id.
 */
export async function resetDeviceIdentity(): Promise<void> {
  localStorage.removeItem(ID_KEY);
  if (typeof indexedDB !== 'undefined') await open().identity.delete(SLOT);
}
