import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256';

// Published test vectors (FIPS 180-2 / NIST): the digest the server recomputes from the stored object must be the
// one the device declared.
describe('sha256Hex', () => {
  it('"abc" → ba7816bf…', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('the empty string → e3b0c442…', async () => {
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('a Blob is hashed by its bytes (the two-block NIST vector)', async () => {
    const blob = new Blob(['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'], { type: 'image/png' });
    expect(await sha256Hex(blob)).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
  it('a million "a" (the long NIST vector)', async () => {
    expect(await sha256Hex(new TextEncoder().encode('a'.repeat(1_000_000)).buffer)).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
});
