import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, GetListResult } from 'ra-core';
import type { HttpClient } from './httpClient';
import { contentRangeTotal, ok, type ApiBody, type ApiClient, type ApiPath, type ApiPathParams, type ApiQuery, type ApiResponse, type paths } from './api';
import { xhrFetch, type UploadProgress } from './xhrFetch';
import type { CalendarDay, CalendarYear, CalendarYears, PublishedCalendarYear } from '../resources/calendar/calendarModel';

/** Same-origin API; lists are answered with a JSON array + `Content-Range: cases 0-24/123`. */
export const API_URL = '/api';

/** The path of one case step: POST /api/cases/{id}/actions/<step>, one operation per step in the document. */
type CaseStepPath = Extract<ApiPath, `/api/cases/{id}/actions/${string}`>;
/** The steps of a case (assign, accept, decline, check-in, findings, …), read from the document's step paths. */
export type CaseAction = CaseStepPath extends `/api/cases/{id}/actions/${infer A}` ? A : never;
/** The request body of one step. */
export type CaseActionBody<A extends CaseAction> = ApiBody<`/api/cases/{id}/actions/${A}`>;
/** The answer of one step: the case's new live state (check-in: the recorded check-in). */
export type CaseActionAnswer<A extends CaseAction> = ApiResponse<`/api/cases/{id}/actions/${A}`, 'post'>;

/** What POST /api/imports/:kind and /api/imports/routine-work-orders take as their path. */
export type ImportKind = ApiPathParams<'/api/imports/{kind}', 'post'>['kind'] | 'routine-work-orders' | 'legacy-cases';
export type ImportReport = ApiResponse<'/api/imports/{kind}', 'post'> | ApiResponse<'/api/imports/routine-work-orders', 'post'> | ApiResponse<'/api/imports/legacy-cases', 'post'>;
type ImportBodies =
  | NonNullable<paths['/api/imports/{kind}']['post']['requestBody']>['content']
  | NonNullable<paths['/api/imports/routine-work-orders']['post']['requestBody']>['content'];
/** The media types the import routes take a file as (text/csv, application/x-ndjson, application/json). */
export type ImportMediaType = keyof ImportBodies;

/**
 * simple-rest for the CRUD resources, plus the calls that are not CRUD, all through the client generated from the
 * API's OpenAPI document (data/api.ts). Errors are HttpError whose message is the problem's `detail` — for a refused
 * step, the workflow validator's own reason, to be shown to the user as is.
 */
export interface JichaDataProvider extends DataProvider {
  /** GET /api/cases/:id/live — the workflow's live state (Temporal Query). */
  getLive(caseId: string): Promise<ApiResponse<'/api/cases/{id}/live'>>;
  /** GET /api/cases/:id/events — the case log, in seq order. */
  getEvents(caseId: string): Promise<ApiResponse<'/api/cases/{id}/events'>>;
  /**
   * POST /api/cases/:id/actions/<action> — a step as a workflow Update, with that step's body; answers the new live
   * state (check-in: the recorded check-in).
   */
  caseAction<A extends CaseAction>(caseId: string, action: A, body: CaseActionBody<A>): Promise<CaseActionAnswer<A>>;
  /** GET /api/notifications — the caller's inbox, newest first. */
  getNotifications(): Promise<ApiResponse<'/api/notifications'>>;
  /** GET /api/dashboard/stats — the pilot's figures for a period and a unit. */
  getDashboardStats(query: ApiQuery<'/api/dashboard/stats'>): Promise<ApiResponse<'/api/dashboard/stats'>>;
  /** GET /api/cases/:id/evidence — evidence with presigned GET URLs (valid 5 minutes). */
  getCaseEvidence(caseId: string): Promise<ApiResponse<'/api/cases/{id}/evidence'>>;
  /** GET /api/cases/:id/track — the visit's GPS tracks for replay. */
  getCaseTrack(caseId: string): Promise<ApiResponse<'/api/cases/{id}/track'>>;
  /**
   * Any other operation of the API, typed from its document (openapi-fetch's `request`): the custom reads and actions
   * of the back-office pages, e.g. `ok(await dataProvider.callApi('get', '/api/imports/{id}', { params: { path: { id } } }))`.
   * A refusal rejects with HttpError.
   */
  callApi: ApiClient['request'];
  /** POST a file to /api/imports/:kind, reporting upload progress (XMLHttpRequest). */
  upload(kind: ImportKind, file: Blob, contentType: ImportMediaType, onProgress?: (p: UploadProgress) => void): Promise<ImportReport>;
  /** GET /api/calendar/years — the published years, newest first, and how far they cover. */
  getCalendarYears(): Promise<CalendarYears>;
  /** GET /api/calendar/years/:year — one year's holidays and make-up working days (404 calendar.year-unknown). */
  getCalendarYear(year: number): Promise<CalendarYear>;
  /** PUT /api/calendar/years/:year — publishes (or replaces) a year; answers how many open cases were recomputed. */
  putCalendarYear(year: number, days: CalendarDay[]): Promise<PublishedCalendarYear>;
  /** GET /api/tariffs — the catalogue's categories with the price in force on a day (YYYY-MM-DD, China calendar). */
  getTariffs(query: ApiQuery<'/api/tariffs'>): Promise<ApiResponse<'/api/tariffs'>>;
  /** POST /api/tariffs/prices — a dated price version (409 tariff.price-exists, 422 tariff.unknown-category). */
  addTariffPrice(body: ApiBody<'/api/tariffs/prices'>): Promise<ApiResponse<'/api/tariffs/prices', 'post'>>;
  /** GET /api/must-check-items — the configured 四必查 items, one entry per configured problem type. */
  getMustCheckItems(): Promise<ApiResponse<'/api/must-check-items'>>;
  /** PUT /api/must-check-items/:problemType — replaces one problem type's items (422 with errors on `items.<i>.<field>`). */
  putMustCheckItems(
    problemType: ApiPathParams<'/api/must-check-items/{problemType}', 'put'>['problemType'],
    items: ApiBody<'/api/must-check-items/{problemType}', 'put'>['items'],
  ): Promise<ApiResponse<'/api/must-check-items/{problemType}', 'put'>>;
}

/** GET /api/escalations takes only `tier` (1–3, one or several) and `open` (boolean) as filter. */
export function escalationFilter(filter: Record<string, unknown> | undefined): NonNullable<ApiQuery<'/api/escalations'>['filter']> {
  const out: NonNullable<ApiQuery<'/api/escalations'>['filter']> = {};
  const tiers = [filter?.tier].flat().map(Number).filter((t) => Number.isInteger(t) && t >= 1 && t <= 3);
  if (tiers.length === 1) out.tier = tiers[0];
  else if (tiers.length > 1) out.tier = tiers;
  if (typeof filter?.open === 'boolean') out.open = filter.open;
  else if (filter?.open === 'true' || filter?.open === 'false') out.open = filter.open === 'true';
  return out;
}

/** react-admin's page as the API's `range` (first and last index) and the matching `Range` header. */
function pageRange(resource: string, params: GetListParams, perPageDefault: number): { range: [number, number]; headers: { Range: string } } {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: perPageDefault };
  const range: [number, number] = [(page - 1) * perPage, page * perPage - 1];
  return { range, headers: { Range: `${resource}=${range[0]}-${range[1]}` } };
}

const rows = (data: unknown): GetListResult['data'] => (Array.isArray(data) ? data : []);

/**
 * @param httpClient the transport of simple-rest's CRUD calls (fetchJson with the token, httpClient.ts)
 * @param api the generated client (createAdminApi) for everything else
 */
export function createDataProvider(httpClient: HttpClient, api: ApiClient): JichaDataProvider {
  const base = simpleRestProvider(API_URL, httpClient);
  const caseId = (id: string) => ({ params: { path: { id } } });

  /** List endpoints that take react-admin's range (and filter) but no sort: they have one fixed order. */
  const unsortedLists: Readonly<Record<string, (params: GetListParams) => Promise<{ data?: unknown; response: Response }>>> = {
    campaigns: (params) => {
      const { range, headers } = pageRange('campaigns', params, 25);
      const filter = params.filter && Object.keys(params.filter).length ? params.filter : undefined;
      return api.GET('/api/campaigns', { params: { query: { range, filter } }, headers, signal: params.signal });
    },
    imports: (params) => {
      const { range, headers } = pageRange('imports', params, 25);
      return api.GET('/api/imports', { params: { query: { range } }, headers, signal: params.signal });
    },
    // The escalation board's endpoint sorts by itself (tier, then age) and refuses a `sort` param.
    escalations: (params) => {
      const { range, headers } = pageRange('escalations', params, 100);
      return api.GET('/api/escalations', { params: { query: { range, filter: escalationFilter(params.filter) } }, headers, signal: params.signal });
    },
  };

  /** One typed call per step operation (each its own path, body and answer); a step the document adds fails here. */
  const steps: { [A in CaseAction]: (id: string, body: CaseActionBody<A>) => Promise<CaseActionAnswer<A>> } = {
    assign: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/assign', { ...caseId(id), body })),
    accept: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/accept', { ...caseId(id), body })),
    decline: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/decline', { ...caseId(id), body })),
    'check-in': async (id, body) => ok(await api.POST('/api/cases/{id}/actions/check-in', { ...caseId(id), body })),
    findings: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/findings', { ...caseId(id), body })),
    rectification: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/rectification', { ...caseId(id), body })),
    'rectification-report': async (id, body) => ok(await api.POST('/api/cases/{id}/actions/rectification-report', { ...caseId(id), body })),
    verify: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/verify', { ...caseId(id), body })),
    dismiss: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/dismiss', { ...caseId(id), body })),
    cancel: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/cancel', { ...caseId(id), body })),
    reassign: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/reassign', { ...caseId(id), body })),
    note: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/note', { ...caseId(id), body })),
    review: async (id, body) => ok(await api.POST('/api/cases/{id}/actions/review', { ...caseId(id), body })),
  };

  /** The case list through simple-rest, with `meta.totalCapped` from X-Total-Capped (the total is the cap: "10000+"). */
  async function casesList(params: GetListParams): Promise<GetListResult> {
    let totalCapped = false;
    const seeing: HttpClient = async (url, options) => {
      const answer = await httpClient(url, options);
      totalCapped = answer.headers.get('X-Total-Capped') === 'true';
      return answer;
    };
    const result = await simpleRestProvider(API_URL, seeing).getList('cases', params);
    return { ...result, meta: { ...(result.meta as object | undefined), totalCapped } };
  }

  // The calendar routes are called through the httpClient (same token and problem+json errors) rather than the
  // generated client, whose document did not describe them when this screen was written.
  const calendarYear = (year: number) => `${API_URL}/calendar/years/${encodeURIComponent(String(year))}`;

  return {
    ...base,
    async getList(resource, params) {
      const list = Object.hasOwn(unsortedLists, resource) ? unsortedLists[resource] : undefined;
      if (!list) return resource === 'cases' ? casesList(params) : base.getList(resource, params);
      const { data, response } = await list(params);
      const found = rows(data);
      return { data: found, total: contentRangeTotal(response) ?? found.length };
    },
    async getLive(id) {
      return ok(await api.GET('/api/cases/{id}/live', caseId(id)));
    },
    async getEvents(id) {
      return rows(ok(await api.GET('/api/cases/{id}/events', caseId(id))));
    },
    caseAction(id, action, body) {
      return steps[action](id, body);
    },
    async getNotifications() {
      return rows(ok(await api.GET('/api/notifications')));
    },
    async getDashboardStats(query) {
      const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v));
      return ok(await api.GET('/api/dashboard/stats', { params: { query: given } }));
    },
    async getCaseEvidence(id) {
      const items = ok(await api.GET('/api/cases/{id}/evidence', caseId(id)));
      return Array.isArray(items) ? items : [];
    },
    async getCaseTrack(id) {
      return ok(await api.GET('/api/cases/{id}/track', caseId(id)));
    },
    callApi: api.request,
    async upload(kind, file, contentType, onProgress) {
      const init = {
        // The routes document their body per media type (a CSV or NDJSON text; for JSON, the rows). The file is that
        // body already serialized — its text — and goes out as is (the serializer passes it through, without reading
        // it into memory), so it stands in for the documented text.
        body: file as unknown as ImportBodies['text/csv'],
        bodySerializer: (b: unknown) => b,
        headers: { 'Content-Type': contentType },
        fetch: xhrFetch(onProgress),
      };
      if (kind === 'legacy-cases') return ok(await api.POST('/api/imports/legacy-cases', init));
      return kind === 'routine-work-orders'
        ? ok(await api.POST('/api/imports/routine-work-orders', init))
        : ok(await api.POST('/api/imports/{kind}', { ...init, params: { path: { kind } } }));
    },
    async getCalendarYears() {
      return (await httpClient(`${API_URL}/calendar/years`)).json as CalendarYears;
    },
    async getCalendarYear(year) {
      return (await httpClient(calendarYear(year))).json as CalendarYear;
    },
    async putCalendarYear(year, days) {
      return (await httpClient(calendarYear(year), { method: 'PUT', body: JSON.stringify({ days }) })).json as PublishedCalendarYear;
    },
    async getTariffs(query) {
      return rows(ok(await api.GET('/api/tariffs', { params: { query } }))) as ApiResponse<'/api/tariffs'>;
    },
    async addTariffPrice(body) {
      return ok(await api.POST('/api/tariffs/prices', { body }));
    },
    async getMustCheckItems() {
      return rows(ok(await api.GET('/api/must-check-items'))) as ApiResponse<'/api/must-check-items'>;
    },
    async putMustCheckItems(problemType, items) {
      return ok(await api.PUT('/api/must-check-items/{problemType}', { params: { path: { problemType } }, body: { items } }));
    },
  };
}
