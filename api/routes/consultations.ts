import { z } from 'zod';
import type pg from 'pg';
import type { Principal } from '../../domain/roles';
import { actionsFrom, CONSULTATION_ACTIONS, CONSULTATION_TOPICS, ConsultationStatus, type ConsultationAction } from '../../domain/contentStatus';
import { CONSULTATION_SORT, getConsultation, listConsultations, transitionConsultation, type ConsultationRecord } from '../../services/content/consultations';
import { ConsultationRecord as ConsultationSchema } from '../../domain/contentSchemas';
import { getRegulation } from '../../services/content/regulations';
import { defineRoute, type RouteDef } from '../../http/route';
import { oneOrMany, sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';
import type { Lang } from '../../domain/text';
import { AskBody, askConsultation } from '../../services/content/consultations';
import { assertTransition, pageOf, raListQuery, UuidParams } from './contentList';

// 咨询管理: inspectors and stations ask about policy and procedure; supervisors and managers of a unit above answer,
// optionally citing a regulation. Everyone in a unit sees its questions and answers (a shared FAQ of the unit).

const PARTICIPANTS = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;
const ANSWERERS = ['supervisor', 'manager'] as const;
/** The refusal of a participant closing someone else's question (a rule of the action, not of data scope). */
export const NOT_ASKER = 'urn:jicha:consultation:not-asker';

const AnswerBody = z.strictObject({
  answer: z.string().trim().min(2, 'at least 2 characters').max(10_000),
  regulationId: z.string().min(1).max(100).nullable().optional(),
});

const Record = ConsultationSchema.extend({ actions: z.array(z.enum(Object.keys(CONSULTATION_ACTIONS) as [ConsultationAction])) });

const ListQuery = raListQuery(Object.keys(CONSULTATION_SORT) as [keyof typeof CONSULTATION_SORT], z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  status: oneOrMany(ConsultationStatus).optional(),
  topic: oneOrMany(z.enum(CONSULTATION_TOPICS)).optional(),
  askedBy: z.string().min(1).max(100).optional(),
  mine: z.boolean().optional(),
  id: oneOrMany(z.uuid()).optional(),
}));

const isAnswerer = (p: Principal) => p.roles.some((r) => (ANSWERERS as readonly string[]).includes(r));

/** The actions this caller may take now: answerers answer and close; the asker closes their own question. */
export function consultationActionsFor(k: Pick<ConsultationRecord, 'status' | 'askedBy'>, p: Principal): ConsultationAction[] {
  return actionsFrom(CONSULTATION_ACTIONS, k.status).filter((a) => isAnswerer(p) || (a === 'close' && k.askedBy === p.username));
}

export interface ConsultationDeps {
  pool: pg.Pool;
}

export function consultationRoutes({ pool }: ConsultationDeps): RouteDef[] {
  const getOr404 = async (id: string, p: Principal, lang: Lang) => {
    const k = await getConsultation(pool, id, p.orgUnit);
    if (!k) throw codedProblem(404, 'Not found', 'consultation.not-visible', { id }, lang);
    return k;
  };
  const reply = (k: ConsultationRecord, p: Principal) => ({ ...k, actions: consultationActionsFor(k, p) });
  return [
    defineRoute({
      method: 'get',
      path: '/consultations',
      summary: 'Consultations (咨询管理) asked inside the caller\'s org unit (react-admin list; filter.mine: the caller\'s own)',
      tag: 'consultations',
      policy: { roles: PARTICIPANTS, scope: 'org' },
      query: ListQuery,
      response: { status: 200, schema: z.array(Record), description: 'One page; `actions` lists what the caller may do now' },
      async handler({ res, principal, query }) {
        const { start, limit, offset } = pageOf(query.range);
        const [field, order] = query.sort ?? ['createdAt', 'DESC'];
        const f = query.filter ?? {};
        const askedBy = f.mine ? principal.username : f.askedBy;
        if (f.mine && f.askedBy && f.askedBy !== principal.username) {
          sendList(res, 'consultations', start, [], 0);
          return;
        }
        const r = await listConsultations(pool, { orgUnit: principal.orgUnit, q: f.q, status: f.status, topic: f.topic, askedBy, ids: f.id, sort: { field, order }, limit, offset });
        sendList(res, 'consultations', start, r.rows.map((k) => reply(k, principal)), r.total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/consultations/:id',
      summary: 'One consultation with its answer',
      tag: 'consultations',
      policy: { roles: PARTICIPANTS, scope: 'org' },
      params: UuidParams,
      response: { status: 200, schema: Record, description: 'The consultation' },
      async handler({ req, res, principal, params }) {
        res.json(reply(await getOr404(params.id, principal, detailLanguage(req)), principal));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/consultations',
      summary: 'Ask a question (in the caller\'s own unit)',
      tag: 'consultations',
      policy: { roles: PARTICIPANTS, scope: 'self' },
      body: AskBody,
      response: { status: 201, schema: Record, description: 'The consultation, open' },
      async handler({ req, res, principal, body }) {
        const k = await askConsultation(pool, principal, body, null, detailLanguage(req));
        res.status(201).location(`/api/consultations/${k.id}`).json(reply(k, principal));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/consultations/:id/answer',
      summary: 'Answer an open consultation inside the caller\'s org unit, optionally citing a regulation; 409 unless open',
      tag: 'consultations',
      policy: { roles: ANSWERERS, scope: 'org' },
      params: UuidParams,
      body: AnswerBody,
      response: { status: 200, schema: Record, description: 'The consultation, answered' },
      async handler({ req, res, principal, params, body }) {
        if (body.regulationId && !(await getRegulation(pool, body.regulationId))) {
          throw codedProblem(422, 'Unknown regulation', 'regulation.unknown', { id: body.regulationId }, detailLanguage(req), { errors: [{ path: 'regulationId', message: 'no such regulation' }] });
        }
        const o = await transitionConsultation(pool, { id: params.id, orgUnit: principal.orgUnit, action: 'answer', answer: body.answer, regulationId: body.regulationId, by: principal.username });
        assertTransition(o, 'consultation', 'answer', CONSULTATION_ACTIONS.answer.from, detailLanguage(req));
        res.json(reply(await getOr404(params.id, principal, detailLanguage(req)), principal));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/consultations/:id/close',
      summary: 'Close a consultation (the asker their own; supervisors and managers any inside their unit); 409 when already closed',
      tag: 'consultations',
      policy: { roles: PARTICIPANTS, scope: 'org' },
      params: UuidParams,
      body: z.strictObject({}),
      response: { status: 200, schema: Record, description: 'The consultation, closed' },
      async handler({ req, res, principal, params }) {
        const k = await getOr404(params.id, principal, detailLanguage(req));
        if (!isAnswerer(principal) && k.askedBy !== principal.username) {
          throw codedProblem(403, 'Not the asker', 'consultation.not-asker', {}, detailLanguage(req), { type: NOT_ASKER });
        }
        const o = await transitionConsultation(pool, { id: params.id, orgUnit: principal.orgUnit, action: 'close', by: principal.username });
        assertTransition(o, 'consultation', 'close', CONSULTATION_ACTIONS.close.from, detailLanguage(req));
        res.json(reply(await getOr404(params.id, principal, detailLanguage(req)), principal));
      },
    }),
  ];
}
