import { TerminalClient, ensureBoundDevice } from '../../scripts/terminal/client';
import { playVisit, type VisitOutcome } from '../../scripts/terminal/visit';
import { api } from './harness';
import { tokenFor, tokenForPath } from './keycloak';
import { newDeviceId, waitFor } from './mobile';

// A case driven through a real API (in-process harness or the running stack) the way people drive it: opened by the
// supervisor, visited by the demo inspector's terminal (GPS track, check-in, photos by presigned PUT + confirm,
// confirmed findings), then a rectification order with back-billing and penalty, reported done by the station lead.

export interface DrivenCase extends VisitOutcome {
  id: string;
}

async function step(base: string, token: string, caseId: string, action: string, body: object) {
  const r = await api(base, `/api/cases/${caseId}/actions/${action}`, { token, body });
  if (r.status !== 200) throw new Error(`${action} on ${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Opens a case for `accountNo` (a customer of 温泉供电所, where the demo inspector and lead work) and drives it to
 * `until`: 'rectification' (field visit done, confirmed wrong tariff) or 'verification' (order issued and reported).
 */
export async function driveCase(base: string, accountNo: string, until: 'rectification' | 'verification', note = 'driven by a test', o: { offerWithinMs?: number } = {}): Promise<DrivenCase> {
  const [supervisor, inspector, lead, admin] = await Promise.all([tokenFor('supervisor'), tokenFor('inspector'), tokenFor('lead'), tokenFor('admin')]);
  const created = await api(base, '/api/cases', { token: supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: accountNo, origin: 'special', note } });
  if (created.status !== 201) throw new Error(`open case: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  // the stage is set before its inspector is picked: wait for the offer
  const live = await waitFor('field evidence offer', async () => {
    const r = await api(base, `/api/cases/${id}/live`, { token: supervisor });
    return r.body?.stage === 'field_evidence' && r.body.assignee !== null ? r.body : null;
  }, o.offerWithinMs);
  if (live.assignee !== 'inspector') await step(base, supervisor, id, 'assign', { inspector: 'inspector' });

  const deviceId = newDeviceId('e2e');
  await ensureBoundDevice(new TerminalClient(base, admin, null), deviceId, 'inspector', 'test terminal');
  const visit = await playVisit(new TerminalClient(base, await tokenForPath(inspector, '/mobile/v1'), deviceId), id, { result: 'confirmed', problemType: 'wrong_tariff', startDistanceM: 400 });
  if (until === 'rectification') return { id, ...visit };

  const today = new Date().toISOString().slice(0, 10);
  await step(base, lead, id, 'rectification', {
    actions: [
      { kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: today },
      { kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh: 3000, appliedPriceYuanPerKwh: 0.5583, correctPriceYuanPerKwh: 0.8083, detectedOn: today } },
    ],
  });
  // (0.8083 − 0.5583) × 3000 kWh × 3 months = 2250 back-billing + 2 × 2250 penalty: the order computes 6750
  const reported = await step(base, lead, id, 'rectification-report', { summary: '已改类并追补电费、收取违约使用电费', tariffChangedOn: today, collectedYuan: 6750, receiptNo: 'E2E-0001' });
  if (reported.stage !== 'verification') throw new Error(`case ${id} is at ${reported.stage} after the report, not verification`);
  return { id, ...visit, stage: 'verification' };
}
