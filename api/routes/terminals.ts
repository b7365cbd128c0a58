import { z } from 'zod';
import { OrgCode } from '../../domain/roles';
import { PersonRecord } from '../../domain/deviceSchemas';
import type pg from 'pg';
import { bindingHistory, getDevice, listDevices, listPersonnel, PERSONNEL_SORT, registerDevice, updateDevice } from '../../services/devices/devices';
import { changeBinding } from '../../services/devices/deviceBindings';
import { BindDevice, Device, DeviceId, PublicKeyJwk } from '../../domain/terminalSchemas';
import { canonicalPublicKey } from '../../services/devices/deviceKeys';
import { DeviceWithHistory as WithHistory } from '../../domain/deviceSchemas';
import { deviceInScope, personInScope } from '../../services/access/deviceScope';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { oneOrMany, raRange, sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';
import { pageOf, raListQuery } from './contentList';

// 终端人员维护 in the back office: terminals and the personnel they are bound to. The same rules and functions as
// the terminal API's admin routes (/mobile/v1/admin/devices); a (re)bind takes effect on the device's next request.

const ADMIN = { roles: ['admin'], scope: 'org' } as const;
const PLATFORMS = ['android', 'ios', 'pda', 'simulator', 'other'] as const;

const Fields = {
  label: z.string().trim().min(1).max(100),
  platform: z.enum(PLATFORMS),
  model: z.string().trim().max(100).nullable().optional(),
};
// The key is what the terminal itself registers on first run (移动作业终端); given here, the device can be bound.
const CreateBody = z.strictObject({ id: DeviceId, ...Fields, publicKeyJwk: PublicKeyJwk.optional() });
const UpdateBody = z.strictObject(Fields);
const IdParams = z.strictObject({ id: DeviceId });
const Bound = WithHistory.extend({ previousUser: z.string().nullable() });

const ListQuery = z.strictObject({
  range: raRange.optional(),
  // The order is fixed (newest registration first); react-admin always sends a sort.
  sort: jsonParam(z.tuple([z.string().max(50), z.enum(['ASC', 'DESC'])])).optional(),
  filter: jsonParam(z.strictObject({
    q: z.string().trim().min(1).max(100).optional(),
    boundTo: z.string().min(1).max(100).optional(),
    bound: z.boolean().optional(),
    platform: oneOrMany(z.enum(PLATFORMS)).optional(),
    id: oneOrMany(DeviceId).optional(),
  })).optional(),
});

const PersonnelQuery = raListQuery(Object.keys(PERSONNEL_SORT) as [keyof typeof PERSONNEL_SORT], z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  role: oneOrMany(z.enum(['inspector', 'station_lead', 'supervisor', 'manager', 'admin'])).optional(),
  active: z.boolean().optional(),
  hasDevice: z.boolean().optional(),
  id: oneOrMany(z.string().min(1).max(100)).optional(),
  unit: OrgCode.optional().describe('Only people at this unit or below (inside the caller\'s)'),
}));
const Person = PersonRecord;

export function terminalRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const withHistory = async (id: string) => ({ ...(await getDevice(pool, id))!, history: await bindingHistory(pool, id) });
  const rebind = async (id: string, username: string | null, by: string, lang: 'zh-CN' | 'en') => {
    const { previousUser } = await changeBinding(pool, id, username, by, lang);
    return { ...(await withHistory(id)), previousUser };
  };
  return [
    defineRoute({
      method: 'get',
      path: '/terminals',
      summary: 'Terminals (终端人员维护) bound inside the caller\'s org unit, and unbound ones (react-admin list)',
      tag: 'terminals',
      policy: ADMIN,
      query: ListQuery,
      response: { status: 200, schema: z.array(Device), description: 'One page, newest registration first' },
      async handler({ res, principal, query }) {
        const { start, limit, offset } = pageOf(query.range);
        const f = query.filter ?? {};
        const r = await listDevices(pool, { orgUnit: principal.orgUnit, q: f.q, boundTo: f.boundTo, bound: f.bound, platform: f.platform, ids: f.id, limit, offset });
        sendList(res, 'terminals', start, r.rows, r.total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/terminals/:id',
      summary: 'One terminal with its binding history',
      tag: 'terminals',
      policy: ADMIN,
      params: IdParams,
      response: { status: 200, schema: WithHistory, description: 'The terminal' },
      async handler({ res, principal, params }) {
        await deviceInScope(pool, params.id, principal.orgUnit);
        res.json(await withHistory(params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/terminals',
      summary: 'Register a terminal (unbound; its requests are refused until it is bound), with its ECDSA P-256 public key — without one it cannot be bound',
      tag: 'terminals',
      policy: ADMIN,
      body: CreateBody,
      response: { status: 201, schema: WithHistory, description: 'The registered terminal' },
      async handler({ req, res, principal, body }) {
        const publicKey = canonicalPublicKey(body.publicKeyJwk, detailLanguage(req));
        if (!(await registerDevice(pool, { id: body.id, label: body.label, platform: body.platform, model: body.model ?? undefined, by: principal.username, publicKey }))) {
          throw codedProblem(409, 'Already registered', 'terminal.already-registered', { id: body.id }, detailLanguage(req), { errors: [{ path: 'id', message: 'already registered' }] });
        }
        res.status(201).location(`/api/terminals/${encodeURIComponent(body.id)}`).json(await withHistory(body.id));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/terminals/:id',
      summary: 'Change a terminal\'s label, platform or model (the id is the device\'s identity and never changes)',
      tag: 'terminals',
      policy: ADMIN,
      params: IdParams,
      body: UpdateBody,
      response: { status: 200, schema: WithHistory, description: 'The terminal' },
      async handler({ res, principal, params, body }) {
        await deviceInScope(pool, params.id, principal.orgUnit);
        await updateDevice(pool, params.id, { label: body.label, platform: body.platform, model: body.model || null });
        res.json(await withHistory(params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/terminals/:id/bind',
      summary: 'Bind a terminal to a person inside the caller\'s org unit (replaces an earlier binding; recorded in the history); 422 device.key-missing for a terminal registered without its public key',
      tag: 'terminals',
      policy: ADMIN,
      params: IdParams,
      body: BindDevice,
      response: { status: 200, schema: Bound, description: 'The terminal, bound' },
      async handler({ req, res, principal, params, body }) {
        await deviceInScope(pool, params.id, principal.orgUnit);
        await personInScope(pool, body.username, principal.orgUnit);
        res.json(await rebind(params.id, body.username, principal.username, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/terminals/:id/unbind',
      summary: 'Unbind a terminal (lost or handed back): its requests are refused until it is bound again',
      tag: 'terminals',
      policy: ADMIN,
      params: IdParams,
      body: z.strictObject({}),
      response: { status: 200, schema: Bound, description: 'The terminal, unbound' },
      async handler({ req, res, principal, params }) {
        await deviceInScope(pool, params.id, principal.orgUnit);
        res.json(await rebind(params.id, null, principal.username, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/personnel',
      summary: 'Terminal personnel inside the caller\'s org unit, each with the terminals bound to them (react-admin list)',
      tag: 'terminals',
      policy: ADMIN,
      query: PersonnelQuery,
      response: { status: 200, schema: z.array(Person), description: 'One page of people' },
      async handler({ res, principal, query }) {
        const { start, limit, offset } = pageOf(query.range);
        const [field, order] = query.sort ?? ['id', 'ASC'];
        const f = query.filter ?? {};
        const r = await listPersonnel(pool, { orgUnit: principal.orgUnit, unit: f.unit, q: f.q, role: f.role, active: f.active, hasDevice: f.hasDevice, ids: f.id, sort: { field, order }, limit, offset });
        sendList(res, 'personnel', start, r.rows, r.total);
      },
    }),
  ];
}
