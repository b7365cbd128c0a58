import { describe, expect, it } from 'vitest';
import { extractIdentity, extractRoles } from './tokenClaims';

describe('extractRoles', () => {
  it('keeps only product roles, in canonical order, without duplicates', () => {
    expect(
      extractRoles({
        realm_access: {
          roles: ['offline_access', 'admin', 'inspector', 'uma_authorization', 'admin'],
        },
      }),
    ).toEqual(['inspector', 'admin']);
  });

  it('returns [] for missing or malformed realm_access', () => {
    expect(extractRoles(undefined)).toEqual([]);
    expect(extractRoles({})).toEqual([]);
    expect(extractRoles({ realm_access: {} })).toEqual([]);
    expect(extractRoles({ realm_access: { roles: 'admin' } })).toEqual([]);
    expect(extractRoles({ realm_access: { roles: [42, null, 'manager'] } })).toEqual(['manager']);
  });
});

describe('extractIdentity', () => {
  it('uses sub, name and the org unit claims', () => {
    expect(
      extractIdentity({
        sub: 'u-1',
        name: '张三',
        preferred_username: 'zhangsan',
        realm_access: { roles: ['supervisor'] },
        org_unit: 'ou-42',
        org_unit_name: '咸宁供电公司',
      }),
    ).toEqual({
      id: 'u-1',
      fullName: '张三',
      roles: ['supervisor'],
      orgUnit: 'ou-42',
      orgUnitName: '咸宁供电公司',
    });
  });

  it('falls back to preferred_username, then to sub', () => {
    expect(extractIdentity({ sub: 'u-2', preferred_username: 'lisi' }).fullName).toBe('lisi');
    expect(extractIdentity({ sub: 'u-3', name: '  ' }).fullName).toBe('u-3');
  });

  it('accepts a numeric org_unit and leaves absent claims undefined', () => {
    const identity = extractIdentity({ sub: 'u-4', org_unit: 7 });
    expect(identity.orgUnit).toBe('7');
    expect(identity.orgUnitName).toBeUndefined();
    expect(identity.roles).toEqual([]);
  });

  it('refuses a token without sub', () => {
    expect(() => extractIdentity({ name: 'x' })).toThrow(/sub/);
    expect(() => extractIdentity(undefined)).toThrow(/sub/);
  });
});
