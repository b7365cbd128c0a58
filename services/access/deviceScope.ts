import type pg from 'pg';
import { Problem, codedProblem } from '../../http/problem';
import { orgWithin } from '../../domain/roles';
import { getDevice, type Device } from '../../db/devices';
import { personnelEntry } from '../../db/personnel';

// Who an administrator may bind terminals to, and which terminals they may see: the same rules for the back office
// (/api/terminals) and the terminal API's admin routes (/mobile/v1/admin/devices).

/** Refuses a username that is unknown, inactive (422) or outside the caller's org unit (403). */
export async function personInScope(pool: Pick<pg.Pool, 'query'>, username: string, orgUnit: string): Promise<void> {
  const p = await personnelEntry(pool, username);
  if (!p) throw codedProblem(422, 'Unknown user', 'terminal-user.unknown', { user: username }, 'zh-CN', { errors: [{ path: 'username', message: 'unknown user' }] });
  if (!p.active) throw codedProblem(422, 'Inactive user', 'terminal-user.inactive', { user: username }, 'zh-CN', { errors: [{ path: 'username', message: 'inactive user' }] });
  if (!orgWithin(p.orgUnitId, orgUnit)) throw codedProblem(403, 'Forbidden', 'terminal-user.outside-unit', { user: username, station: p.orgUnitId, org: orgUnit }, 'zh-CN');
}

/** The device (404 when unknown); 403 when it is bound to someone outside the caller's org unit. */
export async function deviceInScope(pool: Pick<pg.Pool, 'query'>, id: string, orgUnit: string): Promise<Device> {
  const d = await getDevice(pool, id);
  if (!d) throw codedProblem(404, 'Not found', 'device.unknown', { id }, 'zh-CN');
  if (d.boundUser) await personInScope(pool, d.boundUser, orgUnit).catch((e) => {
    if (e instanceof Problem && e.status === 403) throw codedProblem(403, 'Forbidden', 'device.outside-unit', { id }, 'zh-CN');
    if (!(e instanceof Problem)) throw e; // an inactive or removed holder does not hide the device from its admin
  });
  return d;
}
