import { describe, expect, it } from 'vitest';
import { ROLES, canAccess, type AccessPolicy } from './permissions';

describe('canAccess for resource "cases"', () => {
  const table: Array<[string, { list: boolean; show: boolean; create: boolean }]> = [
    ['inspector', { list: true, show: true, create: false }],
    ['station_lead', { list: true, show: true, create: false }],
    ['supervisor', { list: true, show: true, create: true }],
    ['manager', { list: true, show: true, create: true }],
    // admins open a case read-only (engine details), but have no case list
    ['admin', { list: false, show: true, create: false }],
  ];

  it.each(table)('role %s', (role, expected) => {
    expect(canAccess([role], 'cases', 'list')).toBe(expected.list);
    expect(canAccess([role], 'cases', 'show')).toBe(expected.show);
    expect(canAccess([role], 'cases', 'create')).toBe(expected.create);
  });

  it('covers every declared role', () => {
    expect(table.map(([role]) => role)).toEqual([...ROLES]);
  });

  it('never allows edit or delete on cases, whatever the role', () => {
    for (const action of ['edit', 'delete', 'clone']) {
      expect(canAccess([...ROLES], 'cases', action)).toBe(false);
    }
  });

  it('lets every case reader export the list (CSV)', () => {
    for (const role of ['inspector', 'station_lead', 'supervisor', 'manager']) {
      expect(canAccess([role], 'cases', 'export')).toBe(true);
    }
    expect(canAccess(['admin'], 'cases', 'export')).toBe(false);
  });

  it('allows when any one of several roles allows', () => {
    expect(canAccess(['inspector', 'manager'], 'cases', 'create')).toBe(true);
  });

  it('denies users with no role or only foreign roles', () => {
    expect(canAccess([], 'cases', 'list')).toBe(false);
    expect(canAccess(['offline_access', 'default-roles-jicha'], 'cases', 'list')).toBe(false);
  });

  it('denies unknown resources and prototype keys', () => {
    expect(canAccess(['admin'], 'users', 'list')).toBe(false);
    expect(canAccess(['admin'], 'toString', 'list')).toBe(false);
    expect(canAccess(['admin'], '__proto__', 'list')).toBe(false);
    expect(canAccess(['admin'], 'cases', 'constructor')).toBe(false);
  });

  it('reads a custom policy (extension point for later resources)', () => {
    const policy: AccessPolicy = { announcements: { list: ['admin'] } };
    expect(canAccess(['admin'], 'announcements', 'list', policy)).toBe(true);
    expect(canAccess(['manager'], 'announcements', 'list', policy)).toBe(false);
    expect(canAccess(['admin'], 'cases', 'list', policy)).toBe(false);
  });
});

describe('canAccess for case steps', () => {
  const steps = ['assign', 'reassign', 'verify', 'dismiss', 'cancel', 'note'] as const;
  const table: Array<[string, Record<(typeof steps)[number], boolean>]> = [
    ['inspector', { assign: false, reassign: false, verify: false, dismiss: false, cancel: false, note: true }],
    ['station_lead', { assign: true, reassign: true, verify: false, dismiss: false, cancel: false, note: true }],
    ['supervisor', { assign: true, reassign: true, verify: true, dismiss: true, cancel: true, note: true }],
    ['manager', { assign: false, reassign: false, verify: false, dismiss: false, cancel: true, note: true }],
    ['admin', { assign: false, reassign: false, verify: false, dismiss: false, cancel: false, note: false }],
  ];
  it.each(table)('role %s', (role, expected) => {
    for (const step of steps) expect(canAccess([role], 'cases', step), step).toBe(expected[step]);
  });
});

describe('canAccess for resource "escalations"', () => {
  it.each([
    ['inspector', false],
    ['station_lead', true],
    ['supervisor', true],
    ['manager', true],
    ['admin', false],
  ])('role %s may list: %s', (role, expected) => {
    expect(canAccess([role], 'escalations', 'list')).toBe(expected);
    expect(canAccess([role], 'escalations', 'show')).toBe(false);
  });
});

describe('canAccess for resource "calendar" (工作日历)', () => {
  it.each([
    ['inspector', { list: false, show: false, create: false, edit: false }],
    ['station_lead', { list: true, show: true, create: false, edit: false }],
    ['supervisor', { list: true, show: true, create: false, edit: false }],
    ['manager', { list: true, show: true, create: false, edit: false }],
    ['admin', { list: true, show: true, create: true, edit: true }],
  ])('role %s', (role, expected) => {
    for (const action of ['list', 'show', 'create', 'edit'] as const) {
      expect(canAccess([role], 'calendar', action), action).toBe(expected[action]);
    }
    expect(canAccess([role], 'calendar', 'delete')).toBe(false);
  });
});

describe('canAccess for resource "tariffs" (电价目录)', () => {
  it.each([
    ['inspector', { list: true, create: false }],
    ['station_lead', { list: true, create: false }],
    ['supervisor', { list: true, create: false }],
    ['manager', { list: true, create: true }],
    ['admin', { list: true, create: true }],
  ])('role %s', (role, expected) => {
    for (const action of ['list', 'create'] as const) expect(canAccess([role], 'tariffs', action), action).toBe(expected[action]);
    // a price version is never edited or deleted
    for (const action of ['edit', 'delete', 'show']) expect(canAccess([role], 'tariffs', action), action).toBe(false);
  });
});

describe('canAccess for resource "must-check-items" (四必查项目)', () => {
  it.each([
    ['inspector', { list: true, edit: false }],
    ['station_lead', { list: true, edit: false }],
    ['supervisor', { list: true, edit: false }],
    ['manager', { list: true, edit: true }],
    ['admin', { list: true, edit: true }],
  ])('role %s', (role, expected) => {
    for (const action of ['list', 'edit'] as const) expect(canAccess([role], 'must-check-items', action), action).toBe(expected[action]);
    for (const action of ['create', 'delete']) expect(canAccess([role], 'must-check-items', action), action).toBe(false);
  });
});

describe('canAccess for judgement rule sets', () => {
  it('lets managers and admins write drafts (admins hold the expert JSON editor); only managers publish', () => {
    for (const action of ['create', 'edit']) {
      expect([action, ROLES.filter((r) => canAccess([r], 'judgement-rule-sets', action))]).toEqual([action, ['manager', 'admin']]);
    }
    expect(ROLES.filter((r) => canAccess([r], 'judgement-rule-sets', 'publish'))).toEqual(['manager']);
  });
});
