import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { z } from 'zod';
import type { RouteDef } from '../../http/route';
import { codedProblem, detailLanguage, type FieldError, fieldErrors, hostileTextProblem, Problem } from '../../http/problem';
import { findHostileText, type Lang } from '../../domain/text';
import type { Principal } from '../../domain/roles';
import { terminalRoute, DEVICE_TIME_HEADER, MOBILE_PREFIX } from '../terminalRoute';
import { runIdempotent, type Reply } from '../idempotency';
import { observedClockSkew, takeTerminalStep } from '../../services/cases/caseSteps';
import { appendTrack } from '../../services/tracks/caseTracks';
import { SyncBody, SyncResult, TrackBatch, stepInput, type SyncItem } from '../../domain/terminalSchemas';

type Item = z.infer<typeof SyncItem>;
type Result = z.infer<typeof SyncResult>['results'][number];

export interface SyncDeps {
  pool: pg.Pool;
  temporal: Client;
}

/**
 * The endpoint an offline action stands for: the same path and parsed body, hence the same idempotency hash. Hostile
 * text in the payload is refused here, for this op alone, with the code and field paths the endpoint itself answers
 * (the route mount leaves payloads to this check): the op is not applied, its key stays unused, and the rest of the
 * batch goes on, so one bad op never wedges a terminal's outbox.
 */
function asRequest(item: Item, lang: Lang): { path: string; body: Record<string, unknown> } {
  const hostile = findHostileText(item.payload);
  if (hostile.length) throw hostileTextProblem(hostile, lang);
  if (item.action === 'track') {
    const r = TrackBatch.safeParse({ ...item.payload, caseId: item.caseId });
    if (!r.success) throw invalidItem('request.track-invalid-fields', item.action, fieldErrors(r.error), lang);
    return { path: `${MOBILE_PREFIX}/track`, body: r.data };
  }
  const r = stepInput(item.action).safeParse(item.payload);
  if (!r.success) throw invalidItem('request.sync-invalid-fields', item.action, fieldErrors(r.error), lang);
  return { path: `${MOBILE_PREFIX}/tasks/${item.caseId}/${item.action}`, body: r.data };
}

/** 400 for a queued item whose payload its schema refuses: the fields named in the detail and as field errors. */
function invalidItem(code: string, action: string, errors: FieldError[], lang: Lang): Problem {
  return codedProblem(400, 'Invalid request', code, { step: action, action, fields: errors.map((e) => `${e.path}: ${e.message}`).join('; ') }, lang, { errors });
}

const refusal = (e: Problem) => ({
  status: 'conflict' as const, httpStatus: e.status, reason: e.detail ?? e.title,
  ...(e.code ? { code: e.code } : {}), ...(e.params ? { params: e.params } : {}), ...(e.errors ? { errors: e.errors } : {}),
});

/** A stored refusal answered as a conflict: its reason and, so that terminals can explain it in their words, its code, params and field errors. */
const storedRefusal = (reply: Reply) => {
  const b = reply.body as { detail?: string; title?: string; code?: unknown; params?: unknown; errors?: unknown } | null;
  return {
    reason: b?.detail ?? b?.title ?? `status ${reply.status}`,
    ...(typeof b?.code === 'string' ? { code: b.code } : {}),
    ...(b?.params && typeof b.params === 'object' && !Array.isArray(b.params) ? { params: b.params as NonNullable<Problem['params']> } : {}),
    ...(Array.isArray(b?.errors) ? { errors: b.errors as NonNullable<Problem['errors']> } : {}),
  };
};

/**
 * Applies queued offline actions in order, each under its own idempotency key (clientId): applied, duplicate (the
 * first result, also when that first attempt was online with the same key) or conflict (with the refusal's reason).
 * A conflict does not stop the batch; an unexpected server error does (500), and a retry reports what was applied
 * as duplicates.
 */
export async function applySync(deps: SyncDeps, principal: Principal, deviceId: string, items: Item[], lang: Lang = 'zh-CN', skew: number | null = null): Promise<Result[]> {
  const out: Result[] = [];
  for (const item of items) {
    const base = { clientId: item.clientId, action: item.action, caseId: item.caseId, at: item.at };
    let req: { path: string; body: Record<string, unknown> };
    try {
      req = asRequest(item, lang);
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      out.push({ ...base, ...refusal(e) });
      continue;
    }
    try {
      const { reply, replayed } = await runIdempotent(
        deps.pool,
        { username: principal.username, key: item.clientId, method: 'POST', path: req.path, body: req.body, clientAt: item.at, lang },
        async () => {
          if (item.action === 'track') return { status: 200, body: await appendTrack(deps.pool, principal, deviceId, req.body as z.infer<typeof TrackBatch>) };
          return { status: 200, body: await takeTerminalStep(deps, principal, item.caseId, item.action, req.body, lang, skew, item.clientId) };
        },
      );
      const ok = reply.status < 300;
      out.push({
        ...base,
        status: replayed ? 'duplicate' : ok ? 'applied' : 'conflict',
        httpStatus: reply.status,
        ...(ok ? { result: reply.body } : storedRefusal(reply)),
      });
    } catch (e) {
      if (!(e instanceof Problem) || e.status >= 500) throw e;
      out.push({ ...base, ...refusal(e) });
    }
  }
  return out;
}

export function syncRoutes(deps: SyncDeps): RouteDef[] {
  return [
    terminalRoute(deps, {
      method: 'post',
      path: '/sync',
      summary: 'Offline batch sync: queued actions (clientId, client time, action, case, payload) applied in order, each answered applied, duplicate or conflict with the reason',
      policy: { roles: ['inspector', 'station_lead', 'supervisor'], scope: 'self' },
      body: SyncBody,
      textCheckedByHandler: ['items.*.payload'],
      response: { status: 200, schema: SyncResult, description: 'One result per item, in order' },
      async handler({ req, principal, body, deviceId }) {
        return { status: 200, body: { results: await applySync(deps, principal, deviceId!, body.items, detailLanguage(req), observedClockSkew(req.header(DEVICE_TIME_HEADER))) } };
      },
    }),
  ];
}
