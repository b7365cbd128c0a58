import type pg from 'pg';
import type { RouteDef } from '../../http/route';
import { detailLanguage } from '../../http/problem';
import { Device, RegisterOwnDevice } from '../../domain/terminalSchemas';
import { registerOwnDevice } from '../../services/devices/selfRegistration';
import { setVerifiedDevice } from '../../http/auditTrail';
import { terminalRoute } from '../terminalRoute';

// A terminal's first run: it registers itself (id, what it is, its public key) and waits, unbound, until an
// administrator binds it to a person in the back office (终端人员维护, "等待绑定"). No bound device is needed for this.
const FIELD_STAFF = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

export function deviceRoutes(deps: { pool: pg.Pool }): RouteDef[] {
  const { pool } = deps;
  return [
    terminalRoute(deps, {
      method: 'post',
      path: '/devices',
      summary: 'Register this terminal (unbound, with its ECDSA P-256 public key) for an administrator to bind; again with the same id and key: 200 and the device as stored',
      policy: { roles: FIELD_STAFF, scope: 'self' },
      device: false,
      body: RegisterOwnDevice,
      response: { status: 201, schema: Device, description: 'Registered, waiting for an administrator to bind it' },
      otherResponses: [{ status: 200, schema: Device, description: 'Registered before by the caller with this key: the device as stored (bound since, or still waiting)' }],
      async handler({ req, res, principal, proof, body }) {
        const r = await registerOwnDevice(pool, principal.username, body, detailLanguage(req));
        // the audit trail names the device when the request's proof was signed by the key registered for it
        if (proof && r.device.publicKeyThumbprint === proof.jkt) setVerifiedDevice(res, r.device.id);
        return { status: r.status, body: r.device };
      },
    }),
  ];
}
