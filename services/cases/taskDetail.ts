import type pg from 'pg';
import { distanceMeters } from '../../domain/geo';
import type { Principal } from '../../domain/roles';
import { addMonths } from '../../domain/billingMonths';
import { caseHistory } from '../../db/mobileTasks';
import { caseEvidenceUploads } from '../../db/mobileEvidence';
import type { UpstreamConnector } from '../../domain/customerData';
import { codedProblem } from '../../http/problem';
import { taskCaseInScope } from '../access/caseAccess';
import { bearingDeg, geoUri } from '../tracks/trackGeometry';
import { casePolicyInForce, casePolicyOfVersion } from './casePolicyInForce';
import { daysLeft } from './myTasks';
import { calendarInForce } from '../calendar/workCalendar';

// What a terminal shows of one task: the case, a customer 360 summary, where to go, what to check, what was done.

/** Task detail of a case in the caller's scope. */
export async function taskDetail(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, caseId: string) {
  const c = await taskCaseInScope(pool, caseId, principal, true);
  const s = c.snapshot;
  const latest = await connector.latestBillingMonth();
  const now = Date.now();
  const [customer, history, evidence, bills, arrears, payments, policy, calendar] = await Promise.all([
    connector.customer(c.customerAccountNo),
    caseHistory(pool, c.id),
    caseEvidenceUploads(pool, c.id),
    latest ? connector.monthlyConsumption(c.customerAccountNo, addMonths(latest, -11), latest) : Promise.resolve([]),
    connector.arrears(c.customerAccountNo),
    connector.payments(c.customerAccountNo, 1),
    casePolicyInForce(pool, now),
    calendarInForce(pool, now),
  ]);
  // the case's own policy decides its evidence rule (a case keeps the policy it started with)
  const own = (s.policyVersion && (await casePolicyOfVersion(pool, s.policyVersion))) || policy;
  const kwh = bills.map((b) => b.kwh);
  return {
    caseId: c.id, caseNo: c.caseNo, stage: c.stage, priority: c.priority, origin: c.origin, note: c.note,
    assignee: c.assignee, assignment: s.assignment ?? null, pendingActor: s.pendingActor ?? null,
    deadlineAt: c.deadlineAt, workingDaysLeft: daysLeft(c.deadlineAt, now, calendar), escalationTier: c.escalationTier, createdAt: c.createdAt, updatedAt: c.updatedAt,
    customer: customer && {
      ...customer,
      summary: {
        months: bills.length,
        lastMonth: bills.at(-1) ?? null,
        avgMonthlyKwh: kwh.length ? Math.round((kwh.reduce((a, b) => a + b, 0) / kwh.length) * 100) / 100 : null,
        maxMonthlyKwh: kwh.length ? Math.max(...kwh) : null,
        arrearsYuan: Math.round(arrears.reduce((a, x) => a + x.amountDueYuan - x.amountPaidYuan, 0) * 100) / 100,
        lastPayment: payments[0] ?? null,
      },
    },
    location: customer && customer.lat !== null && customer.lon !== null ? { lat: customer.lat, lon: customer.lon, geoUri: geoUri(customer.lat, customer.lon, customer.name) } : null,
    judgement: s.judgement ? { score: s.judgement.score, priority: s.judgement.priority, reasons: s.judgement.reasons, ruleSetVersion: s.judgement.ruleSetVersion } : null,
    // 四必查 as the case was judged (configuration changed since does not change a judged case's list)
    checkItems: s.judgement?.checkItems ?? [],
    suspectedProblemTypes: s.judgement?.problemTypes ?? [],
    evidencePolicy: { minVerifiedPhotos: own.evidence.minVerifiedPhotos, geofenceRadiusM: own.evidence.geofenceRadiusM },
    checkIns: s.checkIns ?? [],
    evidence: evidence.map((e) => ({ evidenceId: e.id, kind: e.kind, sizeBytes: e.sizeBytes, capturedAt: e.capturedAt, by: e.username, status: e.status })),
    findings: s.findings ?? null,
    rectification: s.rectification ?? null,
    history,
  };
}

/** Where to go for a case in the caller's scope; with a starting point also the distance and bearing. */
export async function taskNavigation(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, caseId: string, fromLat?: number, fromLon?: number) {
  const c = await taskCaseInScope(pool, caseId, principal);
  const cu = await connector.customer(c.customerAccountNo);
  if (!cu) throw codedProblem(404, 'Not found', 'customer.not-in-archive', { accountNo: c.customerAccountNo }, 'zh-CN');
  const at = cu.lat !== null && cu.lon !== null ? { lat: cu.lat, lon: cu.lon } : null;
  const from = at && fromLat !== undefined && fromLon !== undefined ? { lat: fromLat, lon: fromLon } : null;
  return {
    caseId: c.id,
    customer: { accountNo: cu.accountNo, name: cu.name, address: cu.address },
    lat: cu.lat,
    lon: cu.lon,
    geoUri: at ? geoUri(at.lat, at.lon, cu.name) : null,
    from: from && at ? { ...from, distanceM: Math.round(distanceMeters(from, at)), bearingDeg: Math.round(bearingDeg(from, at)) } : null,
  };
}
