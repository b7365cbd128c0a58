import { z } from 'zod';

export const ROLES = ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who is acting: the verified token's subject, roles and org unit (materialised path such as HB.XN.XA.WQ). */
export interface Principal {
  sub: string;
  username: string;
  name: string;
  roles: Role[];
  orgUnit: string;
  clientId: string;
  /**
   * The token's `cnf.jkt` (RFC 9449): the thumbprint of the key a DPoP-bound token was issued against. Such a token
   * is accepted only with a DPoP proof signed by that key (http/route.ts). Absent for a bearer token.
   */
  cnfJkt?: string;
}

/** True when `unit` lies inside `scope` in the org tree (province → city → county → station → grid). */
export function orgWithin(unit: string, scope: string): boolean {
  return unit === scope || unit.startsWith(`${scope}.`);
}

/**
 * An org unit code: dot-separated segments of letters, digits and hyphens (HB.XN.XA.WQ). Checked where a code enters
 * (the token's org_unit claim), so no code can carry SQL pattern characters such as `%` or `_`.
 */
export const ORG_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}(\.[A-Za-z0-9][A-Za-z0-9-]{0,31}){0,9}$/;
export const OrgCode = z.string().regex(ORG_CODE, 'must be an org unit code such as HB.XN.XA.WQ');
