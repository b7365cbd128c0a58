import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, GetListResult } from 'ra-core';
import type { HttpClient } from './httpClient';
import type { DashboardQuery, DashboardStats } from '../dashboard/dashboardContract';
import type { CaseTrackReplay, StoredEvidence } from '../resources/cases/show/evidenceContract';
import type { UploadProgress, XhrOptions } from './xhrFetchJson';
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
  /** Any other JSON call under /api (path starts with '/'): the custom reads and actions of the back-office pages. */
  request<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<{ json: T; total: number | null }>;
  /** POST a file body under /api, reporting upload progress (XMLHttpRequest when the app passes an upload client). */
  upload<T = unknown>(path: string, file: Blob, contentType: string, onProgress?: (p: UploadProgress) => void): Promise<T>;
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

/** List endpoints that take react-admin's range (and filter) but no sort: they have one fixed order. */
const UNSORTED_LISTS: Readonly<Record<string, { filter: boolean }>> = {
  campaigns: { filter: true },
  imports: { filter: false },
};

/**
 * @param uploadClient the httpClient over XMLHttpRequest (xhrFetchJson), for uploads with progress; without it
 * uploads go through `httpClient` and report no progress.
 */
export function createDataProvider(httpClient: HttpClient, uploadClient: HttpClient = httpClient): JichaDataProvider {
  const base = simpleRestProvider(API_URL, httpClient);

  async function getUnsortedList(resource: string, params: GetListParams, opts: { filter: boolean }): Promise<GetListResult> {
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
    const range = [(page - 1) * perPage, page * perPage - 1];
    const query = new URLSearchParams({ range: JSON.stringify(range) });
    if (opts.filter && params.filter && Object.keys(params.filter).length) query.set('filter', JSON.stringify(params.filter));
    const { json, headers } = await httpClient(`${API_URL}/${resource}?${query}`, {
      headers: new Headers({ Range: `${resource}=${range[0]}-${range[1]}` }),
      signal: params.signal,
    });
    const data = Array.isArray(json) ? json : [];
    return { data, total: totalFrom(headers, data.length) };
  }

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
      resource === 'escalations'
        ? getEscalations(params)
        : Object.hasOwn(UNSORTED_LISTS, resource)
          ? getUnsortedList(resource, params, UNSORTED_LISTS[resource]!)
          : base.getList(resource, params),
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
    async request<T>(path: string, init: { method?: string; body?: unknown } = {}) {
      const { json, headers } = await httpClient(`${API_URL}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        ...(init.body === undefined
          ? {}
          : { body: JSON.stringify(init.body), headers: new Headers({ 'Content-Type': 'application/json' }) }),
      });
      const range = headers.get('Content-Range');
      return { json: json as T, total: range ? totalFrom(headers, 0) : null };
    },
    async upload<T>(path: string, file: Blob, contentType: string, onProgress?: (p: UploadProgress) => void) {
      const options: XhrOptions = {
        method: 'POST',
        body: file,
        headers: new Headers({ 'Content-Type': contentType }),
        onUploadProgress: onProgress,
      };
      const { json } = await uploadClient(`${API_URL}${path}`, options);
      return json as T;
    },
  };
}
