import { createTerminalApi } from '../../api/client';
import { publicJwkOf } from '../../auth/dpop';
import type { PutBlob } from '../transport';

// A stand-in for the mobile API and the object store, for the outbox's tests: the real generated client (so the
// Idempotency-Key, X-Device-Id and the error path are the app's own) over a fetch that records every request and
// answers like mobile-api/endpoints/{sync,evidence}.ts: answers stored per Idempotency-Key and replayed
// (`duplicate` in a sync result, `Idempotent-Replayed: true` on an endpoint), refusals stored too.

export interface Call {
  method: string;
  path: string;
  key: string | null;
  device: string | null;
  /** The DPoP proof the request carried (made by the app's client as it left). */
  dpop: string | null;
  body: unknown;
}

export interface SyncItemIn {
  clientId: string;
  at: string;
  action: string;
  caseId: string;
  payload: Record<string, unknown>;
}

type Refusal = { httpStatus: number; reason: string; code?: string; errors?: { path: string; message: string; code?: string; params?: Record<string, unknown> }[] };
type Stored = { status: number; body: unknown };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json', ...headers } });

export class FakeServer {
  readonly calls: Call[] = [];
  readonly puts: { url: string; headers: Record<string, string>; bytes: Uint8Array }[] = [];
  /** Answers stored per key (sync items and endpoint requests alike). */
  readonly stored = new Map<string, Stored>();
  /** Objects in the store, by evidence id. */
  readonly objects = new Map<string, Uint8Array>();
  readonly tickets = new Map<string, { expiresAt: number; sha256: string }>();
  /** Scripted answers for the next requests (matched by path prefix), before the simulated behaviour. */
  private readonly next: { path: string; answer: () => Response | Promise<Response> }[] = [];
  private readonly nextPuts: (() => Promise<{ status: number; body: string }>)[] = [];
  /** Decides a sync item: undefined → applied. */
  refuse: (item: SyncItemIn) => Refusal | undefined = () => undefined;
  /** Decides an upload ticket request: undefined → a ticket. */
  refuseTicket: (caseId: string) => (Refusal & { type?: string }) | undefined = () => undefined;
  ttlMs = 5 * 60_000;
  private n = 0;

  constructor(readonly clock: { now: number }) {}

  /** The device key the client signs its proofs with. */
  readonly key = crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']).then(async (pair) => ({
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicJwk: publicJwkOf(await crypto.subtle.exportKey('jwk', pair.publicKey))!,
  }));

  readonly api = createTerminalApi({
    baseUrl: 'http://api.test',
    token: async () => 'token-1',
    deviceId: () => 'dev-1',
    lang: () => 'zh-CN',
    fetch: (r) => this.fetch(r),
    proofKey: () => this.key,
  });

  /** The next request to `path…` gets this answer (a thrown TypeError is a lost connection). */
  answerNext(path: string, answer: () => Response | Promise<Response>): void {
    this.next.push({ path, answer });
  }
  failNext(path: string): void {
    this.answerNext(path, () => {
      throw new TypeError('Failed to fetch');
    });
  }
  /**
   * The next request to `path…` is handled (applied, its answer stored) but its answer never arrives: the connection
   * drops ('throw') or the app dies waiting ('hang', the promise never settles; `onHang` is called).
   */
  loseNext(path: string, mode: 'throw' | 'hang' = 'throw', onHang?: () => void): void {
    this.lose.push({ path, mode, onHang });
  }
  private readonly lose: { path: string; mode: 'throw' | 'hang'; onHang?: () => void }[] = [];

  /** The next PUT gets this (throw for a lost connection). */
  putNext(answer: () => Promise<{ status: number; body: string }>): void {
    this.nextPuts.push(answer);
  }

  syncCalls(): SyncItemIn[][] {
    return this.calls.filter((c) => c.path === '/mobile/v1/sync').map((c) => (c.body as { items: SyncItemIn[] }).items);
  }

  private date(): string {
    return new Date(this.clock.now).toUTCString();
  }

  async fetch(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const text = req.method === 'GET' ? '' : await req.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    const call: Call = { method: req.method, path: url.pathname, key: req.headers.get('Idempotency-Key'), device: req.headers.get('X-Device-Id'), dpop: req.headers.get('DPoP'), body };
    this.calls.push(call);
    const i = this.next.findIndex((n) => call.path.startsWith(n.path));
    if (i >= 0) return this.next.splice(i, 1)[0]!.answer();
    const answer = this.handle(call);
    const l = this.lose.findIndex((n) => call.path.startsWith(n.path));
    if (l >= 0) {
      const lost = this.lose.splice(l, 1)[0]!;
      if (lost.mode === 'throw') throw new TypeError('Failed to fetch');
      lost.onHang?.();
      return new Promise<Response>(() => undefined);
    }
    return answer;
  }

  private handle(call: Call): Response {
    if (call.path === '/mobile/v1/sync') return this.sync(call);
    const m = /^\/mobile\/v1\/tasks\/([^/]+)\/evidence(?:\/([^/]+)\/confirm)?$/.exec(call.path);
    if (m && !m[2]) return this.ticket(call, m[1]!);
    if (m && m[2]) return this.confirm(call, m[2]);
    return json(404, { title: 'Not found', status: 404 });
  }

  private sync(call: Call): Response {
    const items = (call.body as { items: SyncItemIn[] }).items;
    const results = items.map((item) => {
      const base = { clientId: item.clientId, action: item.action, caseId: item.caseId, at: item.at };
      const seen = this.stored.get(item.clientId);
      if (seen) {
        const ok = seen.status < 300;
        return { ...base, status: 'duplicate', httpStatus: seen.status, ...(ok ? { result: seen.body } : { reason: (seen.body as { detail: string }).detail }) };
      }
      const refusal = this.refuse(item);
      if (refusal) {
        // As the endpoint does: a workflow refusal is stored under the key; its code does not reach the sync result.
        this.stored.set(item.clientId, { status: refusal.httpStatus, body: { title: 'Step refused', status: refusal.httpStatus, detail: refusal.reason } });
        return { ...base, status: 'conflict', httpStatus: refusal.httpStatus, reason: refusal.reason, ...(refusal.code ? { code: refusal.code } : {}), ...(refusal.errors ? { errors: refusal.errors } : {}) };
      }
      const result = item.action === 'track'
        ? { received: (item.payload.points as unknown[]).length, stored: (item.payload.points as unknown[]).length, duplicates: 0 }
        : { caseId: item.caseId, stage: 'field_evidence', applied: item.action };
      this.stored.set(item.clientId, { status: 200, body: result });
      return { ...base, status: 'applied', httpStatus: 200, result };
    });
    return json(200, { results }, { Date: this.date() });
  }

  private replay(key: string | null): Response | null {
    const seen = key ? this.stored.get(key) : undefined;
    return seen ? json(seen.status, seen.body, { 'Idempotent-Replayed': 'true', Date: this.date() }) : null;
  }

  private ticket(call: Call, caseId: string): Response {
    const replay = this.replay(call.key);
    if (replay) return replay;
    const refusal = this.refuseTicket(caseId);
    if (refusal) {
      const body = { type: refusal.type ?? 'about:blank', title: 'Step refused', status: refusal.httpStatus, detail: refusal.reason };
      this.stored.set(call.key!, { status: refusal.httpStatus, body });
      return json(refusal.httpStatus, body, { Date: this.date() });
    }
    const b = call.body as { contentType: string; sha256: string };
    this.n += 1;
    const evidenceId = `00000000-0000-4000-8000-${String(this.n).padStart(12, '0')}`;
    const expiresAt = this.clock.now + this.ttlMs;
    this.tickets.set(evidenceId, { expiresAt, sha256: b.sha256 });
    const body = {
      evidenceId,
      upload: { method: 'PUT', url: `http://s3.test/evidence/${evidenceId}?sig=${this.n}`, headers: { 'content-type': b.contentType, 'x-amz-checksum-sha256': `b64-${b.sha256.slice(0, 8)}` }, expiresAt: new Date(expiresAt).toISOString() },
      maxBytes: 15_000_000,
    };
    this.stored.set(call.key!, { status: 201, body });
    return json(201, body, { Date: this.date() });
  }

  private confirm(call: Call, evidenceId: string): Response {
    const replay = this.replay(call.key);
    if (replay) return replay;
    if (!this.objects.has(evidenceId)) {
      const body = { type: 'urn:jicha:evidence:not-uploaded', title: 'Not uploaded', status: 409, detail: `Nothing is stored for upload ${evidenceId} yet.` };
      this.stored.set(call.key!, { status: 409, body });
      return json(409, body);
    }
    const body = { evidence: { evidenceId, status: 'confirmed' }, state: { stage: 'field_evidence', verifiedEvidence: 1 } };
    this.stored.set(call.key!, { status: 200, body });
    return json(200, body);
  }

  /** The PUT to the presigned URL: refused (403) once expired by the store's clock. */
  readonly put: PutBlob = async (url, headers, blob, onProgress) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    this.puts.push({ url, headers, bytes });
    const scripted = this.nextPuts.shift();
    if (scripted) return scripted();
    const evidenceId = /evidence\/([^?]+)/.exec(url)?.[1] ?? '';
    const t = this.tickets.get(evidenceId);
    if (!t || this.clock.now > t.expiresAt) return { status: 403, body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' };
    onProgress(0.5);
    onProgress(1);
    this.objects.set(evidenceId, bytes);
    return { status: 200, body: '' };
  };
}

export const problem = (status: number, detail: string, headers: Record<string, string> = {}, type = 'about:blank') =>
  json(status, { type, title: 'Problem', status, detail }, headers);
