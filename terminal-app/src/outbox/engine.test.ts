import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDb, type StoredItem } from './db';
import { OutboxEngine, type OutboxOptions } from './engine';
import { FakeServer, problem } from './testing/fakeServer';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const T0 = Date.parse('2026-03-02T08:00:00Z');

let dbName: string;
let clock: { now: number };
let server: FakeServer;
let online: boolean;
const engines: OutboxEngine[] = [];

function engine(o: Partial<OutboxOptions> = {}): OutboxEngine {
  const e = new OutboxEngine({
    api: server.api, username: 'inspector', db: new OutboxDb(dbName), put: server.put,
    now: () => clock.now, random: () => 0.5, isOnline: () => online, auto: false, locks: null, ...o,
  });
  engines.push(e);
  return e;
}

const get = async (e: OutboxEngine, id: string) => (await e.db.items.get(id)) as StoredItem;

beforeEach(() => {
  dbName = `outbox-test-${Math.random().toString(36).slice(2)}`;
  clock = { now: T0 };
  server = new FakeServer(clock);
  online = true;
});

afterEach(async () => {
  for (const e of engines.splice(0)) {
    e.stop();
    e.db.close();
  }
});

describe('order', () => {
  it('sends the steps of a case one at a time in creation order; other cases go alongside', async () => {
    const e = engine();
    online = false;
    const a1 = await e.enqueueStep(A, 'accept', {});
    const a2 = await e.enqueueStep(A, 'check-in', { lat: 30.1, lon: 114.3, accuracyM: 8, deviceTime: new Date(T0).toISOString() });
    const b1 = await e.enqueueStep(B, 'accept', {});
    const a3 = await e.enqueueStep(A, 'note', { text: '已到现场' });
    await e.drainNow();
    expect(server.calls).toHaveLength(0); // offline: nothing tried

    online = true;
    await e.drainNow();
    const batches = server.syncCalls().map((items) => items.map((i) => i.clientId));
    // the heads of both cases together, then A's next steps one per request, each after the one before was answered
    expect(batches).toEqual([[a1.id, b1.id], [a2.id], [a3.id]]);
    expect(server.syncCalls()[0]![0]).toMatchObject({ action: 'accept', caseId: A, payload: {}, at: a1.createdAt });
    for (const id of [a1.id, a2.id, a3.id, b1.id]) expect((await get(e, id)).status).toBe('done');
    expect(await e.pendingCount()).toBe(0);
  });

  it('never sends a later step of a case before an earlier one is done, also across retries', async () => {
    const e = engine();
    server.failNext('/mobile/v1/sync'); // the first attempt is lost
    const a1 = await e.enqueueStep(A, 'accept', {});
    const a2 = await e.enqueueStep(A, 'note', { text: 'x' });
    await e.drainNow();
    expect((await get(e, a1.id)).status).toBe('failed');
    expect((await get(e, a2.id)).status).toBe('queued');
    clock.now += 60_000;
    await e.drainNow();
    const order = server.syncCalls().flat().map((i) => i.clientId);
    expect(order).toEqual([a1.id, a1.id, a2.id]);
  });

  it('holds the later steps of a refused case, explains the refusal in words, and lets other cases go on', async () => {
    const e = engine();
    server.refuse = (i) =>
      i.caseId === A && i.action === 'accept' ? { httpStatus: 403, reason: 'Accepting is for the assigned inspector (inspector2), not inspector.' } : undefined;
    const a1 = await e.enqueueStep(A, 'accept', {});
    const a2 = await e.enqueueStep(A, 'check-in', { lat: 1, lon: 2 });
    const b1 = await e.enqueueStep(B, 'accept', {});
    const b2 = await e.enqueueStep(B, 'note', { text: 'ok' });
    await e.drainNow();

    const c = await get(e, a1.id);
    expect(c.status).toBe('conflict');
    expect(c.problem?.message).toBe('任务已改派给 inspector2，您不能再办理此步骤');
    expect(c.problem?.detail).toContain('inspector2');
    expect(c.problem?.status).toBe(403);
    const held = await get(e, a2.id);
    expect(held.status).toBe('blocked');
    expect(held.blockedBy).toBe(a1.id);
    expect(held.problem?.message).toContain('前一步未被受理');
    expect((await get(e, b1.id)).status).toBe('done');
    expect((await get(e, b2.id)).status).toBe('done');
    // the held step was never sent; a step added later to the case waits behind the refusal too
    expect(server.syncCalls().flat().map((i) => i.clientId)).not.toContain(a2.id);
    const a3 = await e.enqueueStep(A, 'note', { text: 'later' });
    expect(a3.status).toBe('blocked');
    expect(await e.pendingCount()).toBe(3); // the refusal counts: it needs the user

    // nothing is retried by itself
    clock.now += 3_600_000;
    const before = server.calls.length;
    await e.drainNow();
    expect(server.calls.length).toBe(before);

    // discarding the refused step lets the held ones go, in order
    await e.discardItem(a1.id);
    await e.drainNow();
    expect(await e.db.items.get(a1.id)).toBeUndefined();
    expect((await get(e, a2.id)).status).toBe('done');
    expect((await get(e, a3.id)).status).toBe('done');
    const order = server.syncCalls().flat().map((i) => i.clientId);
    expect(order.indexOf(a2.id)).toBeLessThan(order.indexOf(a3.id));
  });

  it('retries a refused step with a new key (the old one would replay the refusal); the held steps follow', async () => {
    const e = engine();
    let refuse = true;
    server.refuse = (i) => (refuse && i.action === 'findings' ? { httpStatus: 422, reason: 'Findings need the reason evidence falls short (justification).' } : undefined);
    const f = await e.enqueueStep(A, 'findings', { result: 'not_confirmed' });
    const n = await e.enqueueStep(A, 'note', { text: 'x' });
    await e.drainNow();
    expect((await get(e, f.id)).status).toBe('conflict');
    expect((await get(e, f.id)).problem?.message).toBe('提交内容不完整，请补充后重新提交');
    refuse = false;
    await e.retryItem(f.id);
    expect((await get(e, f.id))).toMatchObject({ status: 'queued', key: `${f.id}.k1` });
    expect((await get(e, f.id)).problem).toBeUndefined();
    expect((await get(e, n.id)).status).toBe('queued');
    expect((await get(e, n.id)).blockedBy).toBeUndefined();
    await e.drainNow();
    const sent = server.syncCalls().flat().map((i) => i.clientId);
    expect(sent).toEqual([f.id, `${f.id}.k1`, n.id]);
    expect((await get(e, f.id)).status).toBe('done');
    expect((await get(e, f.id)).key).toBe(`${f.id}.k1`);
    expect((await get(e, n.id)).status).toBe('done');
  });

  it('sends only the signed-in user\'s items', async () => {
    const other = engine({ username: 'inspector2', isOnline: () => false });
    const mine = engine();
    await other.enqueueStep(A, 'accept', {});
    const m = await mine.enqueueStep(B, 'accept', {});
    await mine.drainNow();
    expect(server.syncCalls().flat().map((i) => i.clientId)).toEqual([m.id]);
    expect(await other.pendingCount()).toBe(1);
  });
});

describe('idempotency', () => {
  it('sends every try of an item with the same key, and a duplicate answer counts as done', async () => {
    const e = engine();
    const a = await e.enqueueStep(A, 'accept', {});
    // the first request reaches the server, which applies it, but the answer is lost on the way back
    server.loseNext('/mobile/v1/sync');
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('failed');
    clock.now += 10 * 60_000;
    await e.drainNow();
    const syncs = server.calls.filter((c) => c.path === '/mobile/v1/sync');
    const itemKeys = server.syncCalls().map((items) => items[0]!.clientId);
    expect(new Set(itemKeys)).toEqual(new Set([a.id])); // the item's key every time
    expect(new Set(syncs.map((c) => c.key)).size).toBe(syncs.length); // the request's own key is new each time
    expect(syncs.every((c) => c.device === 'dev-1')).toBe(true);
    const item = await get(e, a.id);
    expect(item.status).toBe('done');
    expect(item.result).toMatchObject({ caseId: A, applied: 'accept' }); // the stored first answer
    expect(item.attempts).toBe(2);
  });

  it('resends an item found `sending` after a crash, with the same key', async () => {
    const first = engine();
    const a = await first.enqueueStep(A, 'check-in', { lat: 30, lon: 114 });
    let reached!: () => void;
    const arrived = new Promise<void>((r) => (reached = r));
    // the server applies the step; the app dies before the answer arrives (the fetch never settles)
    server.loseNext('/mobile/v1/sync', 'hang', () => reached());
    void first.drainNow();
    await arrived;
    expect((await get(first, a.id)).status).toBe('sending');
    first.stop();
    first.db.close();

    const second = engine(); // the app starts again on the same database
    expect((await get(second, a.id)).status).toBe('sending');
    await second.drainNow();
    const item = await get(second, a.id);
    expect(item.status).toBe('done');
    expect(item.result).toMatchObject({ applied: 'check-in' }); // the answer stored for the first, lost attempt
    const keys = server.syncCalls().map((items) => items[0]!.clientId);
    expect(keys).toEqual([a.id, a.id]); // the lost one and the resend
    expect(server.calls.at(-1)!.key).not.toBe(server.calls[0]!.key); // a new request around the same item
  });

  it('gives up on a request that hangs, and sends it again with the same key', async () => {
    const e = engine({ timeoutMs: 50 });
    const a = await e.enqueueStep(A, 'accept', {});
    server.loseNext('/mobile/v1/sync', 'hang'); // applied on the server, the answer never comes
    await e.drainNow();
    expect((await get(e, a.id))).toMatchObject({ status: 'failed', problem: { key: 'outbox.failed.network' } });
    clock.now += 60_000;
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('done');
    expect(server.syncCalls().map((items) => items[0]!.clientId)).toEqual([a.id, a.id]);
  });

  it('treats a replayed refusal (duplicate with a 4xx) as the refusal it was', async () => {
    const e = engine();
    const a = await e.enqueueStep(A, 'accept', {});
    server.stored.set(a.id, { status: 409, body: { title: 'Step refused', status: 409, detail: 'accept is not possible: the case is cancelled (已取消).' } });
    await e.drainNow();
    const item = await get(e, a.id);
    expect(item.status).toBe('conflict');
    expect(item.problem?.message).toBe('任务已结束（已取消），不能再办理');
  });
});

describe('retry with backoff', () => {
  it('retries after a network error with exponential backoff and jitter, then succeeds', async () => {
    const e = engine();
    server.failNext('/mobile/v1/sync');
    server.failNext('/mobile/v1/sync');
    const a = await e.enqueueStep(A, 'accept', {});
    await e.drainNow();
    let item = await get(e, a.id);
    expect(item.status).toBe('failed');
    expect(item.problem?.message).toBe('网络不通，稍后自动重试');
    expect(item.nextTryAt).toBe(T0 + 1_500); // base 2 s, equal jitter at random 0.5: 1 s + 0.5 s
    clock.now = T0 + 1_499;
    await e.drainNow();
    expect(server.syncCalls()).toHaveLength(1); // not due yet
    clock.now = T0 + 1_500;
    await e.drainNow();
    item = await get(e, a.id);
    expect(item.status).toBe('failed');
    expect(item.nextTryAt).toBe(T0 + 1_500 + 3_000); // second failure: 4 s nominal → 2 s + 1 s
    clock.now = item.nextTryAt!;
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('done');
    expect(server.syncCalls()).toHaveLength(3);
  });

  it('"sync now" tries a waiting item at once, and only once', async () => {
    const e = engine();
    server.failNext('/mobile/v1/sync');
    server.failNext('/mobile/v1/sync');
    const a = await e.enqueueStep(A, 'accept', {});
    await e.drainNow();
    await e.drainNow();
    expect(server.syncCalls()).toHaveLength(1); // waiting for its time
    await e.drainNow({ force: true });
    expect(server.syncCalls()).toHaveLength(2); // tried now, failed again: back to waiting
    expect((await get(e, a.id)).status).toBe('failed');
    await e.drainNow({ force: true });
    expect((await get(e, a.id)).status).toBe('done');
  });

  it('honours Retry-After on a 503', async () => {
    const e = engine();
    server.answerNext('/mobile/v1/sync', () => problem(503, 'Case workflow not answering', { 'Retry-After': '120' }, 'urn:jicha:case-workflow:unavailable'));
    const a = await e.enqueueStep(A, 'accept', {});
    await e.drainNow();
    const item = await get(e, a.id);
    expect(item.status).toBe('failed');
    expect(item.nextTryAt).toBe(T0 + 120_000);
    expect(item.problem?.message).toBe('服务器暂时无法处理（503），稍后自动重试');
    clock.now = T0 + 119_000;
    await e.drainNow();
    expect(server.syncCalls()).toHaveLength(1);
    clock.now = T0 + 120_000;
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('done');
  });

  it('retries 429 and 401 later, and never retries a refusal by itself', async () => {
    const e = engine();
    server.answerNext('/mobile/v1/sync', () => problem(429, 'Too many requests', { 'Retry-After': '5' }));
    const a = await e.enqueueStep(A, 'accept', {});
    await e.drainNow();
    expect((await get(e, a.id)).nextTryAt).toBe(T0 + 5_000);
    clock.now += 5_000;
    server.answerNext('/mobile/v1/sync', () => problem(401, 'Token expired'));
    await e.drainNow();
    expect((await get(e, a.id))).toMatchObject({ status: 'failed', problem: { message: '登录已过期：重新登录后自动提交' } });

    server.refuse = (i) => (i.action === 'note' ? { httpStatus: 422, reason: 'text: at most 2000 characters', code: 'text.hostile' } : undefined);
    const n = await e.enqueueStep(B, 'note', { text: 'bad\u0000' });
    clock.now += 3_600_000;
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('done');
    expect((await get(e, n.id))).toMatchObject({ status: 'conflict', problem: { message: '内容含有不允许的字符（如控制字符），请修改后重新提交', code: 'text.hostile' } });
    const sends = server.syncCalls().flat().filter((i) => i.clientId === n.id).length;
    clock.now += 3_600_000;
    await e.drainNow();
    expect(server.syncCalls().flat().filter((i) => i.clientId === n.id).length).toBe(sends);
  });

  it('findings refused for a weak proof of presence keep the reasons, apart from the detail', async () => {
    const e = engine();
    server.refuse = (i) => (i.action === 'findings' ? {
      httpStatus: 422, reason: '现场真实性存疑，须填写情况说明。', code: 'case-step:PresenceWeak',
      errors: [
        { path: 'presence', code: 'track.none', message: '没有到达现场的 GPS 轨迹' },
        { path: 'presence', code: 'checkin.outside', message: '签到位置距客户 880 米，超出 200 米范围', params: { distanceM: 880, radiusM: 200 } },
      ],
    } : undefined);
    const f = await e.enqueueStep(A, 'findings', { result: 'not_confirmed', checklist: [], summary: '未见异常' });
    await e.drainNow();
    const it = await get(e, f.id);
    expect(it.status).toBe('conflict');
    expect(it.problem).toMatchObject({
      code: 'case-step:PresenceWeak',
      key: 'outbox.conflict.presenceWeak',
      reasons: [
        { code: 'track.none', message: '没有到达现场的 GPS 轨迹' },
        { code: 'checkin.outside', params: { distanceM: 880, radiusM: 200 }, message: '签到位置距客户 880 米，超出 200 米范围' },
      ],
    });
    expect(it.problem!.detail).toBe('现场真实性存疑，须填写情况说明。');
  });

  it('an unbound device (device.not-bound) and a refused proof (dpop.*) wait and retry with the same key, each said in its words', async () => {
    const e = engine();
    const body = (status: number, code: string) => () => new Response(JSON.stringify({ type: `urn:jicha:${code}`, title: 'Refused', status, code }), { status, headers: { 'content-type': 'application/problem+json' } });
    server.answerNext('/mobile/v1/sync', body(403, 'device.not-bound'));
    const a = await e.enqueueStep(A, 'accept', {});
    await e.drainNow();
    expect(await get(e, a.id)).toMatchObject({ status: 'failed', problem: { message: '本终端未绑定到您的账号：管理员绑定后自动提交', code: 'device.not-bound' } });
    clock.now += 3_600_000;
    server.answerNext('/mobile/v1/sync', body(401, 'dpop.invalid-proof'));
    await e.drainNow();
    expect(await get(e, a.id)).toMatchObject({ status: 'failed', problem: { message: expect.stringContaining('设备签名校验'), code: 'dpop.invalid-proof' } });
    clock.now += 3_600_000;
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('done');
    const tries = server.calls.filter((c) => c.path === '/mobile/v1/sync');
    expect(new Set(server.syncCalls().flat().map((i) => i.clientId))).toEqual(new Set([a.id])); // the same key throughout
    // each attempt with a proof of its own
    expect(new Set(tries.map((c) => c.dpop)).size).toBe(3);
  });

  it('retries a step refused because another step of the case was half-way, with a new key', async () => {
    const e = engine();
    let busy = true;
    server.refuse = () => (busy ? { httpStatus: 409, reason: '另一步骤正在办理中（取证：上传确认），请稍后重试。/ check-in must wait: another step is in progress (evidence: confirm); try again in a moment.' } : undefined);
    const c = await e.enqueueStep(A, 'check-in', { lat: 1, lon: 2 });
    await e.drainNow();
    const item = await get(e, c.id);
    expect(item.status).toBe('failed');
    expect(item.key).toBe(`${c.id}.k1`);
    expect(item.problem?.message).toBe('该任务的另一步骤正在办理中，稍后自动重试');
    busy = false;
    clock.now = item.nextTryAt!;
    await e.drainNow();
    expect((await get(e, c.id)).status).toBe('done');
    expect(server.syncCalls().flat().map((i) => i.clientId)).toEqual([c.id, `${c.id}.k1`]);
  });

  it('sends the items of a batch the sync endpoint refused as a whole one by one, refusing only the faulty one', async () => {
    const e = engine();
    const a = await e.enqueueStep(A, 'accept', {});
    const b = await e.enqueueStep(B, 'accept', {});
    server.answerNext('/mobile/v1/sync', () => problem(400, 'The request has invalid fields.'));
    server.answerNext('/mobile/v1/sync', () => problem(400, 'items.0.payload: invalid'));
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('conflict');
    expect((await get(e, a.id)).problem?.message).toBe('提交内容不符合要求，请修改后重新提交');
    expect((await get(e, b.id)).status).toBe('done');
    expect(server.syncCalls().map((items) => items.length)).toEqual([2, 1, 1]);
  });
});

describe('evidence', () => {
  const photo = () => new Blob([new TextEncoder().encode('abc')], { type: 'image/jpeg' });
  const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
  const input = () => ({ kind: 'photo' as const, blob: photo(), contentType: 'image/jpeg', capturedAt: new Date(T0).toISOString(), lat: 29.84, lon: 114.32, accuracyM: 6 });

  it('asks for a ticket, PUTs the bytes with exactly its headers, confirms, and forgets the bytes', async () => {
    const e = engine();
    const ev = await e.enqueueEvidence(A, input());
    expect(ev).toMatchObject({ type: 'evidence', sha256: ABC, sizeBytes: 3, contentType: 'image/jpeg', status: 'queued' });
    expect(await e.db.blobs.get(ev.id)).toBeDefined();
    await e.drainNow();

    const [ticketCall, confirmCall] = server.calls;
    expect(ticketCall).toMatchObject({ method: 'POST', path: `/mobile/v1/tasks/${A}/evidence`, key: ev.id });
    expect(ticketCall!.body).toEqual({ kind: 'photo', contentType: 'image/jpeg', sizeBytes: 3, sha256: ABC, capturedAt: new Date(T0).toISOString(), lat: 29.84, lon: 114.32 });
    expect(server.puts).toHaveLength(1);
    const evidenceId = '00000000-0000-4000-8000-000000000001';
    expect(server.puts[0]).toMatchObject({ url: `http://s3.test/evidence/${evidenceId}?sig=1`, headers: { 'content-type': 'image/jpeg', 'x-amz-checksum-sha256': `b64-${ABC.slice(0, 8)}` } });
    expect(new TextDecoder().decode(server.puts[0]!.bytes)).toBe('abc');
    expect(confirmCall).toMatchObject({ method: 'POST', path: `/mobile/v1/tasks/${A}/evidence/${evidenceId}/confirm`, key: `${ev.id}.confirm` });
    const done = await get(e, ev.id);
    expect(done).toMatchObject({ status: 'done', progress: 1, result: { evidenceId, evidence: { status: 'confirmed' } } });
    expect(await e.db.blobs.get(ev.id)).toBeUndefined();
  });

  it('waits for the steps before it in its case, and the steps after it wait for it', async () => {
    const e = engine();
    const accept = await e.enqueueStep(A, 'accept', {});
    const ev = await e.enqueueEvidence(A, input());
    const findings = await e.enqueueStep(A, 'findings', { result: 'confirmed' });
    await e.drainNow();
    const order = server.calls.map((c) => (c.path === '/mobile/v1/sync' ? (c.body as { items: { action: string }[] }).items.map((i) => i.action).join() : c.path.endsWith('/confirm') ? 'confirm' : 'ticket'));
    expect(order).toEqual(['accept', 'ticket', 'confirm', 'findings']);
    for (const i of [accept, ev, findings]) expect((await get(e, i.id)).status).toBe('done');
  });

  it('retries a failed PUT without asking for a new ticket', async () => {
    const e = engine();
    server.putNext(async () => {
      throw new TypeError('network error during upload');
    });
    const ev = await e.enqueueEvidence(A, input());
    await e.drainNow();
    let item = await get(e, ev.id);
    expect(item.status).toBe('failed');
    expect(item.ticket?.evidenceId).toBeDefined();
    expect(item.uploaded).toBe(false);
    clock.now = item.nextTryAt!;
    await e.drainNow();
    item = await get(e, ev.id);
    expect(item.status).toBe('done');
    expect(server.calls.filter((c) => c.path.endsWith('/evidence'))).toHaveLength(1);
    expect(server.puts.map((p) => p.url)).toEqual([server.puts[0]!.url, server.puts[0]!.url]);
  });

  it('survives a dead battery mid-upload: the bytes stay, the next start PUTs again with the same ticket', async () => {
    const first = engine();
    const ev = await first.enqueueEvidence(A, input());
    let started!: () => void;
    const putStarted = new Promise<void>((r) => (started = r));
    server.putNext(() => {
      started();
      return new Promise(() => undefined); // the upload never finishes: the phone switched off
    });
    void first.drainNow();
    await putStarted;
    first.stop();
    first.db.close();

    const second = engine();
    const found = await get(second, ev.id);
    expect(found).toMatchObject({ status: 'sending', uploaded: false });
    expect(found.ticket?.evidenceId).toBeDefined();
    expect(await second.db.blobs.get(ev.id)).toBeDefined();
    await second.drainNow();
    expect((await get(second, ev.id)).status).toBe('done');
    expect(server.calls.filter((c) => c.path.endsWith('/evidence'))).toHaveLength(1);
    expect(server.puts.map((p) => p.url)).toEqual([found.ticket!.url, found.ticket!.url]);
  });

  it('after the PUT, only the confirm is retried (same key), never a second upload', async () => {
    const e = engine();
    const ev = await e.enqueueEvidence(A, input());
    server.failNext(`/mobile/v1/tasks/${A}/evidence/`);
    await e.drainNow();
    let item = await get(e, ev.id);
    expect(item).toMatchObject({ status: 'failed', uploaded: true });
    clock.now = item.nextTryAt!;
    await e.drainNow();
    item = await get(e, ev.id);
    expect(item.status).toBe('done');
    expect(server.puts).toHaveLength(1);
    const confirms = server.calls.filter((c) => c.path.endsWith('/confirm'));
    expect(confirms.map((c) => c.key)).toEqual([`${ev.id}.confirm`, `${ev.id}.confirm`]);
  });

  it('asks for a new ticket with a new key when the presigned URL has expired', async () => {
    const e = engine();
    server.putNext(async () => {
      throw new TypeError('network error during upload');
    });
    const ev = await e.enqueueEvidence(A, input());
    await e.drainNow();
    clock.now += 6 * 60_000; // the 5-minute URL is gone
    await e.drainNow();
    const item = await get(e, ev.id);
    expect(item.status).toBe('done');
    const tickets = server.calls.filter((c) => c.path.endsWith('/evidence'));
    expect(tickets.map((c) => c.key)).toEqual([ev.id, `${ev.id}.k1`]);
    expect(server.puts.map((p) => p.url)).toEqual([expect.stringContaining('sig=1'), expect.stringContaining('sig=2')]);
    expect(server.calls.filter((c) => c.path.endsWith('/confirm')).map((c) => c.key)).toEqual([`${ev.id}.k1.confirm`]);
  });

  it('asks for a new ticket when the store refuses the presigned URL (403)', async () => {
    const e = engine();
    server.putNext(async () => ({ status: 403, body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' }));
    const ev = await e.enqueueEvidence(A, input());
    await e.drainNow();
    expect((await get(e, ev.id)).status).toBe('done');
    expect(server.calls.filter((c) => c.path.endsWith('/evidence')).map((c) => c.key)).toEqual([ev.id, `${ev.id}.k1`]);
    expect(server.puts.map((p) => p.url)).toEqual([expect.stringContaining('sig=1'), expect.stringContaining('sig=2')]);
  });

  it('does not use a ticket replayed after its URL expired (answer lost, app back later): a new key, a new ticket', async () => {
    const e = engine();
    const ev = await e.enqueueEvidence(A, input());
    server.loseNext(`/mobile/v1/tasks/${A}/evidence`);
    await e.drainNow();
    expect((await get(e, ev.id))).toMatchObject({ status: 'failed' });
    expect((await get(e, ev.id)).ticket ?? null).toBeNull();
    clock.now += 10 * 60_000;
    await e.drainNow();
    expect((await get(e, ev.id)).status).toBe('done');
    // the same key first (the server replays the old ticket, expired), then a new one
    expect(server.calls.filter((c) => c.path.endsWith('/evidence')).map((c) => c.key)).toEqual([ev.id, ev.id, `${ev.id}.k1`]);
    expect(server.puts).toHaveLength(1);
    expect(server.puts[0]!.url).toContain('sig=2');
  });

  it('a ticket refused because the case moved on is a conflict in words; retry asks again with a new key', async () => {
    const e = engine();
    server.refuseTicket = () => ({ httpStatus: 409, reason: 'Evidence is taken at field evidence; case JC-2026-000042 is at rectification.', type: 'urn:jicha:case-step:WrongStage' });
    const ev = await e.enqueueEvidence(A, input());
    await e.drainNow();
    let item = await get(e, ev.id);
    expect(item.status).toBe('conflict');
    expect(item.problem).toMatchObject({ message: '任务已处于「督办整改」阶段，此步骤不再适用', code: 'case-step:WrongStage', status: 409 });
    expect(await e.db.blobs.get(ev.id)).toBeDefined(); // the bytes are kept while the user decides
    server.refuseTicket = () => undefined;
    await e.retryItem(ev.id);
    await e.drainNow();
    item = await get(e, ev.id);
    expect(item.status).toBe('done');
    expect(server.calls.filter((c) => c.path.endsWith('/evidence')).map((c) => c.key)).toEqual([ev.id, `${ev.id}.k1`]);
  });

  it('discarding an evidence item deletes its bytes', async () => {
    const e = engine();
    server.refuseTicket = () => ({ httpStatus: 403, reason: 'Evidence is for the assigned inspector (inspector2), not inspector.', type: 'urn:jicha:case-step:WrongActor' });
    const ev = await e.enqueueEvidence(A, input());
    await e.drainNow();
    expect((await get(e, ev.id)).problem?.message).toBe('任务已改派给 inspector2，您不能再办理此步骤');
    await e.discardItem(ev.id);
    expect(await e.db.items.get(ev.id)).toBeUndefined();
    expect(await e.db.blobs.get(ev.id)).toBeUndefined();
  });

  it('refuses to discard an item that is still on its way', async () => {
    const e = engine();
    online = false;
    const a = await e.enqueueStep(A, 'accept', {});
    await expect(e.discardItem(a.id)).rejects.toThrow(/only a refused, failed or held item/);
  });
});

describe('housekeeping', () => {
  it('forgets items done more than three days ago', async () => {
    const e = engine();
    const a = await e.enqueueStep(A, 'accept', {});
    await e.drainNow();
    expect((await get(e, a.id)).status).toBe('done');
    clock.now += 4 * 24 * 3_600_000;
    await e.tidy();
    expect(await e.db.items.get(a.id)).toBeUndefined();
  });
});
