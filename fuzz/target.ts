import crypto from 'node:crypto';
import { registerDevice, setBinding } from '../db/devices';
import { startHarness, type Harness } from '../tests/support/harness';
import { tokenFor, tokenForPath } from '../tests/support/keycloak';
import { deviceKey } from '../tests/support/mobile';
import { signDpopProof } from '../client/dpop';
import type { JsonSchema } from './jsonSchemaArb';

/** The demo users by role: a route is fuzzed with the token of a role its policy allows. */
export const USER_BY_ROLE: Record<string, string> = { manager: 'manager', supervisor: 'supervisor', admin: 'admin', station_lead: 'lead', inspector: 'inspector' };

export interface Operation {
  method: string;
  /** OpenAPI template, e.g. /api/cases/{id}. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; required: boolean; schema: JsonSchema }[];
  body?: JsonSchema;
  policy: { public?: true; roles?: string[] };
}

export interface Target {
  h: Harness;
  baseUrl: string;
  doc: any;
  operations: Operation[];
  /** A fresh token of the user, and the device bound to them. */
  /** The user's token of the app `path`'s API takes (tests/support/keycloak.ts tokenForPath). */
  token(user: string, path: string): Promise<string>;
  device: Record<string, string>;
  /** A DPoP proof of `deviceId`'s key for one request (terminal routes need one with the device's id). */
  proof(deviceId: string, method: string, url: string, token: string): Promise<string>;
  stop(): Promise<void>;
}

/** The operations of the served OpenAPI document. */
export function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(byMethod)) {
      const params: any[] = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
        policy: op['x-policy'],
      });
    }
  }
  return ops;
}

/**
 * An API and a case worker of their own, the API on a random port (never the `npm start` one), with a device bound to
 * every demo user, with its key, so terminal routes get past the proof and device checks.
 */
export async function startTarget(): Promise<Target> {
  const h = await startHarness();
  const device: Record<string, string> = {};
  for (const user of Object.values(USER_BY_ROLE)) {
    const id = `fuzz-${user}-${crypto.randomUUID().slice(0, 8)}`;
    await registerDevice(h.pool, { id, label: `fuzz ${user}`, platform: 'simulator', by: 'fuzz', publicKey: (await deviceKey(id)).publicJwk });
    await setBinding(h.pool, id, user, 'fuzz');
    device[user] = id;
  }
  const doc = await (await fetch(`${h.baseUrl}/api/openapi.json`)).json();
  const tokens = new Map<string, { token: string; at: number }>();
  return {
    h,
    baseUrl: h.baseUrl,
    doc,
    operations: operationsOf(doc),
    device,
    async token(user, path) {
      // access tokens live a few minutes: a new one per minute of fuzzing
      const t = tokens.get(user);
      if (t && Date.now() - t.at < 60_000) return tokenForPath(t.token, path);
      const token = await tokenFor(user);
      tokens.set(user, { token, at: Date.now() });
      return tokenForPath(token, path);
    },
    proof: async (deviceId, method, url, token) => signDpopProof(await deviceKey(deviceId), { method, url, accessToken: token }),
    stop: () => h.stop(),
  };
}
