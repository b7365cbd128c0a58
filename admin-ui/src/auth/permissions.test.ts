import { describe, expect, it } from 'vitest';
import { ROLES, canAccess, type AccessPolicy } from './permissions';

describe('canAccess for resource "cases"', () => {
  const table: Array<[string, { list: boolean; show: boolean; create: boolean }]> = [
    ['inspector', { list: true, show: true, create: false }],
    ['station_lead', { list: true, show: true, create: false }],
    ['supervisor', { list: true, show: true, create: true }],
    ['manager', { list: true, show: true, create: true }],
    ['admin', { list: false, show: false, create: false }],
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
    for (const action of ['edit', 'delete', 'export', 'clone']) {
      expect(canAccess([...ROLES], 'cases', action)).toBe(false);
    }
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
