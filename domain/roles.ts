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
}

/** True when `unit` lies inside `scope` in the org tree (province → city → county → station → grid). */
export function orgWithin(unit: string, scope: string): boolean {
  return unit === scope || unit.startsWith(`${scope}.`);
}
