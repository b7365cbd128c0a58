import crypto from 'node:crypto';
import { z } from 'zod';
import type pg from 'pg';
import { ROLES } from '../../domain/roles';
import { createRegulation, deleteRegulation, getRegulation, listRegulations, REGULATION_SORT, updateRegulation, type RegulationInput } from '../../services/content/regulations';
import { defineRoute, type RouteDef } from '../../http/route';
import { oneOrMany, sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';
import type { Lang } from '../../domain/text';
import { pageOf, raListQuery } from './contentList';
import { Regulation as Full, RegulationSummary as Summary } from '../../domain/contentSchemas';

// 法规制度 / 通知: laws, regulations and notices that terminals look up (GET /mobile/v1/regulations). National and
// provincial documents, so not org-scoped; managers and admins maintain them.

const READERS = { roles: ROLES, scope: 'none' } as const;
const WRITERS = { roles: ['manager', 'admin'], scope: 'none' } as const;

const RegulationId = z.string().min(3).max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');
const Fields = {
  kind: z.enum(['regulation', 'notice']),
  title: z.string().trim().min(2).max(200),
  issuer: z.string().trim().min(2).max(200),
  docNo: z.string().trim().max(100).nullable().optional(),
  effectiveOn: z.iso.date('must be a date (YYYY-MM-DD)').nullable().optional(),
  summary: z.string().trim().min(2).max(1000),
  body: z.string().trim().min(2).max(100_000),
};
const CreateBody = z.strictObject({ id: RegulationId.optional(), ...Fields });
const UpdateBody = z.strictObject(Fields);


const ListQuery = raListQuery(Object.keys(REGULATION_SORT) as [keyof typeof REGULATION_SORT], z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(['regulation', 'notice']).optional(),
  id: oneOrMany(RegulationId).optional(),
}));
const IdParams = z.strictObject({ id: RegulationId });

const input = (b: z.infer<typeof UpdateBody>): RegulationInput => ({ ...b, docNo: b.docNo || null, effectiveOn: b.effectiveOn ?? null });

export function regulationRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const getOr404 = async (id: string, lang: Lang) => {
    const r = await getRegulation(pool, id);
    if (!r) throw codedProblem(404, 'Not found', 'regulation.unknown', { id }, lang);
    return r;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/regulations',
      summary: 'Laws, regulations and notices without their full text (react-admin list; search with filter.q)',
      tag: 'regulations',
      policy: READERS,
      query: ListQuery,
      response: { status: 200, schema: z.array(Summary), description: 'One page' },
      async handler({ res, query }) {
        const { start, limit, offset } = pageOf(query.range);
        const f = query.filter ?? {};
        const sort = query.sort ? { field: query.sort[0], order: query.sort[1] } : undefined;
        const r = await listRegulations(pool, { kind: f.kind, q: f.q, ids: f.id, sort, limit, offset });
        sendList(res, 'regulations', start, r.items, r.total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/regulations/:id',
      summary: 'One regulation or notice with its full text',
      tag: 'regulations',
      policy: READERS,
      params: IdParams,
      response: { status: 200, schema: Full, description: 'The regulation or notice' },
      async handler({ req, res, params }) {
        res.json(await getOr404(params.id, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/regulations',
      summary: 'Add a regulation or notice (id: a slug; generated when absent)',
      tag: 'regulations',
      policy: WRITERS,
      body: CreateBody,
      response: { status: 201, schema: Full, description: 'The stored document' },
      async handler({ req, res, principal, body }) {
        const { id: given, ...fields } = body;
        const id = given ?? `${body.kind}-${crypto.randomBytes(4).toString('hex')}`;
        if (!(await createRegulation(pool, id, input(fields), principal.username))) {
          throw codedProblem(409, 'Already exists', 'regulation.exists', { id }, detailLanguage(req), { errors: [{ path: 'id', message: 'already exists' }] });
        }
        res.status(201).location(`/api/regulations/${id}`).json(await getOr404(id, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/regulations/:id',
      summary: 'Change a regulation or notice (terminals see the new text on their next look-up)',
      tag: 'regulations',
      policy: WRITERS,
      params: IdParams,
      body: UpdateBody,
      response: { status: 200, schema: Full, description: 'The stored document' },
      async handler({ req, res, principal, params, body }) {
        if (!(await updateRegulation(pool, params.id, input(body), principal.username))) throw codedProblem(404, 'Not found', 'regulation.unknown', { id: params.id }, detailLanguage(req));
        res.json(await getOr404(params.id, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/regulations/:id',
      summary: 'Remove a regulation or notice (consultation answers citing it keep their text, lose the link)',
      tag: 'regulations',
      policy: WRITERS,
      params: IdParams,
      response: { status: 200, schema: Full, description: 'The removed document' },
      async handler({ req, res, params }) {
        const r = await getOr404(params.id, detailLanguage(req));
        await deleteRegulation(pool, params.id);
        res.json(r);
      },
    }),
  ];
}
