import type { Principal } from './roles';

/**
 * Which cases a caller may see — the one rule both APIs and every case list apply (services/access/caseAccess.ts).
 * A station lead, supervisor or manager sees the cases of their org subtree. An inspector without such a role sees
 * only their own cases: assigned to them, or waiting on them by name (offered to them, their step pending) — never a
 * colleague's case at the same station.
 */
export interface CaseScope {
  orgUnit: string;
  /** Set for an inspector: only cases whose assignee or pending user is this username. */
  ownCasesOf?: string;
}

const WIDER_ROLES = new Set(['station_lead', 'supervisor', 'manager']);

export function caseScopeOf(p: Pick<Principal, 'username' | 'roles' | 'orgUnit'>): CaseScope {
  const wider = p.roles.some((r) => WIDER_ROLES.has(r));
  return p.roles.includes('inspector') && !wider ? { orgUnit: p.orgUnit, ownCasesOf: p.username } : { orgUnit: p.orgUnit };
}
