import Dexie from 'dexie';
import type { ApiClient } from '../../../client';
import { translate, type Params, type T } from '../i18n';
import { BACKOFF, backoffMs } from './backoff';
import { OutboxDb, nextSeq, type StoredItem, type StoredTicket } from './db';
import { explainRefusal, presenceReasonsOf, renderProblem, type Explained } from './explain';
import type { EvidenceInput, OutboxItem, OutboxProblem, StepAction } from './index';
import { sha256Hex } from './sha256';
import { CallFailure, apiTransport, toFailure, xhrPut, type PutBlob, type SyncResult, type Transport, type UploadRequest, type UploadTicket, type Answer } from './transport';

// The outbox engine: plain TypeScript over IndexedDB (Dexie), no React, so tests drive it directly.
//
// Order. Items live in lanes: a case's steps and evidence share the lane `caseId` and go strictly one at a time in
// creation order (`seq`) — a step is sent only once everything before it in its case is done, because the server
// decides each step against the case as the earlier ones left it (check-in needs the accept, findings need the
// evidence). A /sync request therefore carries at most one step per case, but the heads of many cases at once (≤100).
// Sending two steps of a case in one request would be quicker, but the sync endpoint goes on after a refused item,
// so the later step would be applied although the earlier one was not. GPS track batches are independent of each
// other and of the steps (a refused step must not hold back the proof of the approach): each is its own lane.
//
// Refusals. A refused item becomes `conflict` with the reason in words. The later items of its case are held
// (`blocked`, "前一步未被受理") rather than sent: they were taken on the assumption that the refused one went
// through (a check-in after an accept that was refused because the case was reassigned would only be refused too,
// and findings without the refused evidence could be accepted with a gap in them). The inspector decides: retry the
// refused item (a new Idempotency-Key, since the server replays a refusal for its key; a refused request was not
// applied, so the new key cannot apply anything twice) or discard it, and the held items go on in order either way.
//
// Failures. No answer, 5xx, 429, 408 (and 401 / an unbound device, which only the user or an admin can fix): the
// item is `failed` with `nextTryAt` (exponential backoff with jitter, Retry-After honoured) and is sent again with
// the SAME key, so whatever the lost attempt did is answered as a duplicate instead of done twice. `sending` is
// written before each call: an item found `sending` when a drain starts was cut off (app killed, battery dead; the
// drain lock rules out another tab) and is simply sent again, with the same key.

const DAY = 24 * 60 * 60_000;
/** Items already done stay this long, so the panel can show what went out recently. */
const KEEP_DONE_MS = 3 * DAY;
/** Refusals the server calls momentary (another step of the case in progress) are retried this many times. */
const MAX_TRANSIENT = 8;
/** An evidence item asks for at most this many upload tickets in total before it is given up as a conflict. */
const MAX_TICKETS = 20;
/** A ticket closer than this to its expiry is not used for a PUT: a new one is asked for instead. */
const TICKET_MARGIN_MS = 20_000;
const SYNC_MAX_ITEMS = 100;
/** Fixes per track item (the API takes up to 2000 per batch). */
const TRACK_CHUNK = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STEP_ACTIONS: readonly StepAction[] = ['accept', 'decline', 'check-in', 'findings', 'note', 'rectification', 'rectification-report'];

export const keyFor = (id: string, gen: number): string => (gen === 0 ? id : `${id}.k${gen}`);

interface LockManagerLike {
  request<R>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<R>): Promise<R>;
}

export interface OutboxOptions {
  /** The app's API client (adds the token, X-Device-Id and Accept-Language itself). */
  api?: ApiClient;
  /** The signed-in user: only their items are sent (Idempotency-Keys are per user on the server). */
  username: string;
  /** Texts in the user's current language (problems are stored translated, with their key to re-render them). */
  t?: T;
  /** The database (tests pass one on fake-indexeddb); default `new OutboxDb(dbName)`. */
  db?: OutboxDb;
  dbName?: string;
  /** Instead of `api`: the three calls the outbox makes. */
  transport?: Transport;
  /** An API call without an answer after this long counts as a lost connection (default 120 s). */
  timeoutMs?: number;
  /** The PUT of evidence bytes (default XMLHttpRequest, for upload progress). */
  put?: PutBlob;
  now?: () => number;
  random?: () => number;
  newId?: () => string;
  isOnline?: () => boolean;
  /** Drain on start, on `online`, when the page becomes visible, on a timer and when a retry is due (default true). */
  auto?: boolean;
  periodMs?: number;
  /** Cross-tab drain lock (default navigator.locks when there is one; null: this tab only). */
  locks?: LockManagerLike | null;
}

const isoOf = (ms: number) => new Date(ms).toISOString();

function plainPayload(payload: unknown): Record<string, unknown> {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object' || Array.isArray(payload)) throw new TypeError('outbox: a step payload is an object');
  // A JSON round trip: what is stored is exactly what will be sent (no Dates, no undefined, no class instances).
  return JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
}

export class OutboxEngine {
  readonly db: OutboxDb;
  readonly username: string;
  private readonly t: T;
  private readonly transport: Transport;
  private readonly put: PutBlob;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly newId: () => string;
  private readonly isOnline: () => boolean;
  private readonly auto: boolean;
  private readonly periodMs: number;
  private readonly locks: LockManagerLike | null;
  private running: Promise<void> | null = null;
  private again = false;
  private force = false;
  /** Set when a call failed for want of a network/server: the rest of this drain would fail the same way. */
  private halted = false;
  private stopped = false;
  private wake: ReturnType<typeof setTimeout> | null = null;
  private period: ReturnType<typeof setInterval> | null = null;
  private readonly progressWritten = new Map<string, number>();
  private readonly unlisten: (() => void)[] = [];

  constructor(o: OutboxOptions) {
    if (!o.username) throw new Error('outbox: a username is needed');
    this.db = o.db ?? new OutboxDb(o.dbName);
    this.username = o.username;
    this.t = o.t ?? ((k: string, p?: Params) => translate('zh-CN', k, p));
    this.now = o.now ?? Date.now;
    if (o.transport) this.transport = o.transport;
    else if (o.api) this.transport = apiTransport(o.api, this.now, o.timeoutMs);
    else throw new Error('outbox: give the API client (api) or a transport');
    this.put = o.put ?? xhrPut;
    this.random = o.random ?? Math.random;
    this.newId = o.newId ?? (() => crypto.randomUUID());
    this.isOnline = o.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
    this.auto = o.auto ?? true;
    this.periodMs = o.periodMs ?? 30_000;
    const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManagerLike });
    this.locks = o.locks === undefined ? nav?.locks ?? null : o.locks;
  }

  // ---------------------------------------------------------------- life cycle

  /** Starts draining: now, on `online`, when the page is shown again, every `periodMs`, and when a retry falls due. */
  start(): void {
    if (!this.auto || this.stopped) return;
    if (typeof window !== 'undefined') {
      const online = () => void this.drainNow();
      const visible = () => {
        if (document.visibilityState === 'visible') void this.drainNow();
      };
      window.addEventListener('online', online);
      document.addEventListener('visibilitychange', visible);
      this.unlisten.push(() => window.removeEventListener('online', online), () => document.removeEventListener('visibilitychange', visible));
    }
    this.period = setInterval(() => {
      void this.pendingCount().then((n) => (n > 0 ? this.drainNow() : undefined));
    }, this.periodMs);
    void this.tidy().then(() => this.drainNow());
  }

  /** Stops timers and listeners (a new user signs in; tests). A drain under way finishes its current call. */
  stop(): void {
    this.stopped = true;
    for (const u of this.unlisten.splice(0)) u();
    if (this.period) clearInterval(this.period);
    if (this.wake) clearTimeout(this.wake);
    this.period = this.wake = null;
  }

  // ---------------------------------------------------------------- queueing

  /** Stores the step (then tries to send it at once when online); resolves with the stored item. */
  async enqueueStep(caseId: string, action: StepAction, payload: unknown): Promise<OutboxItem> {
    if (!UUID.test(caseId)) throw new TypeError(`outbox: ${caseId} is not a case id`);
    if (!STEP_ACTIONS.includes(action)) throw new TypeError(`outbox: unknown step ${String(action)}`);
    const body = plainPayload(payload);
    const item = await this.db.transaction('rw', this.db.items, this.db.meta, () =>
      this.insert({ caseId, lane: caseId, type: 'step', action, payload: body }),
    );
    this.kick();
    return item;
  }

  /** Hashes and stores the evidence and its bytes (kept until the server confirmed them); then sends when its turn comes. */
  async enqueueEvidence(caseId: string, e: EvidenceInput): Promise<OutboxItem> {
    if (!UUID.test(caseId)) throw new TypeError(`outbox: ${caseId} is not a case id`);
    if (!(e.blob instanceof Blob) || e.blob.size === 0) throw new TypeError('outbox: evidence needs its bytes (a non-empty Blob)');
    if (Number.isNaN(Date.parse(e.capturedAt))) throw new TypeError('outbox: capturedAt is an ISO date-time');
    const sha256 = await sha256Hex(e.blob);
    const id = this.newId();
    const contentType = e.contentType || e.blob.type || (e.kind === 'signature' ? 'image/png' : '');
    const item = await this.db.transaction('rw', this.db.items, this.db.blobs, this.db.meta, async () => {
      await this.db.blobs.put({ id, blob: e.blob });
      return this.insert({
        id, caseId, lane: caseId, type: 'evidence', evidenceKind: e.kind, contentType, sizeBytes: e.blob.size, sha256, capturedAt: e.capturedAt,
        ...(e.lat !== undefined && e.lon !== undefined ? { lat: e.lat, lon: e.lon } : {}),
        ...(e.accuracyM !== undefined ? { accuracyM: e.accuracyM } : {}),
        progress: 0,
      });
    });
    this.kick();
    return item;
  }

  /**
   * Moves the buffered GPS fixes of a case into track items (≤500 fixes each), in one transaction: a fix is either
   * still buffered or in exactly one item, whatever happens to the app meanwhile.
   */
  async enqueueTrackFixes(caseId: string): Promise<OutboxItem[]> {
    const db = this.db;
    const made = await db.transaction('rw', db.items, db.fixes, db.meta, async () => {
      const fixes = await db.fixes.where('[username+caseId]').equals([this.username, caseId]).toArray();
      fixes.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
      const out: StoredItem[] = [];
      for (let i = 0; i < fixes.length; i += TRACK_CHUNK) {
        const chunk = fixes.slice(i, i + TRACK_CHUNK);
        const points = chunk.map((f) => ({
          lat: f.lat, lon: f.lon, at: f.at,
          ...(f.accuracyM !== undefined ? { accuracyM: f.accuracyM } : {}),
          ...(f.speedMps !== undefined ? { speedMps: f.speedMps } : {}),
        }));
        const id = this.newId();
        out.push(await this.insert({ id, caseId, lane: `track:${id}`, type: 'track', payload: { points }, points: points.length }));
      }
      await db.fixes.bulkDelete(fixes.map((f) => f.id!));
      return out;
    });
    if (made.length) this.kick();
    return made;
  }

  /** Inside a read-write transaction over items and meta. */
  private async insert(fields: Partial<StoredItem> & Pick<StoredItem, 'caseId' | 'lane' | 'type'>): Promise<StoredItem> {
    const seq = await nextSeq(this.db);
    const id = fields.id ?? this.newId();
    const now = this.now();
    // A new step of a case whose queue is held behind a refusal waits there too.
    const held = fields.type === 'track' ? undefined : (await this.userItems()).find((i) => i.lane === fields.lane && (i.status === 'conflict' || i.status === 'blocked'));
    const blockedBy = held ? (held.status === 'conflict' ? held.id : held.blockedBy) : undefined;
    const item: StoredItem = {
      ...fields,
      id, key: id, keyGen: 0, seq, username: this.username, status: blockedBy ? 'blocked' : 'queued', attempts: 0,
      createdAt: isoOf(now), updatedAt: now,
      ...(blockedBy ? { blockedBy, problem: this.problem('outbox.blocked', {}) } : {}),
    };
    await this.db.items.add(item);
    return item;
  }

  // ---------------------------------------------------------------- reading

  /** This user's items, in creation order. */
  async userItems(): Promise<StoredItem[]> {
    return this.db.items.where('[username+seq]').between([this.username, Dexie.minKey], [this.username, Dexie.maxKey]).toArray();
  }

  /** Items not yet done (conflicts included: they still need the user). */
  async pendingCount(): Promise<number> {
    return (await this.userItems()).filter((i) => i.status !== 'done').length;
  }

  /**
   * Resolves with the item once it has an outcome for now — done, conflict, held, a retry scheduled — or at once when
   * offline, or after `timeoutMs` (wall clock); undefined when it is gone (discarded). For pages that show the
   * server's answer (a check-in's distance) when the network allows and "saved on this device" otherwise.
   */
  async whenSettled(id: string, timeoutMs = 30_000): Promise<OutboxItem | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const it = await this.db.items.get(id);
      if (!it || (it.status !== 'queued' && it.status !== 'sending') || !this.isOnline() || Date.now() >= deadline) return it;
      await Promise.race([this.running ?? Promise.resolve(), new Promise((r) => setTimeout(r, 100))]);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ---------------------------------------------------------------- user actions

  /** Sends a refused or failed item again: a refused one with a new key, a failed one now (same key). */
  async retryItem(id: string): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.items, async () => {
      const it = await db.items.get(id);
      if (!it || it.username !== this.username) return;
      if (it.status === 'conflict') {
        const keyGen = it.keyGen + 1;
        await db.items.update(id, {
          status: 'queued', keyGen, key: keyFor(id, keyGen), problem: undefined, nextTryAt: undefined, transientTries: 0, updatedAt: this.now(),
          ...(it.type === 'evidence' ? { ticket: null, uploaded: false, progress: 0 } : {}),
        });
        await this.release(id);
      } else if (it.status === 'failed') {
        await db.items.update(id, { status: 'queued', nextTryAt: undefined, updatedAt: this.now() });
      }
    });
    this.kick();
  }

  /** Drops a refused, failed or held item for good (an evidence item with its bytes); what waited behind it goes on. */
  async discardItem(id: string): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.items, db.blobs, async () => {
      const it = await db.items.get(id);
      if (!it || it.username !== this.username) return;
      if (it.status !== 'conflict' && it.status !== 'failed' && it.status !== 'blocked') {
        throw new Error(`outbox: only a refused, failed or held item can be discarded (this one is ${it.status})`);
      }
      await db.items.delete(id);
      await db.blobs.delete(id);
      await this.release(id);
    });
    this.kick();
  }

  /** Items held behind `id` wait for their turn again. Inside a transaction over items. */
  private async release(id: string): Promise<void> {
    const held = (await this.userItems()).filter((i) => i.status === 'blocked' && i.blockedBy === id);
    for (const h of held) await this.db.items.update(h.id, { status: 'queued', blockedBy: undefined, problem: undefined, updatedAt: this.now() });
  }

  // ---------------------------------------------------------------- draining

  /**
   * Sends what can be sent now; one drain at a time (in this tab, and across tabs where navigator.locks exists).
   * `force` (the user pressed "sync now"): items waiting for their retry time are tried at once, in the first round.
   */
  drainNow(o: { force?: boolean } = {}): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (o.force) this.force = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const force = this.force;
          this.force = false;
          await this.locked(() => this.drainLoop(force));
        } while (this.again && !this.stopped);
      } catch (e) {
        console.error('outbox: drain failed', e);
      } finally {
        this.running = null;
        void this.scheduleWake();
      }
    })();
    return this.running;
  }

  private kick(): void {
    if (this.auto) void this.drainNow();
  }

  private async locked(fn: () => Promise<void>): Promise<void> {
    if (!this.locks) return fn();
    // ifAvailable: when another tab holds the lock it is draining this same database; this tab's timer comes back.
    await this.locks.request(`${this.db.name}:drain`, { ifAvailable: true }, async (lock) => {
      if (lock) await fn();
    });
  }

  private async drainLoop(force: boolean): Promise<void> {
    this.halted = false;
    if (!this.isOnline()) return;
    // Each pass sends the items whose turn it is; an item sent is then done, refused or scheduled for later, so the
    // passes end. The bound only guards against a bug turning this into a busy loop.
    for (let pass = 0; pass < 1000 && !this.halted && !this.stopped; pass += 1) {
      if (!(await this.pass(force && pass === 0))) break;
    }
    await this.tidy();
  }

  private isDue(i: StoredItem, now: number): boolean {
    if (i.status === 'done' || i.status === 'conflict') return false;
    // `blocked` at the head of its lane: the refused item it waited for is gone (discarded in another tab).
    return (i.nextTryAt ?? 0) <= now;
  }

  /** One round: the head of every lane that is due. True when anything was sent. */
  private async pass(force = false): Promise<boolean> {
    const now = force ? Number.POSITIVE_INFINITY : this.now();
    const heads = new Map<string, StoredItem>();
    for (const i of await this.userItems()) {
      if (i.status === 'done') continue;
      if (!heads.has(i.lane)) heads.set(i.lane, i);
    }
    const ready = [...heads.values()].filter((i) => this.isDue(i, now)).sort((a, b) => a.seq - b.seq);
    const viaSync = ready.filter((i) => i.type !== 'evidence').slice(0, SYNC_MAX_ITEMS);
    const evidence = ready.filter((i) => i.type === 'evidence');
    if (!viaSync.length && !evidence.length) return false;
    if (viaSync.length) await this.sendSync(viaSync);
    for (const ev of evidence) {
      if (this.halted || this.stopped) break;
      await this.sendEvidence(ev);
    }
    return true;
  }

  /** Marks items `sending` (one more attempt) unless they changed meanwhile (discarded, retried in another tab). */
  private async markSending(items: StoredItem[]): Promise<StoredItem[]> {
    const db = this.db;
    return db.transaction('rw', db.items, async () => {
      const out: StoredItem[] = [];
      for (const i of items) {
        const cur = await db.items.get(i.id);
        if (!cur || cur.status !== i.status || cur.key !== i.key) continue;
        const next = { ...cur, status: 'sending' as const, attempts: cur.attempts + 1, updatedAt: this.now() };
        await db.items.put(next);
        out.push(next);
      }
      return out;
    });
  }

  private async sendSync(items: StoredItem[]): Promise<void> {
    const marked = await this.markSending(items);
    if (marked.length) await this.syncMarked(marked);
  }

  private async syncMarked(marked: StoredItem[]): Promise<void> {
    const body = {
      items: marked.map((i) => ({
        clientId: i.key,
        at: i.createdAt,
        action: i.type === 'track' ? ('track' as const) : i.action!,
        caseId: i.caseId,
        payload: (i.payload ?? {}) as Record<string, unknown>,
      })),
    };
    let answer: Answer<{ results: SyncResult[] }>;
    try {
      // The request's own key is new each time: the items' keys (clientId) are what makes a resend safe, and a batch
      // sent again may hold other items than the lost one (the same key with another body would be refused).
      answer = await this.transport.sync(body, `sync-${this.newId()}`);
    } catch (e) {
      const f = toFailure(e, null, this.now());
      if (f.kind === 'refused' && marked.length > 1) {
        // The request as a whole was refused (an item the sync schema does not take): the items go one by one, so
        // that only the faulty one is refused.
        for (const i of marked) await this.syncMarked([i]);
        return;
      }
      if (f.kind === 'refused') return this.refuse(marked[0]!, this.explain({ status: f.status, code: f.code, params: f.problem?.params, detail: f.detail }), f.status, f.code);
      return this.fail(marked, f);
    }
    const byKey = new Map(answer.data.results.map((r) => [r.clientId, r]));
    for (const i of marked) {
      const r = byKey.get(i.key);
      if (!r) {
        await this.fail([i], new CallFailure('server', 'the sync answer has no result for this item', answer.status));
        continue;
      }
      // `duplicate` is the answer stored for the key replayed: done when that answer was a success; a replayed
      // refusal (httpStatus 4xx) is the refusal it was.
      if (r.status === 'applied' || (r.status === 'duplicate' && r.httpStatus < 300)) {
        await this.finish(i, r.result);
        continue;
      }
      // Presence reasons are kept apart (the page lists them in the user's words); other field errors join the detail.
      const reasons = presenceReasonsOf(r.errors);
      const others = (r.errors ?? []).filter((e) => !reasons || !/^presence/.test(e.path));
      const fields = others.length ? `（${others.map((e) => `${e.path}: ${e.message}`).join('；')}）` : '';
      const detail = `${r.reason ?? ''}${fields}`;
      await this.refuse(i, this.explain({ status: r.httpStatus, code: r.code ?? null, params: r.params, detail }), r.httpStatus, r.code ?? null, reasons);
    }
  }

  private async sendEvidence(item: StoredItem): Promise<void> {
    const [marked] = await this.markSending([item]);
    if (!marked) return;
    let it = marked;
    const blob = (await this.db.blobs.get(it.id))?.blob;
    if (!blob) return this.conflict(it, this.problem('outbox.evidence.blobMissing', {}));
    let fresh = 0;
    for (;;) {
      if (this.stopped) return;
      if (!it.ticket) {
        if (it.keyGen >= MAX_TICKETS) return this.conflict(it, this.problem('outbox.evidence.tooManyTickets', {}));
        if (fresh >= 2) return this.fail([it], new CallFailure('server', 'upload URL expired twice in a row', null), 'outbox.failed.ticket');
        fresh += 1;
        let a: Answer<UploadTicket>;
        try {
          a = await this.transport.requestUpload(it.caseId, this.uploadBody(it), it.key);
        } catch (e) {
          return this.failOrRefuse(it, toFailure(e, null, this.now()));
        }
        const ticket = this.ticketOf(it.key, a);
        // A replayed ticket (the same key answered before the app died) may have expired meanwhile: a new key, a new ticket.
        if (ticket.localExpiresAt - this.now() < TICKET_MARGIN_MS) {
          it = await this.newTicket(it);
          continue;
        }
        it = await this.patch(it, { ticket, uploaded: false, progress: 0 });
      }
      const ticket = it.ticket!;
      if (!it.uploaded) {
        if (ticket.localExpiresAt - this.now() < TICKET_MARGIN_MS) {
          it = await this.newTicket(it);
          continue;
        }
        let res: { status: number; body: string };
        try {
          res = await this.put(ticket.url, ticket.headers, blob, (f) => void this.progress(it.id, f));
        } catch (e) {
          return this.fail([it], toFailure(e, null, this.now()));
        }
        if (res.status >= 200 && res.status < 300) {
          it = await this.patch(it, { uploaded: true, progress: 1 });
        } else if (res.status === 403) {
          // The store refuses an expired presigned URL with 403 (AccessDenied / Request has expired): a new ticket.
          it = await this.newTicket(it);
          continue;
        } else if (res.status >= 500 || res.status === 429 || res.status === 408) {
          return this.fail([it], new CallFailure('server', `storage answered ${res.status}`, res.status));
        } else if (res.status === 400 && /BadDigest|checksum|digest/i.test(res.body)) {
          return this.conflict(it, this.problem('outbox.evidence.corrupt', {}, { status: 400, detail: s3Code(res.body) }));
        } else {
          return this.conflict(it, this.problem('outbox.evidence.putRefused', { detail: s3Code(res.body) || String(res.status) }, { status: res.status }));
        }
      }
      try {
        // Its own key, derived from the ticket's: a retry of the confirm (lost answer) is the same request.
        const a = await this.transport.confirmUpload(it.caseId, ticket.evidenceId, `${ticket.key}.confirm`);
        return this.finish(it, { evidenceId: ticket.evidenceId, ...(a.data && typeof a.data === 'object' ? a.data : {}) });
      } catch (e) {
        const f = toFailure(e, null, this.now());
        // Nothing stored under the ticket (the PUT went to an expired URL after all) or the server swept the upload
        // (unconfirmed for an hour, the terminal was off): the bytes are still here, so a new ticket.
        if (f.kind === 'refused' && (f.code === 'evidence:not-uploaded' || f.code === 'evidence:rejected')) {
          it = await this.newTicket(it);
          continue;
        }
        return this.failOrRefuse(it, f);
      }
    }
  }

  private uploadBody(it: StoredItem): UploadRequest {
    // The upload request takes no accuracy (UploadRequest is strict); it stays on the item.
    return {
      kind: it.evidenceKind!, contentType: it.contentType!, sizeBytes: it.sizeBytes!, sha256: it.sha256!, capturedAt: it.capturedAt!,
      ...(it.lat !== undefined && it.lon !== undefined ? { lat: it.lat, lon: it.lon } : {}),
    };
  }

  /** The ticket with its expiry on this device's clock: the server's TTL (expiresAt − the answer's Date) from now. */
  private ticketOf(key: string, a: Answer<UploadTicket>): StoredTicket {
    const now = this.now();
    const expires = Date.parse(a.data.upload.expiresAt);
    const served = Date.parse(a.headers.get('Date') ?? '');
    const ttl = Number.isFinite(expires) ? expires - (Number.isFinite(served) ? served : now) : 5 * 60_000;
    return { key, evidenceId: a.data.evidenceId, url: a.data.upload.url, headers: a.data.upload.headers, expiresAt: a.data.upload.expiresAt, localExpiresAt: now + ttl };
  }

  private newTicket(it: StoredItem): Promise<StoredItem> {
    const keyGen = it.keyGen + 1;
    return this.patch(it, { ticket: null, uploaded: false, progress: 0, keyGen, key: keyFor(it.id, keyGen) });
  }

  private async progress(id: string, fraction: number): Promise<void> {
    // A write per 5 %: the panel follows, IndexedDB is not flooded.
    const last = this.progressWritten.get(id) ?? -1;
    if (fraction < 1 && fraction - last < 0.05) return;
    this.progressWritten.set(id, fraction);
    await this.db.items.update(id, { progress: Math.max(0, Math.min(1, fraction)) });
  }

  // ---------------------------------------------------------------- outcomes

  private async patch(it: StoredItem, changes: Partial<StoredItem>): Promise<StoredItem> {
    const next = { ...it, ...changes, updatedAt: this.now() };
    await this.db.items.update(it.id, { ...changes, updatedAt: next.updatedAt });
    return next;
  }

  private async finish(it: StoredItem, result: unknown): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.items, db.blobs, async () => {
      if (!(await db.items.get(it.id))) return;
      await db.items.update(it.id, {
        status: 'done', result: result ?? null, problem: undefined, nextTryAt: undefined, updatedAt: this.now(),
        ...(it.type === 'evidence' ? { progress: 1, ticket: null } : {}),
      });
      // The server has the bytes and has checked them: the device no longer needs to keep them.
      if (it.type === 'evidence') await db.blobs.delete(it.id);
    });
    this.progressWritten.delete(it.id);
  }

  /** A refused item: for good (conflict), or momentary (retried later, with a new key when the refusal is stored). */
  private async refuse(it: StoredItem, ex: Explained, status: number | null, code: string | null, reasons?: OutboxProblem['reasons']): Promise<void> {
    const problem = this.problem(ex.key, ex.params, { status: status ?? undefined, code, detail: String(ex.params.detail ?? '') || undefined, reasons });
    if (ex.transient && (it.transientTries ?? 0) < MAX_TRANSIENT) {
      const tries = (it.transientTries ?? 0) + 1;
      const keyGen = ex.transient === 'new-key' ? it.keyGen + 1 : it.keyGen;
      await this.patch(it, {
        status: 'failed', problem, transientTries: tries, nextTryAt: this.now() + backoffMs(tries, this.random), keyGen, key: keyFor(it.id, keyGen),
        ...(it.type === 'evidence' && ex.transient === 'new-key' ? { ticket: null, uploaded: false } : {}),
      });
      return;
    }
    await this.conflict(it, problem);
  }

  private failOrRefuse(it: StoredItem, f: CallFailure): Promise<void> {
    if (f.kind === 'refused') return this.refuse(it, this.explain({ status: f.status, code: f.code, params: f.problem?.params, detail: f.detail }), f.status, f.code, presenceReasonsOf((f.problem as { errors?: unknown } | null)?.errors));
    return this.fail([it], f);
  }

  /** Refused for good; the later items of its case are held behind it. */
  private async conflict(it: StoredItem, problem: OutboxProblem): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.items, async () => {
      if (!(await db.items.get(it.id))) return;
      await db.items.update(it.id, { status: 'conflict', problem, nextTryAt: undefined, updatedAt: this.now() });
      if (it.type === 'track') return;
      const later = (await this.userItems()).filter((i) => i.lane === it.lane && i.seq > it.seq && i.status !== 'done' && i.status !== 'conflict');
      for (const l of later) {
        await db.items.update(l.id, { status: 'blocked', blockedBy: it.id, problem: this.problem('outbox.blocked', {}), nextTryAt: undefined, updatedAt: this.now() });
      }
    });
  }

  /** No answer, or one that says "later": retried after a backoff (or Retry-After) with the same key. */
  private async fail(items: StoredItem[], f: CallFailure, key?: string): Promise<void> {
    this.halted = true;
    const now = this.now();
    const proof = f.kind === 'auth' && !!f.code?.startsWith('dpop.');
    const k = key ?? (f.kind === 'network' ? 'outbox.failed.network' : proof ? 'outbox.failed.proof' : f.kind === 'auth' ? 'outbox.failed.auth' : f.kind === 'device' ? 'outbox.failed.device' : 'outbox.failed.server');
    for (const i of items) {
      const delay = f.retryAfterMs ?? backoffMs(i.attempts, this.random);
      const problem = this.problem(k, { status: f.status ?? '', detail: f.detail ?? f.message }, { status: f.status ?? undefined, code: f.code });
      if (await this.db.items.get(i.id)) await this.patch(i, { status: 'failed', nextTryAt: now + delay, problem });
    }
  }

  private explain(r: { status: number | null; code: string | null; params?: unknown; detail?: string }): Explained {
    return explainRefusal(r);
  }

  private problem(key: string, params: Params, extra: Partial<OutboxProblem> = {}): OutboxProblem {
    const p: OutboxProblem = { message: renderProblem(this.t, key, params), key, params };
    if (extra.code) p.code = extra.code;
    if (extra.status !== undefined) p.status = extra.status;
    if (extra.detail) p.detail = extra.detail;
    if (extra.reasons?.length) p.reasons = extra.reasons;
    return p;
  }

  // ---------------------------------------------------------------- housekeeping

  /** Forgets items done long ago and bytes nothing refers to any more. */
  async tidy(): Promise<void> {
    const db = this.db;
    const cutoff = this.now() - KEEP_DONE_MS;
    await db.transaction('rw', db.items, db.blobs, async () => {
      const old = await db.items.where('status').equals('done').filter((i) => i.updatedAt < cutoff).primaryKeys();
      await db.items.bulkDelete(old);
      const blobIds = (await db.blobs.toCollection().primaryKeys()) as string[];
      const live = new Set((await db.items.bulkGet(blobIds)).filter((i) => i && i.status !== 'done').map((i) => i!.id));
      await db.blobs.bulkDelete(blobIds.filter((id) => !live.has(id)));
    });
  }

  /** The next drain when a retry falls due (the periodic timer covers the rest). */
  private async scheduleWake(): Promise<void> {
    if (!this.auto || this.stopped) return;
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    const due = (await this.userItems()).filter((i) => i.status === 'failed' && i.nextTryAt !== undefined).map((i) => i.nextTryAt!);
    if (!due.length || this.stopped) return;
    const delay = Math.max(0, Math.min(...due) - this.now());
    if (delay < BACKOFF.capMs * 2) this.wake = setTimeout(() => void this.drainNow(), delay + 50);
  }
}

/** The store's error code from an S3 XML error body (<Code>BadDigest</Code>). */
function s3Code(body: string): string {
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? '';
}
