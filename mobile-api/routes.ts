import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/http/route';
import { Role } from '../domain/roles';
import type { RouteDeps } from '../api/routes';

const Me = z.object({ username: z.string(), name: z.string(), roles: z.array(Role), orgUnit: z.string(), clientId: z.string() });

/** The terminal API (/mobile/v1); the mobile-API issue adds tasks, check-in, evidence and sync. */
export function mobileRoutes(_deps: RouteDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me',
      summary: 'Who the terminal is signed in as',
      tag: 'mobile',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'], scope: 'self' },
      response: { status: 200, schema: Me, description: 'The signed-in user' },
      async handler({ res, principal }) {
        res.json({ username: principal.username, name: principal.name, roles: principal.roles, orgUnit: principal.orgUnit, clientId: principal.clientId });
      },
    }),
  ];
}
