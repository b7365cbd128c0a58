import { z } from 'zod';
import { Device } from './terminalSchemas';

// Terminal devices (终端人员维护) as the back office (/api/terminals) and the terminal's admin routes answer them.

export const DeviceBindingHistory = z.array(z.object({
  username: z.string().nullable().describe('null: unbound'), changedBy: z.string(), changedAt: z.string(),
}));
export const DeviceWithHistory = Device.extend({ history: DeviceBindingHistory });
export const DevicePage = z.object({ items: z.array(Device), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
