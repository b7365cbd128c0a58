import type { Request, Response } from 'express';
import type pg from 'pg';
import { defineRoute, wrongClient, type Policy, type RouteContext, type RouteDef } from '../http/route';
import { codedProblem, detailLanguage } from '../http/problem';
import type { VerifiedProof } from '../http/dpop';
import { setVerifiedDevice, verifiedDeviceOf } from '../http/auditTrail';
import type { Principal } from '../domain/roles';
import { touchDevice } from '../services/devices/devices';
import { deviceHolderCached } from '../services/devices/deviceBindings';
import { deviceNotBound } from '../services/devices/deviceKeys';
import { IdempotencyKeySchema, runIdempotent, type Reply } from './idempotency';
import type { ZodType } from 'zod';
import { terminalHeaders } from '../domain/headerSchemas';

export const MOBILE_PREFIX = '/mobile/v1';
export const TERMINAL_CLIENT = 'jicha-terminal';
export const DEVICE_HEADER = 'X-Device-Id';
/** The terminal's clock as it sent the request (ISO 8601), to tell an offline check-in from a wrong clock. */
export const DEVICE_TIME_HEADER = 'X-Device-Time';
export const DEVICE_ID_FORM = /^[A-Za-z0-9._:-]{4,100}$/;

export interface TerminalContext<B, Q, P> extends RouteContext<B, Q, P> {
  /** The caller's bound device, shown by the request's DPoP proof (null on routes that do not need one). */
  deviceId: string | null;
}

export interface TerminalRouteDef<B, Q, P> {
  method: RouteDef['method'];
  path: string;
  summary: string;
  tag?: string;
  policy: Exclude<Policy, { public: true }>;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  response?: RouteDef['response'];
  textCheckedByHandler?: RouteDef['textCheckedByHandler'];
  otherResponses?: RouteDef['otherResponses'];
  /**
   * Default true: the request must come from a device bound to the caller — named by X-Device-Id and shown by a DPoP
   * proof signed with the key registered for it.
   */
  device?: boolean;
  /** Token clients accepted; default only the terminal client. */
  clients?: readonly string[];
  handler: (ctx: TerminalContext<B, Q, P>) => Promise<Reply>;
}

export interface TerminalDeps {
  pool: pg.Pool;
}

// Devices whose last-seen time this process wrote recently: at most one write per device a minute.
const touched = new Map<string, number>();

/** The X-Device-Id header, checked for form (400 when missing or malformed: that says nothing about any device). */
function deviceHeader(req: Request): string {
  const header = req.header(DEVICE_HEADER);
  const lang = detailLanguage(req);
  if (!header) throw codedProblem(400, 'Device id missing', 'terminal.device-id-missing', { header: DEVICE_HEADER }, lang, { errors: [{ path: `header.${DEVICE_HEADER}`, message: 'required' }] });
  if (!DEVICE_ID_FORM.test(header)) throw codedProblem(400, 'Invalid device id', 'terminal.device-id-invalid', { header: DEVICE_HEADER }, lang, { errors: [{ path: `header.${DEVICE_HEADER}`, message: 'invalid device id' }] });
  return header;
}

/**
 * True when the device is registered, bound to the caller, has a key, the request's proof was signed by that key,
 * and — for a DPoP-bound token — the token was issued against that key too. One answer for every way it is not, so
 * that nobody learns from it which device ids exist or whose they are.
 */
export async function showsBoundDevice(pool: pg.Pool, deviceId: string, principal: Principal, proof: VerifiedProof | null): Promise<boolean> {
  if (!proof) return false;
  const d = await deviceHolderCached(pool, deviceId);
  if (!d || d.boundUser !== principal.username || !d.keyJkt || d.keyJkt !== proof.jkt) return false;
  return principal.cnfJkt === undefined || principal.cnfJkt === d.keyJkt;
}

/** Refuses a request that does not come from a device bound to the caller (403 device.not-bound); its id otherwise. */
export async function requireBoundDevice(pool: pg.Pool, req: Request, principal: Principal, proof: VerifiedProof | null): Promise<string> {
  const deviceId = deviceHeader(req);
  if (!(await showsBoundDevice(pool, deviceId, principal, proof))) throw deviceNotBound(detailLanguage(req));
  const now = Date.now();
  if ((touched.get(deviceId) ?? 0) < now - 60_000) {
    if (touched.size > 50_000) touched.clear();
    touched.set(deviceId, now);
    void touchDevice(pool, deviceId).catch(() => undefined);
  }
  return deviceId;
}

function send(res: Response, reply: Reply, replayed: boolean): void {
  if (replayed) res.set('Idempotent-Replayed', 'true');
  res.status(reply.status);
  if (reply.status === 204) return void res.end();
  res.type(reply.contentType ?? 'application/json').send(JSON.stringify(reply.body ?? null));
}

/**
 * A terminal route: the back-office route helper (token, roles, zod) plus the terminal's own rules: the token's
 * client, the bound device, and an Idempotency-Key on every POST (the first response is stored and replayed).
 */
export function terminalRoute<B = unknown, Q = unknown, P = unknown>(deps: TerminalDeps, def: TerminalRouteDef<B, Q, P>): RouteDef {
  const needsDevice = def.device !== false;
  const clients = def.clients ?? [TERMINAL_CLIENT];
  const notes = [
    needsDevice ? `header ${DEVICE_HEADER} (a device bound to the caller) and a DPoP proof signed by its registered key` : null,
    def.method === 'post' ? 'header Idempotency-Key (a replay returns the first response)' : null,
  ].filter(Boolean);
  return defineRoute<B, Q, P>({
    method: def.method,
    path: def.path,
    summary: notes.length ? `${def.summary} — requires ${notes.join('; ')}` : def.summary,
    tag: def.tag ?? 'mobile',
    policy: def.policy,
    body: def.body,
    query: def.query,
    params: def.params,
    response: def.response,
    textCheckedByHandler: def.textCheckedByHandler,
    otherResponses: def.otherResponses,
    headers: terminalHeaders({ device: needsDevice, idempotent: def.method === 'post' }),
    dpop: needsDevice ? 'required' : undefined,
    // Before the body is read: a caller without its device learns nothing from how a body would be judged.
    async authorize({ req, res, principal, proof }) {
      if (!clients.includes(principal.clientId)) {
        throw wrongClient(req, clients, principal.clientId);
      }
      if (needsDevice) setVerifiedDevice(res, await requireBoundDevice(deps.pool, req, principal, proof));
    },
    async handler(ctx) {
      const deviceId = needsDevice ? verifiedDeviceOf(ctx.res) : null;
      const tctx: TerminalContext<B, Q, P> = { ...ctx, deviceId };
      if (def.method !== 'post') return send(ctx.res, await def.handler(tctx), false);
      const key = ctx.req.header('idempotency-key');
      const lang = detailLanguage(ctx.req);
      if (!key) throw codedProblem(400, 'Idempotency-Key missing', 'terminal.idempotency-key-missing', {}, lang, { errors: [{ path: 'header.Idempotency-Key', message: 'required' }] });
      if (!IdempotencyKeySchema.test(key)) throw codedProblem(400, 'Invalid Idempotency-Key', 'terminal.idempotency-key-invalid', {}, lang, { errors: [{ path: 'header.Idempotency-Key', message: '8–200 printable ASCII characters' }] });
      const path = `${MOBILE_PREFIX}${ctx.req.path}`;
      const { reply, replayed } = await runIdempotent(deps.pool, { username: ctx.principal.username, key, method: 'POST', path, body: ctx.body, lang }, () => def.handler(tctx));
      send(ctx.res, reply, replayed);
    },
  });
}
