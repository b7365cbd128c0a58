import { z } from 'zod';
import { AnnouncementRecord as AnnouncementSchema } from '../../domain/contentSchemas';
import type pg from 'pg';
import { ROLES, orgWithin, type Principal } from '../../domain/roles';
import {
  ANNOUNCEMENT_SORT, createAnnouncement, deleteAnnouncement, getAnnouncement, listAnnouncements, updateAnnouncement, type AnnouncementRecord,
} from '../../services/content/announcements';
import { defineRoute, type RouteDef } from '../../http/route';
import { oneOrMany, sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';
import type { Lang } from '../../domain/text';
import { knownOrgUnits } from '../../services/org/orgUnits';
import { OrgUnitId, pageOf, raListQuery } from './contentList';

// 信息公告 in the back office. Terminals read the same table (GET /mobile/v1/announcements).

const READERS = { roles: ROLES, scope: 'org' } as const;
const WRITERS = { roles: ['manager', 'admin'], scope: 'org' } as const;

const Input = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    body: z.string().trim().min(2).max(10_000),
    /** Absent: the caller's unit; null: everyone (only from a top-level unit). */
    orgUnitId: OrgUnitId.nullable().optional(),
    pinned: z.boolean().default(false),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine((a) => !a.expiresAt || Date.parse(a.expiresAt) > (a.publishedAt ? Date.parse(a.publishedAt) : Date.now()), {
    path: ['expiresAt'],
    message: 'must be after the publication time',
  });

const Record = AnnouncementSchema.extend({ editable: z.boolean() });

const ListQuery = raListQuery(Object.keys(ANNOUNCEMENT_SORT) as [keyof typeof ANNOUNCEMENT_SORT], z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  state: z.enum(['scheduled', 'current', 'expired']).optional(),
  id: oneOrMany(z.string().regex(/^\d{1,18}$/)).optional(),
}));
const IdParams = z.strictObject({ id: z.string().regex(/^\d{1,18}$/, 'must be an announcement id') });

/** A caller manages announcements to units inside their own; "everyone" only from a top-level unit. */
const manages = (unit: string | null, p: Principal) => (unit === null ? !p.orgUnit.includes('.') : orgWithin(unit, p.orgUnit));
const withEditable = (a: AnnouncementRecord, p: Principal) => ({ ...a, editable: p.roles.some((r) => WRITERS.roles.includes(r as never)) && manages(a.orgUnitId, p) });

export function announcementRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const targetUnit = async (body: z.infer<typeof Input>, p: Principal, lang: Lang): Promise<string | null> => {
    const unit = body.orgUnitId === undefined ? p.orgUnit : body.orgUnitId;
    if (!manages(unit, p)) throw unit === null ? codedProblem(403, 'Forbidden', 'announcement.everyone-top-level-only', {}, lang) : codedProblem(403, 'Forbidden', 'org.outside-unit', { unit, org: p.orgUnit }, lang);
    if (unit !== null && !(await knownOrgUnits(pool, [unit])).has(unit)) {
      throw codedProblem(422, 'Unknown org unit', 'org.unknown', { unit }, lang, { errors: [{ path: 'orgUnitId', message: 'unknown org unit' }] });
    }
    return unit;
  };
  const managedOr404 = async (id: string, p: Principal, lang: Lang) => {
    const a = await getAnnouncement(pool, id, p.orgUnit);
    if (!a) throw codedProblem(404, 'Not found', 'announcement.not-visible', { id }, lang);
    if (!manages(a.orgUnitId, p)) {
      throw a.orgUnitId === null
        ? codedProblem(403, 'Forbidden', 'announcement.everyone-above-unit', { id, org: p.orgUnit }, lang)
        : codedProblem(403, 'Forbidden', 'announcement.above-unit', { id, unit: a.orgUnitId, org: p.orgUnit }, lang);
    }
    return a;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/announcements',
      summary: 'Announcements (信息公告) to units inside the caller\'s, and those reaching it from above (react-admin list)',
      tag: 'announcements',
      policy: READERS,
      query: ListQuery,
      response: { status: 200, schema: z.array(Record), description: 'One page of announcements; `editable` says whether the caller may change each' },
      async handler({ res, principal, query }) {
        const { start, limit, offset } = pageOf(query.range);
        const [field, order] = query.sort ?? ['publishedAt', 'DESC'];
        const f = query.filter ?? {};
        const r = await listAnnouncements(pool, { orgUnit: principal.orgUnit, q: f.q, state: f.state, ids: f.id, sort: { field, order }, limit, offset });
        sendList(res, 'announcements', start, r.rows.map((a) => withEditable(a, principal)), r.total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/announcements/:id',
      summary: 'One announcement',
      tag: 'announcements',
      policy: READERS,
      params: IdParams,
      response: { status: 200, schema: Record, description: 'The announcement' },
      async handler({ req, res, principal, params }) {
        const a = await getAnnouncement(pool, params.id, principal.orgUnit);
        if (!a) throw codedProblem(404, 'Not found', 'announcement.not-visible', { id: params.id }, detailLanguage(req));
        res.json(withEditable(a, principal));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/announcements',
      summary: 'Publish an announcement to a unit inside the caller\'s (default: the caller\'s unit); publishedAt in the future schedules it',
      tag: 'announcements',
      policy: WRITERS,
      body: Input,
      response: { status: 201, schema: Record, description: 'The announcement' },
      async handler({ req, res, principal, body }) {
        const unit = await targetUnit(body, principal, detailLanguage(req));
        const id = await createAnnouncement(pool, { orgUnitId: unit, title: body.title, body: body.body, pinned: body.pinned, publishedAt: body.publishedAt, expiresAt: body.expiresAt ?? undefined, createdBy: principal.username });
        res.status(201).location(`/api/announcements/${id}`).json(withEditable((await getAnnouncement(pool, id, principal.orgUnit))!, principal));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/announcements/:id',
      summary: 'Change an announcement addressed inside the caller\'s org unit',
      tag: 'announcements',
      policy: WRITERS,
      params: IdParams,
      body: Input,
      response: { status: 200, schema: Record, description: 'The announcement' },
      async handler({ req, res, principal, params, body }) {
        const before = await managedOr404(params.id, principal, detailLanguage(req));
        const unit = await targetUnit(body, principal, detailLanguage(req));
        await updateAnnouncement(pool, params.id, {
          orgUnitId: unit, title: body.title, body: body.body, pinned: body.pinned, publishedAt: body.publishedAt ?? before.publishedAt, expiresAt: body.expiresAt ?? null, updatedBy: principal.username,
        });
        res.json(withEditable((await getAnnouncement(pool, params.id, principal.orgUnit))!, principal));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/announcements/:id',
      summary: 'Withdraw an announcement (deleted; the audit trail keeps the request)',
      tag: 'announcements',
      policy: WRITERS,
      params: IdParams,
      response: { status: 200, schema: Record, description: 'The withdrawn announcement' },
      async handler({ req, res, principal, params }) {
        const a = await managedOr404(params.id, principal, detailLanguage(req));
        await deleteAnnouncement(pool, params.id);
        res.json({ ...withEditable(a, principal), editable: false });
      },
    }),
  ];
}
