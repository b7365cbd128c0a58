import crypto from 'node:crypto';
import type pg from 'pg';
import { canonicalJson } from '../domain/caseEvents';
import { codedProblem, Problem, problemBody } from '../http/problem';
import type { Lang } from '../domain/text';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type StoredResponse } from '../services/devices/idempotencyKeys';

/** A terminal handler's answer; POST answers are stored under the Idempotency-Key and replayed verbatim. */
export interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
}

export const IdempotencyKeySchema = /^[\x21-\x7e]{8,200}$/;

/** The request's identity: method, path and canonical body. A sync item hashes as the endpoint it stands for. */
export function requestHash(method: string, path: string, body: unknown): string {
  return crypto.createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? {})}`).digest('hex');
}

export function problemReply(p: Problem): Reply {
  return {
    status: p.status,
    contentType: 'application/problem+json',
    body: problemBody(p),
  };
}

export interface IdempotentRequest {
  username: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
  clientAt?: string | null;
  /** The language of a refusal's detail (not part of the request's hash). */
  lang?: Lang;
}

export interface IdempotencyOptions {
  /** How long an in-progress claim holds before a retry may take it over (the claimant crashed). */
  leaseMs?: number;
  /** How long a concurrent duplicate waits for the first request's answer. */
  waitMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` once per (user, key): a replay gets the first response, a concurrent duplicate waits for it, the same
 * key with a different request is 422. Client errors (Problems) are answers too and are stored; an unexpected error
 * releases the key so a retry runs the work again.
 */
export async function runIdempotent(pool: pg.Pool, r: IdempotentRequest, work: () => Promise<Reply>, o: IdempotencyOptions = {}): Promise<{ reply: Reply; replayed: boolean }> {
  const leaseMs = o.leaseMs ?? 120_000;
  const waitMs = o.waitMs ?? 30_000;
  const hash = requestHash(r.method, r.path, r.body);
  const deadline = Date.now() + waitMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const claim = await claimIdempotencyKey(pool, { username: r.username, key: r.key, requestHash: hash, method: r.method, path: r.path, clientAt: r.clientAt, leaseMs });
    if (claim.kind === 'done') return { reply: { status: claim.response.status, body: claim.response.body, contentType: claim.response.contentType }, replayed: true };
    if (claim.kind === 'mismatch') {
      throw codedProblem(422, 'Idempotency-Key reused', 'idempotency.key-reused', { method: claim.method, path: claim.path }, r.lang ?? 'zh-CN', { type: 'urn:jicha:idempotency:key-reused' });
    }
    if (claim.kind === 'owner') break;
    if (Date.now() > deadline) throw codedProblem(409, 'Request in progress', 'idempotency.in-progress', {}, r.lang ?? 'zh-CN', { type: 'urn:jicha:idempotency:in-progress' });
    await sleep(delay);
  }
  let reply: Reply;
  try {
    reply = await work();
  } catch (e) {
    if (e instanceof Problem && e.status < 500) {
      reply = problemReply(e);
    } else {
      await releaseIdempotencyKey(pool, r.username, r.key).catch(() => undefined);
      throw e;
    }
  }
  const stored: StoredResponse = { status: reply.status, contentType: reply.contentType ?? 'application/json', body: reply.body ?? null };
  await completeIdempotencyKey(pool, r.username, r.key, stored);
  // The caller gets exactly what a replay will get (JSON round trip: dates become strings, undefined fields go).
  return { reply: { ...stored, body: JSON.parse(JSON.stringify(stored.body)) }, replayed: false };
}
