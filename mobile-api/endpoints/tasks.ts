import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { RouteDef } from '../../http/route';
import { Problem } from '../../http/problem';
import { distanceMeters } from '../../domain/geo';
import type { Principal } from '../../domain/roles';
import { caseHistory, myTasks } from '../../db/mobileTasks';
import { appendTrackPoints, caseTracks } from '../../db/mobileTrack';
import { caseEvidenceUploads } from '../../db/mobileEvidence';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { addMonths } from '../../domain/billingMonths';
import { terminalRoute } from '../terminalRoute';
import { caseOr404, runStep } from '../steps';
import { bearingDeg, geoUri, simplifyTrack, trackLengthM } from '../../services/tracks/trackGeometry';
import { TaskDetail } from '../../domain/terminalTaskSchemas';
import {
  CaseIdParams, CheckInResult, Navigation, NavigationQuery, Paging, STEP_ACTIONS, TaskPage, TaskState, TrackAppendResult, TrackBatch, TrackReplay,
  TrackReplayQuery, stepInput, type StepAction,
} from '../../domain/terminalSchemas';

const FIELD_ROLES = ['inspector', 'station_lead', 'supervisor'] as const;
const TRACK_VIEW_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

const STEP_SUMMARIES: Record<StepAction, string> = {
  accept: 'Accept the assignment (the case workflow\'s accept Update)',
  decline: 'Decline the assignment with a reason; the case is offered to the next inspector',
  'check-in': 'Check in on site with a GPS fix; the server computes the distance to the customer and whether it lies inside the geofence',
  findings: 'Submit the field findings (result, problem type, checklist); refused with the reason when evidence is incomplete and no justification is given',
  note: 'Add a note to the case',
  rectification: 'Issue the rectification order (the inspector who confirmed the problem, or the station lead)',
  'rectification-report': 'Report the rectification done (the order\'s owner)',
};

export interface TaskRouteDeps {
  pool: pg.Pool;
  temporal: Client;
}

/** Replay of a case visit's tracks, simplified for drawing (also usable by a back-office route). */
export async function caseTrackReplay(pool: pg.Pool, caseId: string, toleranceM: number): Promise<z.infer<typeof TrackReplay>> {
  const tracks = await caseTracks(pool, caseId);
  return {
    caseId,
    toleranceM,
    tracks: tracks.map((t) => {
      const simplified = simplifyTrack(t.points, toleranceM);
      return {
        deviceId: t.deviceId,
        username: t.username,
        startedAt: t.points[0].at,
        endedAt: t.points[t.points.length - 1].at,
        pointCount: t.points.length,
        simplifiedCount: simplified.length,
        lengthM: Math.round(trackLengthM(t.points)),
        points: simplified.map((p) => ({ lat: p.lat, lon: p.lon, at: p.at })),
      };
    }),
  };
}

/** Appends a batch of fixes; when it names a case, the caller must hold the case's field step. */
export async function appendTrack(pool: pg.Pool, principal: Principal, deviceId: string, batch: z.infer<typeof TrackBatch>) {
  if (batch.caseId) {
    const c = await caseOr404(pool, batch.caseId, principal);
    if (c.assignee !== principal.username) throw new Problem(403, 'Not your visit', `Case ${c.caseNo} is assigned to ${c.assignee ?? 'nobody yet'}, not ${principal.username}; its track is recorded by the assigned inspector.`);
  }
  const stored = await appendTrackPoints(pool, deviceId, principal.username, batch.caseId ?? null, batch.points);
  return { received: batch.points.length, stored, duplicates: batch.points.length - stored };
}

export function taskRoutes(deps: TaskRouteDeps): RouteDef[] {
  const { pool, temporal } = deps;
  const connector = createBuiltinConnector(pool);
  return [
    terminalRoute(deps, {
      method: 'get',
      path: '/tasks',
      summary: 'My tasks (我的任务): cases needing the caller\'s action, by deadline, with customer summary, stage and escalation tier',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'self' },
      query: Paging,
      response: { status: 200, schema: TaskPage, description: 'One page of tasks' },
      async handler({ principal, query }) {
        const { items, total } = await myTasks(pool, principal, query.pageSize, (query.page - 1) * query.pageSize);
        return { status: 200, body: { items, page: query.page, pageSize: query.pageSize, total } };
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/tasks/:id',
      summary: 'Task detail: the case, customer 360 summary, location, check items, check-ins, evidence and history',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'org' },
      params: CaseIdParams,
      response: { status: 200, schema: TaskDetail, description: 'The task' },
      async handler({ principal, params }) {
        const c = await caseOr404(pool, params.id, principal, true);
        const s = c.snapshot;
        const latest = await connector.latestBillingMonth();
        const [customer, history, evidence, bills, arrears, payments] = await Promise.all([
          connector.customer(c.customerAccountNo),
          caseHistory(pool, c.id),
          caseEvidenceUploads(pool, c.id),
          latest ? connector.monthlyConsumption(c.customerAccountNo, addMonths(latest, -11), latest) : Promise.resolve([]),
          connector.arrears(c.customerAccountNo),
          connector.payments(c.customerAccountNo, 1),
        ]);
        const kwh = bills.map((b) => b.kwh);
        return {
          status: 200,
          body: {
            caseId: c.id, caseNo: c.caseNo, stage: c.stage, priority: c.priority, origin: c.origin, note: c.note,
            assignee: c.assignee, assignment: s.assignment ?? null, pendingActor: s.pendingActor ?? null,
            deadlineAt: c.deadlineAt, escalationTier: c.escalationTier, createdAt: c.createdAt, updatedAt: c.updatedAt,
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
            checkItems: s.judgement?.checkItems ?? [],
            checkIns: s.checkIns ?? [],
            evidence: evidence.map((e) => ({ evidenceId: e.id, kind: e.kind, sizeBytes: e.sizeBytes, capturedAt: e.capturedAt, by: e.username, status: e.status })),
            findings: s.findings ?? null,
            rectification: s.rectification ?? null,
            history,
          },
        };
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/tasks/:id/navigation',
      summary: 'Navigation: the customer\'s location and a geo: URI for the phone\'s map app; with fromLat/fromLon also distance and bearing',
      policy: { roles: FIELD_ROLES, scope: 'org' },
      params: CaseIdParams,
      query: NavigationQuery,
      response: { status: 200, schema: Navigation, description: 'Where to go' },
      async handler({ principal, params, query }) {
        const c = await caseOr404(pool, params.id, principal);
        const cu = await connector.customer(c.customerAccountNo);
        if (!cu) throw new Problem(404, 'Not found', `Customer ${c.customerAccountNo} is not in the archive.`);
        const at = cu.lat !== null && cu.lon !== null ? { lat: cu.lat, lon: cu.lon } : null;
        const from = at && query.fromLat !== undefined && query.fromLon !== undefined ? { lat: query.fromLat, lon: query.fromLon } : null;
        return {
          status: 200,
          body: {
            caseId: c.id,
            customer: { accountNo: cu.accountNo, name: cu.name, address: cu.address },
            lat: cu.lat,
            lon: cu.lon,
            geoUri: at ? geoUri(at.lat, at.lon, cu.name) : null,
            from: from && at ? { ...from, distanceM: Math.round(distanceMeters(from, at)), bearingDeg: Math.round(bearingDeg(from, at)) } : null,
          },
        };
      },
    }),
    ...STEP_ACTIONS.map((action) =>
      terminalRoute(deps, {
        method: 'post',
        path: `/tasks/:id/${action}`,
        summary: STEP_SUMMARIES[action],
        policy: { roles: action === 'rectification-report' ? ['station_lead', 'supervisor'] : action === 'note' || action === 'rectification' ? FIELD_ROLES : ['inspector'], scope: 'org' },
        params: CaseIdParams,
        body: stepInput(action),
        response: action === 'check-in'
          ? { status: 200, schema: CheckInResult, description: 'The recorded check-in with distance and geofence result' }
          : { status: 200, schema: TaskState, description: 'The case after the step' },
        handler: ({ principal, params, body }) => runStep({ pool, temporal }, principal, params.id, action, body as Record<string, unknown>),
      })),
    terminalRoute(deps, {
      method: 'post',
      path: '/track',
      summary: 'GPS track: a batch of fixes (optionally for a case visit); points already stored (same device and fix time) are ignored',
      policy: { roles: FIELD_ROLES, scope: 'self' },
      body: TrackBatch,
      response: { status: 200, schema: TrackAppendResult, description: 'How many points were new' },
      async handler({ principal, body, deviceId }) {
        return { status: 200, body: await appendTrack(pool, principal, deviceId!, body) };
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/tasks/:id/track',
      summary: 'Replay of the case visit\'s GPS track, one per device, simplified for drawing (Douglas–Peucker, toleranceM)',
      policy: { roles: TRACK_VIEW_ROLES, scope: 'org' },
      params: CaseIdParams,
      query: TrackReplayQuery,
      response: { status: 200, schema: TrackReplay, description: 'The simplified tracks' },
      async handler({ principal, params, query }) {
        await caseOr404(pool, params.id, principal);
        return { status: 200, body: await caseTrackReplay(pool, params.id, query.toleranceM) };
      },
    }),
  ];
}
