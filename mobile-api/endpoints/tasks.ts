import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { RouteDef } from '../../http/route';
import { terminalRoute, DEVICE_TIME_HEADER } from '../terminalRoute';
import { taskCaseInScope } from '../../services/access/caseAccess';
import { myTasks } from '../../services/cases/myTasks';
import { taskDetail, taskNavigation } from '../../services/cases/taskDetail';
import { observedClockSkew, takeTerminalStep } from '../../services/cases/caseSteps';
import { detailLanguage } from '../../http/problem';
import { appendTrack, caseTrackReplay } from '../../services/tracks/caseTracks';
import { upstreamConnector } from '../../services/customers/upstream';
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
  findings: 'Submit the field findings (result, problem type, checklist); the server judges the visit\'s proof of presence (check-ins, GPS track, evidence forensics): a weak verdict or incomplete evidence is refused without a justification (422 case-step:PresenceWeak with the reasons), and with one the case goes to a supervisor\'s review',
  note: 'Add a note to the case',
  rectification: 'Issue the rectification order (the inspector who confirmed the problem, or the station lead)',
  'rectification-report': 'Report the rectification done (the order\'s owner)',
};

export interface TaskRouteDeps {
  pool: pg.Pool;
  temporal: Client;
}

export function taskRoutes(deps: TaskRouteDeps): RouteDef[] {
  const { pool, temporal } = deps;
  const connector = upstreamConnector(pool);
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
        return { status: 200, body: await taskDetail(pool, connector, principal, params.id) };
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
        return { status: 200, body: await taskNavigation(pool, connector, principal, params.id, query.fromLat, query.fromLon) };
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
        handler: async ({ req, principal, params, body }) => ({ status: 200, body: await takeTerminalStep({ pool, temporal }, principal, params.id, action, body as Record<string, unknown>, detailLanguage(req), observedClockSkew(req.header(DEVICE_TIME_HEADER)), req.header('idempotency-key')) }),
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
        await taskCaseInScope(pool, params.id, principal);
        return { status: 200, body: await caseTrackReplay(pool, params.id, query.toleranceM) };
      },
    }),
  ];
}
