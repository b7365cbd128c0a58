// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test } from 'vitest';
import { deviceId, deviceSign, ensureDeviceIdentity, makeDeviceId, resetDeviceIdentity } from './identity';

// The device identity in IndexedDB (fake-indexeddb) with WebCrypto keys (Node's): made once, kept, non-extractable.
beforeEach(async () => {
  await resetDeviceIdentity();
  localStorage.clear();
});

describe('device identity', () => {
  test('first run makes a readable id and an ECDSA P-256 key pair whose private half cannot be read', async () => {
    const id = await ensureDeviceIdentity();
    expect(id.deviceId).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(deviceId()).toBe(id.deviceId);
    expect(id.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: expect.stringMatching(/^[\w-]{43}$/), y: expect.stringMatching(/^[\w-]{43}$/) });
    expect(id.publicKeyJwk).not.toHaveProperty('d');
    expect(id.privateKey!.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', id.privateKey!)).rejects.toThrow();
  });

  test('later runs get the same id and key; a signature verifies with the registered public key', async () => {
    const first = await ensureDeviceIdentity();
    const again = await ensureDeviceIdentity();
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.publicKeyJwk).toEqual(first.publicKeyJwk);
    const data = new TextEncoder().encode('check-in 2026-12-03T09:30:00+08:00');
    const sig = await deviceSign(data);
    expect(sig.byteLength).toBe(64);
    const pub = await crypto.subtle.importKey('jwk', first.publicKeyJwk!, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, data)).toBe(true);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, new TextEncoder().encode('something else'))).toBe(false);
  });

  test('two starts at once keep one identity', async () => {
    const [a, b] = await Promise.all([ensureDeviceIdentity(), ensureDeviceIdentity()]);
    expect(a.deviceId).toBe(b.deviceId);
  });

  test('the key store is the reference: a cleared localStorage gets its id back; an id from before the key is kept', async () => {
    const first = await ensureDeviceIdentity();
    localStorage.clear();
    expect((await ensureDeviceIdentity()).deviceId).toBe(first.deviceId);
    expect(localStorage.getItem('jicha.terminal.deviceId')).toBe(first.deviceId);

    await resetDeviceIdentity();
    localStorage.setItem('jicha.terminal.deviceId', 'T-OLD00-00000');
    expect((await ensureDeviceIdentity()).deviceId).toBe('T-OLD00-00000');
  });

  test('a reset makes a new id and key', async () => {
    const first = await ensureDeviceIdentity();
    await resetDeviceIdentity();
    const next = await ensureDeviceIdentity();
    expect(next.deviceId).not.toBe(first.deviceId);
    expect(next.publicKeyJwk!.x).not.toBe(first.publicKeyJwk!.x);
  });

  test('ids use the 32 readable characters only', () => {
    expect(makeDeviceId(new Uint8Array([0, 1, 2, 3, 4, 31, 30, 29, 28, 63]))).toBe('T-01234-ZYXWZ');
  });
});
