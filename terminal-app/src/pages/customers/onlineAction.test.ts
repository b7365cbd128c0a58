import { describe, expect, it } from 'vitest';
import { createTerminalApi, TerminalError } from '../../api/client';
import { OnlineAction, outcomeOf, type Attempt, type AttemptStore } from './onlineAction';
import { startCustomAudit, type CustomCaseBody } from './api';

// The custom audit through the real terminal client, against a scripted fetch: which Idempotency-Key each attempt
// carries decides whether the server could open two cases.

type Reply = 'network' | { status: number; body: unknown };

function scripted(replies: Reply[]) {
  const sent: { key: string | null; body: unknown; device: string | null }[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    sent.push({ key: req.headers.get('Idempotency-Key'), body: await req.clone().json(), device: req.headers.get('X-Device-Id') });
    const r = replies.shift();
    if (!r) throw new Error('unexpected request');
    if (r === 'network') throw new TypeError('Failed to fetch');
    const problem = r.status >= 400;
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': problem ? 'application/problem+json' : 'application/json' } });
  };
  const api = createTerminalApi({ baseUrl: 'http://api.test', token: async () => 'tok', deviceId: () => 'T-ABCDE-FGHJK', lang: () => 'zh-CN', fetch });
  return { api, sent };
}

const recorded = (id: string) => ({
  status: 201,
  body: {
    id, caseNo: 'JC-2026-000042', workflowId: `case-${id}`, customerAccountNo: '4210000002', customerName: '张海燕', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所',
    origin: 'custom', stage: 'field_evidence', priority: 'normal', note: null, createdBy: 'inspector', createdAt: '2026-12-04T00:00:00Z', updatedAt: '2026-12-04T00:00:00Z', lastEventSeq: 1,
  },
});
const ID = '3f1d8f2e-8a7b-4c1e-9a55-6c1f0e2b7d10';
const body: CustomCaseBody = { customerAccountNo: '4210000002', note: '现场看到餐馆招牌' };

let n = 0;
const keys = () => `key-${String(++n).padStart(4, '0')}`;

describe('starting a custom audit once', () => {
  it('retries a submission lost on the network with the same key and body, then opens the case', async () => {
    const { api, sent } = scripted(['network', recorded(ID)]);
    const action = new OnlineAction<CustomCaseBody>(keys);
    await expect(startCustomAudit(api, action, body)).rejects.toBeInstanceOf(TypeError);
    expect(action.pending).toEqual({ key: sent[0]!.key, body });
    // the user edits the note meanwhile: the retry still sends what was first sent (a new body would be refused, a
    // new key would open a second case)
    const started = await startCustomAudit(api, action, { ...body, note: 'changed' });
    expect(started).toEqual({ caseId: ID, caseNo: 'JC-2026-000042', recorded: true });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(sent[1]!.body).toEqual(body);
    expect(sent[0]!.device).toBe('T-ABCDE-FGHJK');
    expect(action.pending).toBeNull();
  });

  it('sends one request for a double tap', async () => {
    const { api, sent } = scripted([recorded(ID)]);
    const action = new OnlineAction<CustomCaseBody>(keys);
    const [a, b] = await Promise.all([startCustomAudit(api, action, body), startCustomAudit(api, action, body)]);
    expect(a).toEqual(b);
    expect(sent).toHaveLength(1);
  });

  it('keeps the key while the server says the first request is still running, or fails with a 5xx', async () => {
    const inProgress = { status: 409, body: { type: 'urn:jicha:idempotency:in-progress', title: 'Request in progress', status: 409 } };
    const serverError = { status: 503, body: { type: 'about:blank', title: 'Unavailable', status: 503 } };
    const { api, sent } = scripted([inProgress, serverError, { status: 202, body: { id: ID, workflowId: `case-${ID}`, status: 'recording' } }]);
    const action = new OnlineAction<CustomCaseBody>(keys);
    await expect(startCustomAudit(api, action, body)).rejects.toMatchObject({ status: 409 });
    await expect(startCustomAudit(api, action, body)).rejects.toMatchObject({ status: 503 });
    expect(await startCustomAudit(api, action, body)).toEqual({ caseId: ID, caseNo: null, recorded: false });
    expect(new Set(sent.map((s) => s.key)).size).toBe(1);
  });

  it('takes a new key after an answer: a refusal, or a case opened', async () => {
    const refused = { status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'outside your org unit' } };
    const { api, sent } = scripted([refused, recorded(ID), recorded('5a0e6c1d-2b3f-4c8d-9e7f-0a1b2c3d4e5f')]);
    const action = new OnlineAction<CustomCaseBody>(keys);
    await expect(startCustomAudit(api, action, body)).rejects.toMatchObject({ status: 403 });
    expect(action.pending).toBeNull();
    await startCustomAudit(api, action, body);
    await startCustomAudit(api, action, { customerAccountNo: '4210000003' });
    const k = sent.map((s) => s.key);
    expect(new Set(k).size).toBe(3);
    for (const key of k) expect(key).toMatch(/^[\x21-\x7e]{8,200}$/); // what the API accepts
  });

  it('lets the user give up an unknown submission: the next one is new', async () => {
    const { api, sent } = scripted(['network', recorded(ID)]);
    const action = new OnlineAction<CustomCaseBody>(keys);
    await expect(startCustomAudit(api, action, body)).rejects.toBeInstanceOf(TypeError);
    action.abandon();
    await startCustomAudit(api, action, { ...body, note: 'changed' });
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
    expect(sent[1]!.body).toEqual({ ...body, note: 'changed' });
  });
});

describe('an unanswered submission outlives the page', () => {
  it('is kept in the store and retried with its key by the next form (after a reload or an app restart)', async () => {
    let saved: Attempt<CustomCaseBody> | null = null;
    const store: AttemptStore<CustomCaseBody> = { load: () => saved && { ...saved }, save: (a) => { saved = a; } };
    const { api, sent } = scripted(['network', recorded(ID)]);
    await expect(startCustomAudit(api, new OnlineAction(keys, store), body)).rejects.toBeInstanceOf(TypeError);
    expect(saved).toEqual({ key: sent[0]!.key, body });
    const again = new OnlineAction(keys, store); // the page opened anew
    expect(again.pending).toEqual({ key: sent[0]!.key, body });
    await startCustomAudit(api, again, { customerAccountNo: '4210000002' });
    expect(sent[1]).toMatchObject({ key: sent[0]!.key, body });
    expect(saved).toBeNull();
  });
});

describe('outcomeOf', () => {
  const err = (status: number, type = 'about:blank') => new TerminalError(status, { type, title: 't', status }, 't');
  it('counts stored refusals as answers and everything else as unknown', () => {
    expect(outcomeOf(err(403))).toBe('refused');
    expect(outcomeOf(err(422))).toBe('refused');
    expect(outcomeOf(err(422, 'urn:jicha:idempotency:key-reused'))).toBe('refused');
    expect(outcomeOf(err(409))).toBe('refused');
    expect(outcomeOf(err(409, 'urn:jicha:idempotency:in-progress'))).toBe('unknown');
    expect(outcomeOf(err(429, 'urn:jicha:rate-limit'))).toBe('unknown');
    expect(outcomeOf(err(500))).toBe('unknown');
    expect(outcomeOf(err(401))).toBe('unknown');
    expect(outcomeOf(new TypeError('Failed to fetch'))).toBe('unknown');
    expect(outcomeOf(new DOMException('aborted', 'AbortError'))).toBe('unknown');
  });
});
