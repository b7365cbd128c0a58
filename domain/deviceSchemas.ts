import { z } from 'zod';
import { Device } from './terminalSchemas';

// Terminal devices (终端人员维护) as the back office (/api/terminals) and the terminal's admin routes answer them.

export const DeviceBindingHistory = z.array(z.object({
  username: z.string().nullable().describe('null: unbound'), changedBy: z.string(), changedAt: z.string(),
}));
export const DeviceWithHistory = Device.extend({ history: DeviceBindingHistory });
export const DevicePage = z.object({ items: z.array(Device), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A person of the terminal personnel list, with the terminals bound to them (id: the username, react-admin's record id). */
export const PersonRecord = z.object({
  id: z.string(), displayName: z.string(), role: z.string(), orgUnitId: z.string(), orgUnitName: z.string().nullable(), active: z.boolean(), devices: z.array(z.string()),
});
