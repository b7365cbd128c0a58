import { TERMINAL_STAGES } from './caseEnums';

// The supervision cockpit's list (#16): saved views bound to `filter.view`, the default of open cases only, the
// handler's name, the capped total.

/**
 * Saved views of GET /api/cases (`filter.view`), in the order of the tabs: mine (我的待办: assigned to me or waiting on me
 * by name), waiting_on_me (等待我处理: also the steps waiting on my role, as the 我的待办 page and the terminal count them).
 */
export const CASE_LIST_VIEWS = ['mine', 'waiting_on_me', 'overdue', 'awaiting_my_review', 'escalation_tier3', 'suspected_fake'] as const;
export type CaseListView = (typeof CASE_LIST_VIEWS)[number];

/** Without a 状态 filter chosen, the list shows open cases only: closed, dismissed and cancelled ones come back with it. */
export const DEFAULT_CASE_FILTER = { status: 'open' } as const;

export const isCaseListView = (v: unknown): v is CaseListView => typeof v === 'string' && (CASE_LIST_VIEWS as readonly string[]).includes(v);

/** The filter with `view` chosen (undefined: all cases), the other filters kept. */
export function withView(filter: Record<string, unknown>, view: CaseListView | undefined): Record<string, unknown> {
  const { view: _previous, ...rest } = filter;
  return view ? { ...rest, view } : rest;
}

/** The tab of a filter: its view, else 'all'. */
export const viewOf = (filter: Record<string, unknown>): CaseListView | 'all' => (isCaseListView(filter.view) ? filter.view : 'all');

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the list knows of who holds the case now (GET /api/cases). */
export interface HandlerFacts {
  stage: string;
  handler?: string | null;
  handlerName?: string | null;
  handlerStation?: string | null;
  pendingRole?: string | null;
}

/**
 * 处理人 as people say it: 李稽查（温泉供电所）; the user name when personnel does not know them; 待供电所长处理 when the
 * step waits on a role; nothing once the case has ended or nobody holds it.
 */
export function handlerText(r: HandlerFacts, translate: Translate): string | null {
  if ((TERMINAL_STAGES as readonly string[]).includes(r.stage)) return null;
  if (r.handler) {
    const name = r.handlerName || r.handler;
    return r.handlerStation ? `${name}（${r.handlerStation}）` : name;
  }
  if (r.pendingRole) return translate('cockpit.handler.role', { role: translate(`app.roles.${r.pendingRole}`, { _: r.pendingRole }) });
  return null;
}

/** "共 25 条", or "共 10000+ 条" when the server capped the count (X-Total-Capped). */
export function totalText(total: number | undefined, capped: boolean, translate: Translate): string | null {
  if (total === undefined || total === null || !Number.isFinite(total)) return null;
  return translate(capped ? 'cockpit.totalCapped' : 'cockpit.total', { total });
}

/** The empty list's sentence: with only the default filter, it says where the finished cases are. */
export function emptyKey(filter: Record<string, unknown>): string {
  const keys = Object.keys(filter).filter((k) => filter[k] !== undefined && filter[k] !== '');
  return keys.length === 1 && filter.status === 'open' ? 'cockpit.empty.open' : 'cockpit.empty.filtered';
}
