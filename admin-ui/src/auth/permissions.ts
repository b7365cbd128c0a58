/**
 * Role-based access policy: which realm roles may do what on which resource.
 * Deny by default — a resource or action that is not listed here is refused.
 * To open a new resource, add one entry to `accessPolicy`.
 */
export const ROLES = ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Actions react-admin asks about (ra-core 5: list, show, create, edit, delete, export), plus the
 * case steps the back office sends (checked with useCanAccess({ resource: 'cases', action })).
 */
export type ResourceAction =
  | 'list'
  | 'show'
  | 'create'
  | 'edit'
  | 'delete'
  | 'export'
  | 'assign'
  | 'reassign'
  | 'rectification'
  | 'rectification-report'
  | 'verify'
  | 'dismiss'
  | 'cancel'
  | 'note'
  | 'handle'
  | 'answer'
  | 'close'
  | 'bind'
  | 'run'
  | 'publish'
  | 'review';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

// Mirrors the API's route policies: admins manage configuration, not case data.
const CASE_READERS: readonly Role[] = ['inspector', 'station_lead', 'supervisor', 'manager'];
const CASE_MANAGERS: readonly Role[] = ['supervisor', 'manager'];
const DISPATCHERS: readonly Role[] = ['station_lead', 'supervisor'];
const SUPERVISORS: readonly Role[] = ['supervisor'];
const ESCALATION_WATCHERS: readonly Role[] = ['station_lead', 'supervisor', 'manager'];
const MANAGERS: readonly Role[] = ['manager'];
const RULE_READERS: readonly Role[] = ['supervisor', 'manager', 'admin'];
const IMPORTERS: readonly Role[] = ['manager', 'admin'];
const RULE_DRAFTERS: readonly Role[] = ['manager', 'admin'];

export type AccessPolicy = Readonly<
  Record<string, Readonly<Partial<Record<ResourceAction, readonly Role[]>>>>
>;

export const accessPolicy: AccessPolicy = {
  cases: {
    list: CASE_READERS,
    // admins open a case read-only, for the engine details (the workflow, its Temporal link; #16)
    show: [...CASE_READERS, 'admin'],
    export: CASE_READERS,
    create: CASE_MANAGERS,
    // Steps (the workflow's validators have the last word; these only decide which buttons show).
    assign: DISPATCHERS,
    reassign: DISPATCHERS,
    // the rectification order: issued by the station lead (or a supervisor), reported by its owner (or a supervisor)
    rectification: DISPATCHERS,
    'rectification-report': DISPATCHERS,
    verify: SUPERVISORS,
    dismiss: SUPERVISORS,
    cancel: CASE_MANAGERS,
    note: CASE_READERS,
    // the decision on a visit put on review (疑似虚假工单)
    review: CASE_MANAGERS,
  },
  // 疑似虚假工单 (api/routes/presenceReviews.ts): the queue in the menu of those who decide; station leads open a
  // review from their case's banner (the rectification order of their station waits for it).
  'presence-reviews': {
    list: CASE_MANAGERS,
    show: ESCALATION_WATCHERS,
  },
  escalations: {
    list: ESCALATION_WATCHERS,
  },
  customers: {
    list: CASE_READERS,
    show: CASE_READERS,
  },
  campaigns: {
    list: CASE_MANAGERS,
    show: CASE_MANAGERS,
    create: MANAGERS,
    // run, pause and resume
    run: MANAGERS,
  },
  imports: {
    list: RULE_READERS,
    show: RULE_READERS,
    create: IMPORTERS,
  },
  // Drafts by managers and admins (the expert JSON editor is the admins'); publishing is the managers' decision.
  'judgement-rule-sets': {
    list: RULE_READERS,
    show: RULE_READERS,
    create: RULE_DRAFTERS,
    edit: RULE_DRAFTERS,
    publish: MANAGERS,
  },
  'penalty-rule-sets': {
    list: RULE_READERS,
    show: RULE_READERS,
    create: MANAGERS,
    edit: MANAGERS,
    publish: MANAGERS,
  },
  // Case policies (时限与取证规则): read by station leads and supervisors, written by managers; the list counts cases (not for admins).
  'case-policies': {
    list: ESCALATION_WATCHERS,
    show: ESCALATION_WATCHERS,
    create: MANAGERS,
    edit: MANAGERS,
    delete: MANAGERS,
    publish: MANAGERS,
  },
  // Which rule version each case used (case data: not for admins).
  'rule-versions': {
    list: CASE_MANAGERS,
  },
  // The statistics (GET /api/dashboard/stats); everyone else lands on a welcome line and no 首页 menu entry.
  dashboard: {
    list: ESCALATION_WATCHERS,
  },
  // Back-office content (api/routes/{announcements,regulations,feedback,consultations,terminals}.ts).
  announcements: {
    list: ROLES,
    show: ROLES,
    create: ['manager', 'admin'],
    edit: ['manager', 'admin'],
    delete: ['manager', 'admin'],
  },
  regulations: {
    list: ROLES,
    show: ROLES,
    create: ['manager', 'admin'],
    edit: ['manager', 'admin'],
    delete: ['manager', 'admin'],
  },
  feedback: {
    list: ['supervisor', 'manager', 'admin'],
    show: ['supervisor', 'manager', 'admin'],
    handle: ['supervisor', 'manager', 'admin'],
  },
  // Everyone in a unit reads its questions; the asker may close their own (the API checks who asked).
  consultations: {
    list: ['inspector', 'station_lead', 'supervisor', 'manager'],
    show: ['inspector', 'station_lead', 'supervisor', 'manager'],
    create: ['inspector', 'station_lead', 'supervisor', 'manager'],
    answer: ['supervisor', 'manager'],
    close: ['inspector', 'station_lead', 'supervisor', 'manager'],
  },
  terminals: {
    list: ['admin'],
    show: ['admin'],
    create: ['admin'],
    edit: ['admin'],
    bind: ['admin'],
  },
  personnel: {
    list: ['admin'],
  },
  // Assessment (对标考核, api/routes/assessment*.ts): managers only.
  'assessment-rule-sets': {
    list: MANAGERS,
    show: MANAGERS,
    create: MANAGERS,
    edit: MANAGERS,
    publish: MANAGERS,
  },
  'assessment-rankings': {
    list: MANAGERS,
    close: MANAGERS,
  },
  // 工作日历 (api/routes/calendar.ts): those who watch deadlines read it; admins publish a year (create) or replace one.
  calendar: {
    list: ['station_lead', 'supervisor', 'manager', 'admin'],
    show: ['station_lead', 'supervisor', 'manager', 'admin'],
    create: ['admin'],
    edit: ['admin'],
  },
  // 电价目录 (api/routes/tariffs.ts): everyone reads the catalogue; admins and managers add dated price versions.
  tariffs: {
    list: ROLES,
    create: ['manager', 'admin'],
  },
  // 四必查项目 (api/routes/mustCheckItems.ts): everyone reads them; managers and admins replace a problem type's items.
  'must-check-items': {
    list: ROLES,
    edit: ['manager', 'admin'],
  },
};

export function canAccess(
  roles: readonly string[],
  resource: string,
  action: string,
  policy: AccessPolicy = accessPolicy,
): boolean {
  if (!Object.hasOwn(policy, resource)) return false;
  const rules = policy[resource];
  if (!rules || !Object.hasOwn(rules, action)) return false;
  const allowed = rules[action as ResourceAction];
  return !!allowed && roles.some((role) => isRole(role) && allowed.includes(role));
}
