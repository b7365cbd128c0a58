import { afterEach, describe, expect, it } from 'vitest';
import { TerminalError, createTerminalApi, onDeviceRefused } from './client';
import { base64url, base64urlDecode, publicJwkOf, serverClock, type ProofKey } from '../auth/dpop';
import { apiTransport } from '../outbox/transport';

const sha256url = async (text: string) => base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

// What leaves the app's API client: the token under the right scheme, a DPoP proof for this very request signed with
// the device key, the device id; and what a device refusal sets off.

const enc = (v: unknown) => base64url(new TextEncoder().encode(JSON.stringify(v)));
const jwt = (claims: Record<string, unknown>) => `${enc({ alg: 'RS256' })}.${enc(claims)}.c2ln`;
const BOUND = jwt({ sub: 'u1', typ: 'DPoP', cnf: { jkt: 'abc' } });
const BEARER = jwt({ sub: 'u1', typ: 'Bearer' });
const part = (jws: string, i: number) => JSON.parse(new TextDecoder().decode(base64urlDecode(jws.split('.')[i]!))) as Record<string, unknown>;

async function key(): Promise<ProofKey & { publicKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk: publicJwkOf(await crypto.subtle.exportKey('jwk', pair.publicKey))! };
}

function client(token: string, k: ProofKey | null, answer: (r: Request) => Response = () => Response.json({ ok: true })) {
  const sent: Request[] = [];
  const api = createTerminalApi({
    baseUrl: 'https://jicha.example',
    token: async () => token,
    deviceId: () => 'T-ABCDE-FGHJK',
    lang: () => 'zh-CN',
    proofKey: async () => k,
    fetch: async (r) => {
      sent.push(r);
      return answer(r);
    },
  });
  return { api, sent };
}

afterEach(() => {
  serverClock.offsetMs = 0;
});

describe('requests carry a proof of the device key', () => {
  it('a bound token goes as DPoP, with a proof for this method and URL (no query) and the token\'s hash', async () => {
    const k = await key();
    const { api, sent } = client(BOUND, k);
    await api.GET('/mobile/v1/tasks', { params: { query: { scope: 'mine' } as never } });
    const r = sent[0]!;
    expect(r.headers.get('Authorization')).toBe(`DPoP ${BOUND}`);
    expect(r.headers.get('X-Device-Id')).toBe('T-ABCDE-FGHJK');
    const proof = r.headers.get('DPoP')!;
    expect(part(proof, 0)).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: k.publicJwk });
    expect(part(proof, 1)).toMatchObject({ htm: 'GET', htu: 'https://jicha.example/mobile/v1/tasks', ath: await sha256url(BOUND) });
    expect(new URL(r.url).search).not.toBe(''); // the request itself kept its query
    const [h, p, s] = proof.split('.') as [string, string, string];
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, k.publicKey, base64urlDecode(s), new TextEncoder().encode(`${h}.${p}`))).toBe(true);
  });

  it('a bearer token stays Bearer, still with a proof; without a key no proof at all', async () => {
    const k = await key();
    const a = client(BEARER, k);
    await a.api.GET('/mobile/v1/me');
    expect(a.sent[0]!.headers.get('Authorization')).toBe(`Bearer ${BEARER}`);
    expect(part(a.sent[0]!.headers.get('DPoP')!, 1)).toMatchObject({ htm: 'GET', htu: 'https://jicha.example/mobile/v1/me' });
    const b = client(BEARER, null);
    await b.api.GET('/mobile/v1/me');
    expect(b.sent[0]!.headers.has('DPoP')).toBe(false);
  });

  it('the outbox\'s calls get a new proof on every attempt, made when they are sent', async () => {
    const k = await key();
    let n = 0;
    const { api, sent } = client(BOUND, k, () => (++n === 1 ? Response.json({ title: 'Busy', status: 503 }, { status: 503 }) : Response.json({ results: [] })));
    const transport = apiTransport(api, Date.now);
    const body = { items: [{ clientId: 'key-12345678', at: new Date().toISOString(), action: 'accept' as const, caseId: '11111111-2222-4333-8444-555555555555', payload: {} }] };
    await expect(transport.sync(body, 'sync-1')).rejects.toMatchObject({ kind: 'server' });
    await transport.sync(body, 'sync-2');
    const proofs = sent.map((r) => part(r.headers.get('DPoP')!, 1));
    expect(proofs).toHaveLength(2);
    expect(proofs[0]!.jti).not.toBe(proofs[1]!.jti);
    expect(proofs.map((p) => [p.htm, p.htu])).toEqual([['POST', 'https://jicha.example/mobile/v1/sync'], ['POST', 'https://jicha.example/mobile/v1/sync']]);
  });

  it('learns the server\'s clock from a fresh answer\'s Date', async () => {
    const k = await key();
    const { api } = client(BOUND, k, () => Response.json({}, { headers: { Date: new Date(Date.now() - 600_000).toUTCString() } }));
    await api.GET('/mobile/v1/me');
    expect(serverClock.offsetMs).toBeLessThan(-590_000);
  });
});

describe('refusals', () => {
  it('device.not-bound is told to whoever listens (the device gate), and thrown as a TerminalError', async () => {
    const heard: string[] = [];
    const off = onDeviceRefused((e) => heard.push(e.code ?? ''));
    const { api } = client(BOUND, null, () => Response.json({ type: 'urn:jicha:device.not-bound', title: 'Device not bound', status: 403, code: 'device.not-bound' }, { status: 403 }));
    const e = await api.GET('/mobile/v1/tasks').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TerminalError);
    expect((e as TerminalError).code).toBe('device.not-bound');
    expect(heard).toEqual(['device.not-bound']);
    // an invalid proof is not a device refusal
    const other = client(BOUND, null, () => Response.json({ title: 'Invalid DPoP proof', status: 401, code: 'dpop.invalid-proof' }, { status: 401 }));
    await other.api.GET('/mobile/v1/tasks').catch(() => undefined);
    expect(heard).toHaveLength(1);
    off();
  });
});
