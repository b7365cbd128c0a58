import type pg from 'pg';
import { z } from 'zod';
import type { RouteDef } from '../../http/route';
import { codedProblem, detailLanguage } from '../../http/problem';
import { orgWithin } from '../../domain/roles';
import { bindingHistory, getDevice, listDevices, registerDevice } from '../../services/devices/devices';
import { deviceInScope, personInScope as personInScopeOf } from '../../services/access/deviceScope';
import { createAnnouncement } from '../../services/content/announcements';
import { terminalRoute, TERMINAL_CLIENT } from '../terminalRoute';
import { changeBinding } from '../../services/devices/deviceBindings';
import { canonicalPublicKey } from '../../services/devices/deviceKeys';
import { AnnouncementBody, BindDevice, Device, DeviceListQuery, DeviceParams, RegisterDevice } from '../../domain/terminalSchemas';
import { DevicePage, DeviceWithHistory } from '../../domain/deviceSchemas';
import { Created } from '../../domain/contentSchemas';

// Terminal personnel maintenance (终端人员维护) and announcements: admins, from the back office or a terminal.
const ADMIN = { roles: ['admin'], scope: 'org' } as const;
const CLIENTS = [TERMINAL_CLIENT, 'jicha-admin'] as const;

export function adminRoutes(deps: { pool: pg.Pool }): RouteDef[] {
  const { pool } = deps;
  const personInScope = (username: string, orgUnit: string) => personInScopeOf(pool, username, orgUnit);
  const deviceOr404 = (id: string, orgUnit: string) => deviceInScope(pool, id, orgUnit);
  const common = { clients: CLIENTS, device: false, tag: 'mobile-admin', policy: ADMIN };
  return [
    terminalRoute(deps, {
      ...common,
      method: 'get',
      path: '/admin/devices',
      summary: 'Terminal devices (终端人员维护): those bound inside the caller\'s org unit, and unbound ones',
      query: DeviceListQuery,
      response: { status: 200, schema: DevicePage, description: 'One page of devices' },
      async handler({ principal, query }) {
        const r = await listDevices(pool, { orgUnit: principal.orgUnit, boundTo: query.boundTo, q: query.q, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
        return { status: 200, body: { items: r.rows, total: r.total, page: query.page, pageSize: query.pageSize } };
      },
    }),
    terminalRoute(deps, {
      ...common,
      method: 'get',
      path: '/admin/devices/:deviceId',
      summary: 'One device with its binding history',
      params: DeviceParams,
      response: { status: 200, schema: DeviceWithHistory, description: 'The device' },
      async handler({ principal, params }) {
        const d = await deviceOr404(params.deviceId, principal.orgUnit);
        return { status: 200, body: { ...d, history: await bindingHistory(pool, d.id) } };
      },
    }),
    terminalRoute(deps, {
      ...common,
      method: 'post',
      path: '/admin/devices',
      summary: 'Register a terminal device (unbound), with its ECDSA P-256 public key — without one it cannot be bound',
      body: RegisterDevice,
      response: { status: 201, schema: Device, description: 'The registered device' },
      async handler({ req, principal, body }) {
        const publicKey = canonicalPublicKey(body.publicKeyJwk, detailLanguage(req));
        if (!(await registerDevice(pool, { id: body.deviceId, label: body.label, platform: body.platform, model: body.model, by: principal.username, publicKey }))) {
          throw codedProblem(409, 'Already registered', 'device.already-registered', { id: body.deviceId }, detailLanguage(req));
        }
        return { status: 201, body: await getDevice(pool, body.deviceId) };
      },
    }),
    terminalRoute(deps, {
      ...common,
      method: 'post',
      path: '/admin/devices/:deviceId/bind',
      summary: 'Bind a device to a user of the terminal personnel list (replaces an earlier binding; recorded in the history); 422 device.key-missing for a device registered without its public key',
      params: DeviceParams,
      body: BindDevice,
      response: { status: 200, schema: Device.extend({ previousUser: z.string().nullable() }), description: 'The device, bound' },
      async handler({ req, principal, params, body }) {
        await deviceOr404(params.deviceId, principal.orgUnit);
        await personInScope(body.username, principal.orgUnit);
        const { previousUser } = await changeBinding(pool, params.deviceId, body.username, principal.username, detailLanguage(req));
        return { status: 200, body: { ...(await getDevice(pool, params.deviceId)), previousUser } };
      },
    }),
    terminalRoute(deps, {
      ...common,
      method: 'post',
      path: '/admin/devices/:deviceId/unbind',
      summary: 'Unbind a device (a lost or handed-back terminal): its requests are refused until it is bound again',
      params: DeviceParams,
      body: z.strictObject({}),
      response: { status: 200, schema: Device.extend({ previousUser: z.string().nullable() }), description: 'The device, unbound' },
      async handler({ principal, params }) {
        await deviceOr404(params.deviceId, principal.orgUnit);
        const { previousUser } = await changeBinding(pool, params.deviceId, null, principal.username);
        return { status: 200, body: { ...(await getDevice(pool, params.deviceId)), previousUser } };
      },
    }),
    terminalRoute(deps, {
      ...common,
      method: 'post',
      path: '/admin/announcements',
      summary: 'Publish an announcement (信息公告) to a unit inside the caller\'s org unit (default: the caller\'s unit)',
      body: AnnouncementBody,
      response: { status: 201, schema: Created, description: 'The announcement\'s id' },
      async handler({ req, principal, body }) {
        const unit = body.orgUnitId ?? principal.orgUnit;
        if (!orgWithin(unit, principal.orgUnit)) throw codedProblem(403, 'Forbidden', 'org.outside-unit', { unit, org: principal.orgUnit }, detailLanguage(req));
        const id = await createAnnouncement(pool, { orgUnitId: unit, title: body.title, body: body.body, pinned: body.pinned, expiresAt: body.expiresAt, createdBy: principal.username });
        return { status: 201, body: { id } };
      },
    }),
  ];
}
