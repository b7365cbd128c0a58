import { getStateQuery } from '../../domain/inspectionCaseContract';
import { listCaseEvents } from '../../db/caseLog';
import { takeTerminalStep } from '../../services/cases/caseSteps';
import type { Principal } from '../../domain/roles';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// A terminal step whose answer never came (a 503 while Postgres or Temporal restarted) releases its Idempotency-Key,
// so the terminal's retry runs the step again. The step's Update id comes from the key: Temporal applies it once.
// `npm run chaos` found one check-in recorded twice before this.
let h: Harness;
let tokens: Record<'supervisor' | 'inspector', string>;

beforeAll(async () => {
  h = await startHarness();
  const [supervisor, inspector] = await Promise.all([tokenFor('supervisor'), tokenFor('inspector')]);
  tokens = { supervisor, inspector };
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

test('a terminal step retried under the same Idempotency-Key is applied once; another key takes it again', async () => {
  const created = await api(h.baseUrl, '/api/cases', { token: tokens.supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000008', origin: 'routine', note: 'update id test' } });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const handle = h.client.workflow.getHandle(created.body.workflowId);
  try {
    for (let i = 0; (await handle.query(getStateQuery)).stage !== 'field_evidence'; i++) {
      if (i > 300) throw new Error('the case never reached field evidence');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await api(h.baseUrl, `/api/cases/${id}/actions/accept`, { token: tokens.inspector, body: {} })).status).toBe(200);
    // the demo inspector as the terminal route would pass them on (the service re-checks the case's scope)
    const inspector: Principal = { sub: 'inspector', username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-terminal' };
    const deps = { pool: h.pool, temporal: h.client };
    const body = { lat: 29.86, lon: 114.33, accuracyM: 6, deviceTime: new Date().toISOString() };
    const checkIns = async () => (await listCaseEvents(h.pool, id)).filter((e) => e.type === 'checked_in').length;

    const first = await takeTerminalStep(deps, inspector, id, 'check-in', body, 'zh-CN', null, 'retry-key-0001');
    const retried = await takeTerminalStep(deps, inspector, id, 'check-in', body, 'zh-CN', null, 'retry-key-0001');
    expect(retried).toEqual(first);
    expect(await checkIns()).toBe(1);

    // the control: a new request (another key) is a second check-in, so the count above could have been 2
    await takeTerminalStep(deps, inspector, id, 'check-in', body, 'zh-CN', null, 'retry-key-0002');
    expect(await checkIns()).toBe(2);
  } finally {
    await handle.terminate('test over').catch(() => undefined);
  }
});
