import { z } from 'zod';
import { OrgCode, Role } from './roles';

/** A person as the back office's person picker shows them: 李稽查（温泉供电所）· 3 件在办. */
export const PickablePerson = z.object({
  /** The user name (Keycloak preferred_username): what a step names. */
  id: z.string(),
  displayName: z.string(),
  role: Role,
  orgUnitId: z.string(),
  /** The name of the person's unit (their station for inspectors and station leads). */
  stationName: z.string().nullable(),
  /** Cases not ended that are assigned to the person or wait on them by name. */
  openCases: z.number().int().min(0),
});
export type PickablePerson = z.infer<typeof PickablePerson>;

export const PeopleQuery = z.strictObject({
  role: Role.optional().describe('Only people with this role'),
  station: OrgCode.optional().describe('Only people of this org unit (and below)'),
  q: z.string().trim().min(1).max(50).optional().describe('Part of the display name or user name'),
  /** Only active people unless false. */
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** Who a user name of a case is: display name and unit name. */
export const NamedPerson = z.object({ displayName: z.string(), orgUnitId: z.string(), stationName: z.string().nullable() });
export type NamedPerson = z.infer<typeof NamedPerson>;
/** The people a case names (assignee, pending actor, actors of its log, note authors…), keyed by user name. */
export const CasePeople = z.record(z.string(), NamedPerson);
