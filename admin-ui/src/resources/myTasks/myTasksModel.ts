import type { CaseListView } from '../cases/caseListModel';

// 我的待办 (#16): per role, what waits on the user — the same cases the terminal's 我的任务 and the bell's reminders
// are about (view waiting_on_me: the step waits on me by name, or on my role with no one named), plus what each role
// watches (复核, 疑似虚假工单, 三级督办, 超期).

export type TaskView = CaseListView;
export type TaskSection = { key: 'waiting' | 'review' | 'suspected' | 'tier3' | 'overdue'; view: TaskView };

const SECTIONS: Record<TaskSection['key'], TaskView> = {
  waiting: 'waiting_on_me',
  review: 'awaiting_my_review',
  suspected: 'suspected_fake',
  tier3: 'escalation_tier3',
  overdue: 'overdue',
};

/** The sections a role acts on, in the order they are shown. */
const BY_ROLE: Record<string, TaskSection['key'][]> = {
  inspector: ['waiting'],
  station_lead: ['waiting', 'tier3', 'overdue'],
  supervisor: ['waiting', 'review', 'suspected', 'tier3', 'overdue'],
  manager: ['waiting', 'suspected', 'tier3', 'overdue'],
};

/** The sections of a user with these roles (their union, in a fixed order); none for an admin alone. */
export function taskSections(roles: readonly string[]): TaskSection[] {
  const keys = new Set(roles.flatMap((r) => BY_ROLE[r] ?? []));
  return (Object.keys(SECTIONS) as TaskSection['key'][]).filter((k) => keys.has(k)).map((key) => ({ key, view: SECTIONS[key] }));
}

/** The role whose introduction heads the page: the widest business role the user holds. */
export function introRole(roles: readonly string[]): string {
  return ['supervisor', 'manager', 'station_lead', 'inspector'].find((r) => roles.includes(r)) ?? 'admin';
}

/** The case list under a view (and open cases only), as a react-admin list URL. */
export function caseListLink(view: TaskView): string {
  return `/cases?filter=${encodeURIComponent(JSON.stringify({ status: 'open', view }))}`;
}
