import { ROLES, isRole, type Role } from './permissions';

/** The parts of the Keycloak access token this app reads. */
export interface JichaTokenClaims {
  sub?: string;
  name?: string;
  preferred_username?: string;
  realm_access?: { roles?: unknown };
  org_unit?: unknown;
  org_unit_name?: unknown;
}

export interface JichaIdentity {
  id: string;
  fullName: string;
  roles: Role[];
  orgUnit?: string;
  orgUnitName?: string;
}

/** Known product roles from `realm_access.roles`, de-duplicated, in canonical order. */
export function extractRoles(claims: JichaTokenClaims | undefined): Role[] {
  const raw = claims?.realm_access?.roles;
  if (!Array.isArray(raw)) return [];
  const present = new Set(raw.filter(isRole));
  return ROLES.filter((role) => present.has(role));
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

export function extractIdentity(claims: JichaTokenClaims | undefined): JichaIdentity {
  const id = text(claims?.sub);
  if (!claims || !id) {
    throw new Error('access token has no "sub" claim');
  }
  const orgUnit =
    typeof claims.org_unit === 'number' ? String(claims.org_unit) : text(claims.org_unit);
  return {
    id,
    fullName: text(claims.name) ?? text(claims.preferred_username) ?? id,
    roles: extractRoles(claims),
    orgUnit,
    orgUnitName: text(claims.org_unit_name),
  };
}
