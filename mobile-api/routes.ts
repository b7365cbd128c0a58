import { z } from 'zod';
import type { RouteDef } from '../http/route';
import { Role } from '../domain/roles';
import type { RouteDeps } from '../http/routeDeps';
import { devicesWaitingFor } from '../services/devices/selfRegistration';
import { DEVICE_HEADER, DEVICE_ID_FORM, showsBoundDevice, terminalRoute } from './terminalRoute';
import { taskRoutes } from './endpoints/tasks';
import { evidenceRoutes } from './endpoints/evidence';
import { customerRoutes } from './endpoints/customers';
import { contentRoutes } from './endpoints/content';
import { adminRoutes } from './endpoints/admin';
import { syncRoutes } from './endpoints/sync';
import { publicConfigRoutes } from './endpoints/publicConfig';
import { deviceRoutes } from './endpoints/devices';

const Me = z.object({
  username: z.string(), name: z.string(), roles: z.array(Role), orgUnit: z.string(), clientId: z.string(),
  deviceBound: z.boolean().describe('true when this request\'s X-Device-Id and DPoP proof show a device bound to the caller (the ids of bound devices are not told: a password alone must not name the terminal to act from)'),
  waitingDevices: z.array(z.string()).describe('devices the caller registered that nobody has bound yet (等待管理员绑定终端)'),
});

/**
 * The terminal API (/mobile/v1). Every route but /public-config (read before login) takes a Keycloak token of the
 * jicha-terminal client (admin routes also the back office's) and, except /me, /devices and /admin/*, an X-Device-Id
 * bound to the caller with a DPoP proof of its key; every POST an Idempotency-Key.
 */
export function mobileRoutes(deps: RouteDeps): RouteDef[] {
  const { pool, temporal, s3, config } = deps;
  return [
    ...publicConfigRoutes({ pool, config, version: deps.version }),
    terminalRoute({ pool }, {
      method: 'get',
      path: '/me',
      summary: 'Who the terminal is signed in as, whether this request comes from a device bound to them (X-Device-Id with a DPoP proof, both optional here) and the devices they registered that wait for binding',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'], scope: 'self' },
      device: false,
      response: { status: 200, schema: Me, description: 'The signed-in user' },
      async handler({ req, principal, proof }) {
        const named = req.header(DEVICE_HEADER);
        const [deviceBound, waitingDevices] = await Promise.all([
          named && DEVICE_ID_FORM.test(named) ? showsBoundDevice(pool, named, principal, proof) : false,
          devicesWaitingFor(pool, principal.username),
        ]);
        return {
          status: 200,
          body: { username: principal.username, name: principal.name, roles: principal.roles, orgUnit: principal.orgUnit, clientId: principal.clientId, deviceBound, waitingDevices },
        };
      },
    }),
    ...deviceRoutes({ pool }),
    ...taskRoutes({ pool, temporal }),
    ...evidenceRoutes({ pool, temporal, s3, config }),
    ...customerRoutes({ pool, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }),
    ...contentRoutes({ pool }),
    ...syncRoutes({ pool, temporal }),
    ...adminRoutes({ pool }),
  ];
}
