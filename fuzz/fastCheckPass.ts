import crypto from 'node:crypto';
import fc from 'fast-check';
import { arbFor, type JsonSchema } from './jsonSchemaArb';
import { hostileString } from './hostile';
import { USER_BY_ROLE, type Operation, type Target } from './target';

export interface Failure {
  source: 'fast-check' | 'schemathesis';
  operation: string;
  detail: string;
}

interface RawBody {
  raw: string;
  contentType: string;
}
interface FuzzRequest {
  path: string[];
  rawPath: boolean;
  query: [string, string][];
  body: { json: unknown } | RawBody | null;
  auth: 'token' | 'none' | 'garbage';
  device: 'bound' | 'other' | 'none';
  idempotencyKey: string | null;
}

const RAW_BODIES: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constantFrom<RawBody>(
    { raw: '{"a":', contentType: 'application/json' },
    { raw: 'not json', contentType: 'application/json' },
    { raw: '<x/>', contentType: 'application/xml' },
    { raw: 'a,b\n1,2', contentType: 'text/csv' },
    { raw: '{"x":1}\n{"y":', contentType: 'application/x-ndjson' },
    { raw: '{}', contentType: 'application/json; charset=latin1' },
    { raw: '\u0000\u0001', contentType: 'application/octet-stream' },
  ),
  fc.nat({ max: 400_000 }).map((n) => ({ raw: JSON.stringify({ big: 'x'.repeat(n) }), contentType: 'application/json' })),
  hostileString.map((s) => ({ raw: s, contentType: 'text/csv' })),
  fc.array(fc.array(hostileString, { maxLength: 6 }), { maxLength: 5 }).map((rows) => ({ raw: rows.map((r) => r.join(',')).join('\n'), contentType: 'text/csv' })),
);

/** A query value as a client would send it: react-admin JSON for arrays and objects, plain text otherwise. */
function queryValue(schema: JsonSchema): fc.Arbitrary<string> {
  const structured = schema.type === 'array' || schema.type === 'object' || !!schema.anyOf;
  const value = arbFor(schema, 0.2).map((v) => (structured || typeof v === 'object' ? JSON.stringify(v) ?? '' : String(v)));
  return fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 2000)) });
}

function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathArb = fc.tuple(...op.pathParams.map((p) => fc.oneof({ weight: 4, arbitrary: arbFor(p.schema, 0).map(String) }, { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 500)) })));
  const queryArb = fc.tuple(
    ...op.queryParams.map((q) => (q.required ? queryValue(q.schema).map((v) => [q.name, v] as [string, string]) : fc.option(queryValue(q.schema).map((v) => [q.name, v] as [string, string]), { freq: 2 }))),
    fc.option(fc.tuple(hostileString.map((s) => s.slice(0, 100) || 'x'), hostileString.map((s) => s.slice(0, 100))), { freq: 8 }),
  ).map((pairs) => pairs.filter((p): p is [string, string] => !!p));
  const bodyArb: fc.Arbitrary<FuzzRequest['body']> = op.body
    ? fc.oneof({ weight: 8, arbitrary: arbFor(op.body, 0.1).map((json) => ({ json })) }, { weight: 1, arbitrary: RAW_BODIES })
    : fc.option(RAW_BODIES, { freq: 3 });
  return fc.record({
    path: pathArb,
    rawPath: fc.nat({ max: 9 }).map((n) => n === 0),
    query: queryArb,
    body: bodyArb,
    auth: fc.constantFrom<FuzzRequest['auth']>('token', 'token', 'token', 'token', 'token', 'token', 'token', 'token', 'none', 'garbage'),
    device: fc.constantFrom<FuzzRequest['device']>('bound', 'bound', 'bound', 'bound', 'bound', 'bound', 'other', 'none'),
    idempotencyKey: fc.oneof({ weight: 8, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,300}$/) }),
  });
}

/** Percent-encoding; a lone surrogate goes out as the bytes of its (invalid) UTF-8 form, for the server to refuse. */
function encodePathValue(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return v.split(/([\ud800-\udfff])/).map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');
  }
}

/** The user whose token reaches the handler: one of the policy's roles (public routes go without). */
export function userFor(op: Operation): string | null {
  if (!op.policy || op.policy.public) return null;
  const role = ['manager', 'supervisor', 'admin', 'station_lead', 'inspector'].find((r) => op.policy.roles?.includes(r));
  return role ? USER_BY_ROLE[role] : null;
}

export interface Sent {
  status: number;
  contentType: string;
  body: string;
}

/** Stack frames and Postgres error texts: never in an answer (a client's own input echoed back is fine). */
const LEAK = /node_modules|\bat [\w.<>$]+ \(|\.[jt]s:\d+:\d+|syntax error at or near|invalid input syntax for|violates [a-z ]*constraint|relation "|duplicate key value|pg_catalog/i;

/** What every answer must be: no 5xx, and every refusal an RFC 9457 problem with a 4xx status that matches. */
export function verdict(res: Sent): string | null {
  if (res.status === 0 || res.status >= 500) return `${res.status || ''}${res.status ? ': ' : ''}${res.body.slice(0, 400)}`;
  if (res.status < 400) return null;
  if (!res.contentType.startsWith('application/problem+json')) return `${res.status} is ${res.contentType || 'no content type'}, not application/problem+json: ${res.body.slice(0, 200)}`;
  let p: any;
  try {
    p = JSON.parse(res.body);
  } catch {
    return `${res.status} problem+json is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (p.status !== res.status || typeof p.title !== 'string') return `${res.status} problem body does not match: ${res.body.slice(0, 200)}`;
  if (LEAK.test(res.body)) return `${res.status} leaks internals: ${res.body.slice(0, 300)}`;
  return null;
}

export async function fastCheckPass(t: Target, o: { runs: number; seed: number; log: (s: string) => void }): Promise<{ requests: number; failures: Failure[] }> {
  let requests = 0;
  const failures: Failure[] = [];
  for (const op of t.operations) {
    const user = userFor(op);
    const name = `${op.method} ${op.path}`;
    const send = async (r: FuzzRequest): Promise<Sent> => {
      let i = 0;
      const path = op.path.replace(/\{(\w+)\}/g, () => {
        const v = r.path[i++] ?? '';
        return r.rawPath ? v.replace(/[?#]/g, encodeURIComponent) : encodePathValue(v);
      });
      const qs = r.query.length ? `?${new URLSearchParams(r.query)}` : '';
      const headers: Record<string, string> = {};
      const token = user && r.auth === 'token' ? await t.token(user, op.path) : null;
      if (token) headers.authorization = `Bearer ${token}`;
      if (r.auth === 'garbage') headers.authorization = `Bearer ${crypto.randomBytes(24).toString('base64url')}.e30.x`;
      if (user && r.device !== 'none') {
        const device = r.device === 'bound' ? t.device[user] : Object.values(t.device).find((d) => d !== t.device[user])!;
        headers['x-device-id'] = device;
        // signed by the named device's key, as its terminal would: the bound device passes, another user's is refused
        // (a URL no parser takes gets none: fetch refuses it anyway)
        const proof = token ? await t.proof(device, op.method, `${t.baseUrl}${path}${qs}`, token).catch(() => null) : null;
        if (proof) headers.dpop = proof;
      }
      if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
      let body: string | undefined;
      if (r.body && op.method !== 'GET') {
        if ('json' in r.body) {
          body = JSON.stringify(r.body.json) ?? 'null';
          headers['content-type'] = 'application/json';
        } else {
          body = r.body.raw;
          headers['content-type'] = r.body.contentType;
        }
      }
      requests += 1;
      try {
        const res = await fetch(`${t.baseUrl}${path}${qs}`, { method: op.method, headers, body, signal: AbortSignal.timeout(60_000) });
        return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
      } catch (e) {
        // the server closed the connection, or did not answer within a minute
        const err = e as Error & { cause?: Error };
        return { status: 0, contentType: '', body: `no answer: ${err.message}${err.cause ? ` (${err.cause.message})` : ''}` };
      }
    };
    let lastProblem = '';
    const property = fc.asyncProperty(requestArb(op), async (r) => {
      const v = verdict(await send(r));
      if (v) lastProblem = v;
      return v === null;
    });
    const before = requests;
    const details = await fc.check(property, { numRuns: o.runs, seed: o.seed, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: false });
    if (details.failed) {
      lastProblem ||= `the property threw: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`;
      const example = JSON.stringify(details.counterexample?.[0], (_k, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v));
      failures.push({ source: 'fast-check', operation: name, detail: `${lastProblem}\n    request: ${example}` });
      o.log(`  ✗ ${name}: ${lastProblem}`);
    } else {
      o.log(`  ✓ ${name} (${requests - before} requests)`);
    }
  }
  return { requests, failures };
}
