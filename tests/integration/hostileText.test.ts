import crypto from 'node:crypto';
import { caseWorkflowId, getStateQuery } from '../../domain/inspectionCaseContract';
import { findHostileText } from '../../domain/text';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, waitFor } from '../support/mobile';

// Text with NUL, a lone surrogate or a C0 control is refused at the door of both APIs, in every free-text field of
// every step (422, code text.hostile, the field's path, zh-CN detail by default, English on request); the case keeps
// moving with the next clean step, and nothing of a refused request reaches the workflow or the database.
let h: Harness;
let t: Record<'supervisor' | 'inspector' | 'lead' | 'manager' | 'admin', string>;
let device: string; // bound to inspector
let leadDevice: string; // bound to lead

const HOSTILE = [
  { name: 'NUL', char: '\u0000', kind: 'nul', zh: '含有空字符（U+0000）' },
  { name: 'lone high surrogate', char: '\ud800', kind: 'lone-surrogate', zh: '含有孤立代理项（U+D800）' },
  { name: 'lone low surrogate', char: '\udc00', kind: 'lone-surrogate', zh: '含有孤立代理项（U+DC00）' },
  { name: 'BEL', char: '\u0007', kind: 'control', zh: '含有控制字符（U+0007）' },
  { name: 'ESC', char: '\u001b', kind: 'control', zh: '含有控制字符（U+001B）' },
] as const;
const ZH_DETAIL = '文本含有不允许的字符（空字符、孤立代理项或控制字符）。';
const EN_DETAIL = 'The text contains characters that are not allowed (NUL, a lone surrogate or a control character).';

const run = String(crypto.randomInt(0, 100_000)).padStart(5, '0');
const acct = (n: number) => `85${run}${String(n).padStart(3, '0')}`;

/**
 * The body as JSON text. JSON.stringify writes NUL, controls and lone surrogates as \u escapes, which the server's
 * JSON parser decodes back to those characters; sent as raw UTF-8 instead, a lone surrogate would arrive as U+FFFD.
 */
const raw = (body: unknown): string => JSON.stringify(body);

/** A copy of `body` with `path` (dotted) set to `value`. */
function withField(body: object, path: string, value: unknown): object {
  const copy = structuredClone(body) as Record<string, any>;
  const keys = path.split('.');
  let at: any = copy;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys.at(-1)!] = value;
  return copy;
}

function expectRefused(res: { status: number; headers: Headers; body: any }, path: string, h0: (typeof HOSTILE)[number], lang: 'zh-CN' | 'en' = 'zh-CN') {
  expect({ status: res.status, type: res.headers.get('content-type')?.split(';')[0] }).toEqual({ status: 422, type: 'application/problem+json' });
  expect(res.body).toMatchObject({ type: 'about:blank', title: 'Unprocessable content', status: 422, code: 'text.hostile', detail: lang === 'en' ? EN_DETAIL : ZH_DETAIL });
  expect(res.body.errors).toContainEqual({ path, code: `text.hostile.${h0.kind}`, message: lang === 'en' ? expect.stringMatching(/^contains a /) : h0.zh });
}

type Send = (body: string, headers?: Record<string, string>) => Promise<{ status: number; headers: Headers; body: any }>;
const office = (token: string, path: string): Send => (body, headers) => api(h.baseUrl, path, { token, body, headers });
const terminal = (token: string, dev: string, path: string): Send => (body, headers) => mobile(h.baseUrl, path, { token, device: dev, body, headers });

/** Each hostile string in each field (inside ordinary Chinese text), refused; once more in English for the first. */
async function refusesEverywhere(send: Send, valid: object, fields: string[]) {
  for (const field of fields) {
    for (const x of HOSTILE) expectRefused(await send(raw(withField(valid, field, `现场${x.char}核查`))), field, x);
    expectRefused(await send(raw(withField(valid, field, `现场${HOSTILE[0].char}`)), { 'accept-language': 'en' }), field, HOSTILE[0], 'en');
  }
}

async function state(caseId: string) {
  return h.client.workflow.getHandle(caseWorkflowId(caseId)).query(getStateQuery);
}

async function nothingHostileStored(caseId: string) {
  expect(findHostileText(await state(caseId))).toEqual([]);
  const events = await h.pool.query('select payload from case_events where case_id = $1', [caseId]);
  expect(events.rowCount).toBeGreaterThan(0);
  expect(findHostileText(events.rows)).toEqual([]);
}

beforeAll(async () => {
  h = await startHarness();
  const [supervisor, inspector, lead, manager, admin] = await Promise.all(['supervisor', 'inspector', 'lead', 'manager', 'admin'].map((u) => tokenFor(u)));
  t = { supervisor, inspector, lead, manager, admin };
  device = newDeviceId('text');
  leadDevice = newDeviceId('textlead');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
  await bindDevice(h.baseUrl, admin, leadDevice, 'lead');
  // A customer of this run (温泉供电所), so counting its cases is not disturbed by other suites.
  const customers = ['account_no,name,address,lat,lon,tariff_category,station_id', `${acct(1)},稽查文本测试,咸宁市咸安区温泉路 85 号,29.85,114.32,residential,HB.XN.XA.WQ`].join('\n');
  const imported = await api(h.baseUrl, '/api/imports/customers', { token: manager, body: customers, headers: { 'content-type': 'text/csv' } });
  expect(imported.body).toMatchObject({ inserted: 1, rejected: [] });
}, 120_000);

afterAll(async () => {
  for await (const wf of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'` })) {
    await h.client.workflow.getHandle(wf.workflowId).terminate('hostile text test finished').catch(() => undefined);
  }
  await h?.stop();
});

const casesOf = async (accountNo: string) => (await h.pool.query<{ n: number }>('select count(*)::int as n from cases where customer_account_no = $1', [accountNo])).rows[0].n;

describe('one case through every step of both APIs', () => {
  let caseId: string;
  const step = (action: string) => `/api/cases/${caseId}/actions/${action}`;
  const task = (action: string) => `/tasks/${caseId}/${action}`;
  const today = new Date().toISOString().slice(0, 10);

  test('opening a case: hostile text in the note or the account number opens nothing; the clean request opens it', async () => {
    const valid = { customerAccountNo: acct(1), origin: 'special', note: '白名单居民大电量' };
    await refusesEverywhere(office(t.supervisor, '/api/cases'), valid, ['note', 'customerAccountNo']);
    expect(await casesOf(acct(1))).toBe(0);
    const opened = await api(h.baseUrl, '/api/cases', { token: t.supervisor, body: valid });
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
    await waitFor('the offer to the inspector', async () => {
      const s = await state(caseId);
      return s.stage === 'field_evidence' && s.assignee === 'inspector';
    });
  });

  test('field evidence: note, assign, decline, accept, check-in — each refused with hostile text, then taken clean', async () => {
    await refusesEverywhere(office(t.supervisor, step('note')), { text: '请尽快核查' }, ['text']);
    expect((await api(h.baseUrl, step('note'), { token: t.supervisor, body: { text: '请尽快核查\r\n（第二行）' } })).status).toBe(200);

    await refusesEverywhere(terminal(t.inspector, device, task('decline')), { reason: '本人负责的网格外' }, ['reason']);
    expect((await mobile(h.baseUrl, task('decline'), { token: t.inspector, device, body: { reason: '本人负责的网格外' } })).status).toBe(200);

    await refusesEverywhere(office(t.supervisor, step('assign')), { inspector: 'inspector' }, ['inspector']);
    expect((await api(h.baseUrl, step('assign'), { token: t.supervisor, body: { inspector: 'inspector' } })).body).toMatchObject({ assignee: 'inspector', assignment: 'offered' });

    // accept has no fields: a hostile key is refused and named, escaped
    const key = await mobile(h.baseUrl, task('accept'), { token: t.inspector, device, body: raw({ ['接受\u0000']: true }) });
    expectRefused(key, '接受\\u0000', HOSTILE[0]);
    expect((await mobile(h.baseUrl, task('accept'), { token: t.inspector, device, body: {} })).body).toMatchObject({ assignment: 'accepted' });

    const fix = { lat: 29.85, lon: 114.32, accuracyM: 8, deviceTime: new Date().toISOString() };
    await refusesEverywhere(terminal(t.inspector, device, task('check-in')), fix, ['deviceTime']);
    expect((await mobile(h.baseUrl, task('check-in'), { token: t.inspector, device, body: fix })).status).toBe(200);

    await refusesEverywhere(terminal(t.inspector, device, task('note')), { text: '已到现场' }, ['text']);
    expect((await mobile(h.baseUrl, task('note'), { token: t.inspector, device, body: { text: '已到现场 👍' } })).status).toBe(200);

    // a path parameter is text too
    expectRefused(await api(h.baseUrl, `/api/cases/${caseId}%07/actions/note`, { token: t.supervisor, body: { text: 'x' } }), 'path.id', HOSTILE[3]);
    const s = await state(caseId);
    expect(s.notes.map((n) => n.text)).toEqual(['请尽快核查\r\n（第二行）', '已到现场 👍']);
    expect(s.checkIns).toHaveLength(1);
  });

  test('findings: summary, justification and checklist refused on both APIs; the clean findings move the case to rectification', async () => {
    const findings = {
      result: 'confirmed', problemType: 'wrong_tariff', summary: '用电性质与档案不符', justification: '客户拒绝拍照，已口头确认',
      checklist: [{ code: 'tariff_matches_use', passed: false, note: '实际为商业经营' }],
    };
    const fields = ['summary', 'justification', 'checklist.0.code', 'checklist.0.note'];
    await refusesEverywhere(terminal(t.inspector, device, task('findings')), findings, fields);
    await refusesEverywhere(office(t.inspector, step('findings')), findings, fields);
    expect((await mobile(h.baseUrl, task('findings'), { token: t.inspector, device, body: findings })).body).toMatchObject({ stage: 'rectification' });
    // no photos, no track: the justified findings put the visit on a supervisor's review, whose note is text too
    const review = { decision: 'clear', note: '已电话回访客户，确认到场' };
    await refusesEverywhere(office(t.supervisor, step('review')), review, ['decision', 'note']);
    expect((await api(h.baseUrl, step('review'), { token: t.supervisor, body: review })).body).toMatchObject({ review: { status: 'cleared', note: review.note } });
  });

  test('rectification order and report: every text of the actions, owner and summary refused; the clean ones move the case to verification', async () => {
    const order = {
      actions: [
        { kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: today },
        { kind: 'meter_replacement', note: '更换智能表' },
        { kind: 'other', note: '补签供用电合同' },
      ],
      owner: 'lead',
    };
    const fields = ['actions.0.fromCategory', 'actions.0.toCategory', 'actions.0.effectiveDate', 'actions.1.note', 'actions.2.note', 'owner'];
    await refusesEverywhere(office(t.lead, step('rectification')), order, fields);
    await refusesEverywhere(terminal(t.inspector, device, task('rectification')), order, fields);
    expect((await api(h.baseUrl, step('rectification'), { token: t.lead, body: order })).status).toBe(200);

    const report = { summary: '已改类并更换电表', tariffChangedOn: today };
    await refusesEverywhere(terminal(t.lead, leadDevice, task('rectification-report')), report, ['summary', 'tariffChangedOn']);
    await refusesEverywhere(office(t.lead, step('rectification-report')), report, ['summary']);
    expect((await api(h.baseUrl, step('rectification-report'), { token: t.lead, body: report })).body).toMatchObject({ stage: 'verification' });
  });

  test('verification, reassignment, dismissal and cancellation: reasons refused; a clean rejection and a clean cancellation apply', async () => {
    await refusesEverywhere(office(t.supervisor, step('verify')), { outcome: 'reject', reason: '电表未更换' }, ['reason']);
    expect((await api(h.baseUrl, step('verify'), { token: t.supervisor, body: { outcome: 'reject', reason: '电表未更换' } })).body).toMatchObject({ stage: 'rectification' });
    await refusesEverywhere(office(t.supervisor, step('reassign')), { to: 'lead' }, ['to']);
    await refusesEverywhere(office(t.supervisor, step('dismiss')), { reason: '重复立案' }, ['reason']);
    await refusesEverywhere(office(t.supervisor, step('cancel')), { reason: '客户已销户' }, ['reason']);

    const s = await state(caseId);
    expect(s.stage).toBe('rectification');
    expect(s.verifications.map((v) => v.reason)).toEqual(['电表未更换']);
    expect(s.rectification!.actions.map((a) => ('note' in a ? a.note : a.kind))).toEqual(['tariff_reclassification', '更换智能表', '补签供用电合同']);
    expect((await api(h.baseUrl, step('cancel'), { token: t.supervisor, body: { reason: '客户已销户' } })).body).toMatchObject({ stage: 'cancelled' });
    await nothingHostileStored(caseId);
  });
});

describe('terminal: custom cases, other text, and the offline /sync batch', () => {
  test('a custom case with hostile text opens nothing; the clean one opens; feedback and search text refused too', async () => {
    const valid = { customerAccountNo: acct(1), note: '群众举报疑似窃电' };
    const before = await casesOf(acct(1));
    await refusesEverywhere(terminal(t.inspector, device, '/custom-cases'), valid, ['note', 'customerAccountNo']);
    expect(await casesOf(acct(1))).toBe(before);
    const made = await mobile(h.baseUrl, '/custom-cases', { token: t.inspector, device, body: valid });
    expect([201, 202]).toContain(made.status);
    await waitFor('the custom case recorded', async () => (await casesOf(acct(1))) === before + 1);

    await refusesEverywhere(terminal(t.inspector, device, '/feedback'), { category: 'bug', text: '扫码后闪退', appVersion: '1.2.0' }, ['text', 'appVersion']);
    expect((await h.pool.query("select count(*)::int as n from feedback where text = '扫码后闪退' or text like '现场%核查'")).rows[0].n).toBe(0);
    expectRefused(await mobile(h.baseUrl, `/customers?q=${encodeURIComponent('温泉')}%00`, { token: t.inspector, device }), 'query.q', HOSTILE[0]);
  });

  test('/sync: an op with hostile text is refused alone (same code and path as its endpoint), the others apply; replays answer the same', async () => {
    const opened = await api(h.baseUrl, '/api/cases', { token: t.supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: acct(1), origin: 'special', note: '离线同步' } });
    const id = opened.body.id as string;
    await waitFor('the offer', async () => (await state(id)).assignee === 'inspector');
    const op = (text: string) => ({ clientId: `op-${crypto.randomUUID()}`, at: new Date().toISOString(), action: 'note', caseId: id, payload: { text } });
    const items = [op('离线记录一'), op('离线\u0000记录二'), op('离线记录三'), { ...op('x'), payload: { text: '离线\u001b记录四' } }];
    const key = crypto.randomUUID();
    const first = await mobile(h.baseUrl, '/sync', { token: t.inspector, device, key, body: raw({ items }) });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: string; httpStatus: number }) => [r.status, r.httpStatus])).toEqual([['applied', 200], ['conflict', 422], ['applied', 200], ['conflict', 422]]);
    expect(first.body.results[1]).toMatchObject({
      clientId: items[1].clientId, code: 'text.hostile', reason: ZH_DETAIL, errors: [{ path: 'text', code: 'text.hostile.nul', message: '含有空字符（U+0000）' }],
    });
    expect(first.body.results[3].errors).toEqual([{ path: 'text', code: 'text.hostile.control', message: '含有控制字符（U+001B）' }]);

    // the same batch again: the stored answer; a new batch with the same ops: applied ones are duplicates, refused ones refused again
    const replay = await mobile(h.baseUrl, '/sync', { token: t.inspector, device, key, body: raw({ items }), headers: { 'accept-language': 'en' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const again = await mobile(h.baseUrl, '/sync', { token: t.inspector, device, body: raw({ items }), headers: { 'accept-language': 'en' } });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'conflict', 'duplicate', 'conflict']);
    expect(again.body.results[1]).toMatchObject({ code: 'text.hostile', reason: EN_DETAIL, errors: [{ path: 'text', code: 'text.hostile.nul', message: 'contains a NUL character (U+0000)' }] });

    // the refused ops left no trace: not applied, their keys unused
    expect((await state(id)).notes.map((n) => n.text)).toEqual(['离线记录一', '离线记录三']);
    const keys = await h.pool.query('select key from mobile_idempotency where username = $1 and key = any($2)', ['inspector', items.map((i) => i.clientId)]);
    expect(keys.rows.map((r) => r.key).sort()).toEqual([items[0].clientId, items[2].clientId].sort());
    // the op's own endpoint answers the same code and path
    expectRefused(await mobile(h.baseUrl, `/tasks/${id}/note`, { token: t.inspector, device, body: raw(items[1].payload) }), 'text', HOSTILE[0]);
    // outside the payloads the batch itself is checked: a hostile clientId refuses the request
    expectRefused(await mobile(h.baseUrl, '/sync', { token: t.inspector, device, body: raw({ items: [{ ...op('y'), clientId: 'op-\u0007-bad-key' }] }) }), 'items.0.clientId', HOSTILE[3]);
    // and the case keeps moving
    expect((await mobile(h.baseUrl, `/tasks/${id}/accept`, { token: t.inspector, device, body: {} })).body).toMatchObject({ assignment: 'accepted' });
    await nothingHostileStored(id);
  });
});

describe('imports: hostile text in a row is a row-level rejection, never stored', () => {
  const upload = (path: string, body: string, contentType: string) => api(h.baseUrl, `/api/imports/${path}`, { token: t.manager, body, headers: { 'content-type': contentType } });
  const stored = async (accounts: string[]) => (await h.pool.query<{ account_no: string }>('select account_no from customers where account_no = any($1) order by account_no', [accounts])).rows.map((r) => r.account_no);

  test('customers as CSV, NDJSON and a JSON array: clean rows in, each hostile row rejected with its line, field and code', async () => {
    const csv = [
      'account_no,name,address,tariff_category,station_id',
      `${acct(10)},正常客户,"温泉路 10 号\r\n二楼",residential,HB.XN.XA.WQ`,
      `${acct(11)},空字\u0000符,温泉路 11 号,residential,HB.XN.XA.WQ`,
      `${acct(12)},响铃,温泉路\u0007 12 号,residential,HB.XN.XA.WQ`,
    ].join('\r\n');
    const a = await upload('customers', csv, 'text/csv');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ inserted: 1 });
    expect(a.body.rejected).toEqual([
      { line: 4, errors: [{ field: 'name', message: 'contains a NUL character (U+0000)', code: 'text.hostile.nul' }] },
      { line: 5, errors: [{ field: 'address', message: 'contains a control character (U+0007)', code: 'text.hostile.control' }] },
    ]);

    const row = (n: number, name: string) => ({ account_no: acct(n), name, address: `温泉路 ${n} 号`, tariff_category: 'residential', station_id: 'HB.XN.XA.WQ' });
    const ndjson = [row(20, '正常'), row(21, '孤立\ud800代理'), { ...row(22, '键'), ['ex\u001btra']: 1 }].map((r) => JSON.stringify(r)).join('\n');
    const b = await upload('customers', ndjson, 'application/x-ndjson');
    expect(b.body.rejected).toEqual([
      { line: 2, errors: [{ field: 'name', message: 'contains a lone surrogate (U+D800)', code: 'text.hostile.lone-surrogate' }] },
      { line: 3, errors: [{ field: 'ex\\u001btra', message: 'contains a control character (U+001B)', code: 'text.hostile.control' }] },
    ]);
    const c = await upload('customers', raw([row(30, '正常'), row(31, '低位\udc00代理')]), 'application/json');
    expect(c.status).toBe(200);
    expect(c.body.rejected).toEqual([{ line: 2, errors: [{ field: 'name', message: 'contains a lone surrogate (U+DC00)', code: 'text.hostile.lone-surrogate' }] }]);

    expect(await stored([10, 11, 12, 20, 21, 22, 30, 31].map(acct))).toEqual([10, 20, 30].map(acct));
    // the stored reports hold nothing hostile either
    const reports = await h.pool.query('select report from import_batches where id = any($1)', [[a.body.importId, b.body.importId, c.body.importId]]);
    expect(reports.rowCount).toBe(3);
    expect(findHostileText(reports.rows)).toEqual([]);

    const header = await upload('customers', `account_no,na\u0007me,address,tariff_category,station_id\n${acct(40)},x,y,residential,HB.XN.XA.WQ`, 'text/csv');
    expectRefused(header, 'header.na\\u0007me', HOSTILE[3]);
  });

  test('routine work orders: a hostile description opens no case', async () => {
    const csv = [
      'order_no,account_no,anomaly_type,detected_on,description',
      `TX${run}-1,${acct(10)},zero_consumption,2026-04-02,连续三个月零\u0000电量`,
      `TX${run}-2,${acct(20)},zero_consumption,2026-04-02,连续三个月零电量`,
    ].join('\n');
    const r = await upload('routine-work-orders', csv, 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([{ line: 2, errors: [{ field: 'description', message: 'contains a NUL character (U+0000)', code: 'text.hostile.nul' }] }]);
    expect(r.body.opened.map((o: { orderNo: string }) => o.orderNo)).toEqual([`TX${run}-2`]);
    expect(await casesOf(acct(10))).toBe(0);
    expect((await h.pool.query('select order_no from routine_work_orders where order_no like $1', [`TX${run}-%`])).rows.map((x) => x.order_no)).toEqual([`TX${run}-2`]);
  });
});
