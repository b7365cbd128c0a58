import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, GetListResult } from 'ra-core';
import type { HttpClient } from './httpClient';
import type { DashboardQuery, DashboardStats } from '../dashboard/dashboardContract';
import type { CaseTrackReplay, StoredEvidence } from '../resources/cases/show/evidenceContract';
import type {
  CaseActionName,
  CaseEvent,
  InboxNotification,
  InspectionCaseState,
} from './caseContract';

/** Same-origin API; lists are answered with a JSON array + `Content-Range: cases 0-24/123`. */
export const API_URL = '/api';

/**
 * simple-rest plus the case endpoints that are not CRUD. Errors come out of the httpClient as
 * HttpError whose message is the problem's `detail` — for a refused step, the workflow
 * validator's own reason, to be shown to the user as is.
 */
export interface JichaDataProvider extends DataProvider {
  /** GET /api/cases/:id/live — the workflow's live state (Temporal Query). */
  getLive(caseId: string): Promise<InspectionCaseState>;
  /** GET /api/cases/:id/events — the case log, in seq order. */
  getEvents(caseId: string): Promise<CaseEvent[]>;
  /** POST /api/cases/:id/actions/:action — a step as a workflow Update; answers the new live state. */
  caseAction(caseId: string, action: CaseActionName, body: object): Promise<InspectionCaseState>;
  /** GET /api/notifications — the caller's inbox, newest first. */
  getNotifications(): Promise<InboxNotification[]>;
  /** GET /api/dashboard/stats — the pilot's figures for a period and a unit. */
  getDashboardStats(query: DashboardQuery): Promise<DashboardStats>;
  /** GET /api/cases/:id/evidence — evidence with presigned GET URLs (valid 5 minutes). */
  getCaseEvidence(caseId: string): Promise<StoredEvidence[]>;
  /** GET /api/cases/:id/track — the visit's GPS tracks for replay. */
  getCaseTrack(caseId: string): Promise<CaseTrackReplay>;
}

const casePath = (caseId: string) => `${API_URL}/cases/${encodeURIComponent(caseId)}`;

/** GET /api/escalations takes only `tier` (1–3, one or several) and `open` (boolean) as filter. */
export function escalationFilter(filter: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const tiers = [filter?.tier].flat().map(Number).filter((t) => Number.isInteger(t) && t >= 1 && t <= 3);
  if (tiers.length === 1) out.tier = tiers[0];
  else if (tiers.length > 1) out.tier = tiers;
  if (typeof filter?.open === 'boolean') out.open = filter.open;
  else if (filter?.open === 'true' || filter?.open === 'false') out.open = filter.open === 'true';
  return out;
}

/** Total from `Content-Range: escalations 0-24/123`; the row count when the header is absent. */
function totalFrom(headers: Headers, rows: number): number {
  const total = Number(headers.get('Content-Range')?.split('/').pop());
  return Number.isFinite(total) ? total : rows;
}

export function createDataProvider(httpClient: HttpClient): JichaDataProvider {
  const base = simpleRestProvider(API_URL, httpClient);

  // The escalation board's endpoint sorts by itself (tier, then age) and refuses a `sort` param.
  async function getEscalations(params: GetListParams): Promise<GetListResult> {
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 100 };
    const range = [(page - 1) * perPage, page * perPage - 1];
    const query = new URLSearchParams({
      range: JSON.stringify(range),
      filter: JSON.stringify(escalationFilter(params.filter)),
    });
    const { json, headers } = await httpClient(`${API_URL}/escalations?${query}`, {
      headers: new Headers({ Range: `escalations=${range[0]}-${range[1]}` }),
    });
    const data = Array.isArray(json) ? json : [];
    return { data, total: totalFrom(headers, data.length) };
  }

  return {
    ...base,
    getList: (resource, params) =>
      resource === 'escalations' ? getEscalations(params) : base.getList(resource, params),
    async getLive(caseId) {
      const { json } = await httpClient(`${casePath(caseId)}/live`);
      return json as InspectionCaseState;
    },
    async getEvents(caseId) {
      const { json } = await httpClient(`${casePath(caseId)}/events`);
      return Array.isArray(json) ? (json as CaseEvent[]) : [];
    },
    async caseAction(caseId, action, body) {
      const { json } = await httpClient(
        `${casePath(caseId)}/actions/${encodeURIComponent(action)}`,
        {
          method: 'POST',
          body: JSON.stringify(body),
          headers: new Headers({ 'Content-Type': 'application/json' }),
        },
      );
      return json as InspectionCaseState;
    },
    async getNotifications() {
      const { json } = await httpClient(`${API_URL}/notifications`);
      return Array.isArray(json) ? (json as InboxNotification[]) : [];
    },
    async getDashboardStats(query) {
      const params = new URLSearchParams();
      for (const key of ['from', 'to', 'unit'] as const) if (query[key]) params.set(key, query[key]!);
      const qs = params.toString();
      const { json } = await httpClient(`${API_URL}/dashboard/stats${qs ? `?${qs}` : ''}`);
      return json as DashboardStats;
    },
    async getCaseEvidence(caseId) {
      const { json } = await httpClient(`${casePath(caseId)}/evidence`);
      return Array.isArray(json) ? (json as StoredEvidence[]) : [];
    },
    async getCaseTrack(caseId) {
      const { json } = await httpClient(`${casePath(caseId)}/track`);
      return json as CaseTrackReplay;
    },
  };
}
