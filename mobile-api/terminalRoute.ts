import type { Response } from 'express';
import type pg from 'pg';
import { defineRoute, type Policy, type RouteContext, type RouteDef } from '../http/route';
import { Problem } from '../http/problem';
import { touchDevice } from '../services/devices/devices';
import { deviceHolderCached } from '../services/devices/deviceBindings';
import { IdempotencyKeySchema, runIdempotent, type Reply } from './idempotency';
import type { ZodType } from 'zod';
import { terminalHeaders } from '../domain/headerSchemas';

export const MOBILE_PREFIX = '/mobile/v1';
export const TERMINAL_CLIENT = 'jicha-terminal';
export const DEVICE_HEADER = 'X-Device-Id';
const DEVICE_ID = /^[A-Za-z0-9._:-]{4,100}$/;

export interface TerminalContext<B, Q, P> extends RouteContext<B, Q, P> {
  /** The caller's bound device (null on routes that do not need one). */
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
  /** Default true: the request must come from a device bound to the caller (X-Device-Id). */
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

/** Refuses a request whose X-Device-Id is missing, unknown, or not bound to the caller; says which. */
export async function requireBoundDevice(pool: pg.Pool, header: string | undefined, username: string): Promise<string> {
  if (!header) throw new Problem(400, 'Device id missing', `Terminal requests carry the device's registered id in the ${DEVICE_HEADER} header.`, [{ path: `header.${DEVICE_HEADER}`, message: 'required' }]);
  if (!DEVICE_ID.test(header)) throw new Problem(400, 'Invalid device id', `The ${DEVICE_HEADER} header must be 4–100 characters of A–Z a–z 0–9 . _ : -.`, [{ path: `header.${DEVICE_HEADER}`, message: 'invalid device id' }]);
  const d = await deviceHolderCached(pool, header);
  if (!d) throw new Problem(403, 'Device not registered', `Device ${header} is not registered. Ask an administrator to register it and bind it to you (终端人员维护).`, undefined, 'urn:jicha:device:unregistered');
  if (d.boundUser === null) throw new Problem(403, 'Device not bound', `Device ${header} is not bound to any user. Ask an administrator to bind it to you (终端人员维护).`, undefined, 'urn:jicha:device:unbound');
  if (d.boundUser !== username) throw new Problem(403, 'Device bound to another user', `Device ${header} is bound to another user, not to ${username}. Use your own terminal, or ask an administrator to rebind it.`, undefined, 'urn:jicha:device:other-user');
  const now = Date.now();
  if ((touched.get(header) ?? 0) < now - 60_000) {
    touched.set(header, now);
    void touchDevice(pool, header).catch(() => undefined);
  }
  return header;
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
    needsDevice ? `header ${DEVICE_HEADER} (a device bound to the caller)` : null,
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
    headers: needsDevice || def.method === 'post' ? terminalHeaders({ device: needsDevice, idempotent: def.method === 'post' }) : undefined,
    async handler(ctx) {
      if (!clients.includes(ctx.principal.clientId)) {
        throw new Problem(403, 'Wrong client', `This endpoint takes tokens of the ${clients.join(' or ')} client, not ${ctx.principal.clientId || '(none)'}.`);
      }
      const deviceId = needsDevice ? await requireBoundDevice(deps.pool, ctx.req.header(DEVICE_HEADER), ctx.principal.username) : null;
      const tctx: TerminalContext<B, Q, P> = { ...ctx, deviceId };
      if (def.method !== 'post') return send(ctx.res, await def.handler(tctx), false);
      const key = ctx.req.header('idempotency-key');
      if (!key) throw new Problem(400, 'Idempotency-Key missing', 'Every terminal POST carries an Idempotency-Key header (a new random value per action; the same value when retrying it).', [{ path: 'header.Idempotency-Key', message: 'required' }]);
      if (!IdempotencyKeySchema.test(key)) throw new Problem(400, 'Invalid Idempotency-Key', 'The Idempotency-Key header must be 8–200 printable ASCII characters.', [{ path: 'header.Idempotency-Key', message: '8–200 printable ASCII characters' }]);
      const path = `${MOBILE_PREFIX}${ctx.req.path}`;
      const { reply, replayed } = await runIdempotent(deps.pool, { username: ctx.principal.username, key, method: 'POST', path, body: ctx.body }, () => def.handler(tctx));
      send(ctx.res, reply, replayed);
    },
  });
}
