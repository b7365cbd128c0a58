import { z } from 'zod';
import type pg from 'pg';
import { actionsFrom, FEEDBACK_ACTIONS, FEEDBACK_CATEGORIES, FeedbackStatus, type FeedbackAction } from '../../domain/contentStatus';
import { FEEDBACK_SORT, getFeedback, listFeedback, transitionFeedback, type FeedbackRecord } from '../../services/content/feedback';
import { FeedbackRecord as FeedbackSchema } from '../../domain/contentSchemas';
import { defineRoute, type RouteDef } from '../../http/route';
import { oneOrMany, sendList } from '../../http/raList';
import { codedProblem, detailLanguage } from '../../http/problem';
import { assertTransition, pageOf, raListQuery, UuidParams } from './contentList';

// 意见反馈: usage feedback sent from terminals, handled in the back office by the units above the sender:
// open → in_progress → answered (with a reply) or closed; an answered or closed one may be reopened.

const HANDLERS = { roles: ['supervisor', 'manager', 'admin'], scope: 'org' } as const;

const Record = FeedbackSchema.extend({ actions: z.array(z.enum(Object.keys(FEEDBACK_ACTIONS) as [FeedbackAction])) });

const ListQuery = raListQuery(Object.keys(FEEDBACK_SORT) as [keyof typeof FEEDBACK_SORT], z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  status: oneOrMany(FeedbackStatus).optional(),
  category: oneOrMany(z.enum(FEEDBACK_CATEGORIES)).optional(),
  username: z.string().min(1).max(100).optional(),
  id: oneOrMany(z.uuid()).optional(),
}));
const ActionParams = z.strictObject({ id: z.uuid('must be a UUID'), action: z.enum(Object.keys(FEEDBACK_ACTIONS) as [FeedbackAction]) });
const ActionBody = z.strictObject({ reply: z.string().trim().min(2, 'at least 2 characters').max(4000).optional() });

const withActions = (f: FeedbackRecord) => ({ ...f, actions: actionsFrom(FEEDBACK_ACTIONS, f.status) });

export function feedbackRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/feedback',
      summary: 'Usage feedback from terminals inside the caller\'s org unit (react-admin list; filter by status, category, sender)',
      tag: 'feedback',
      policy: HANDLERS,
      query: ListQuery,
      response: { status: 200, schema: z.array(Record), description: 'One page; `actions` lists the status changes legal now' },
      async handler({ res, principal, query }) {
        const { start, limit, offset } = pageOf(query.range);
        const [field, order] = query.sort ?? ['createdAt', 'DESC'];
        const f = query.filter ?? {};
        const r = await listFeedback(pool, { orgUnit: principal.orgUnit, q: f.q, status: f.status, category: f.category, username: f.username, ids: f.id, sort: { field, order }, limit, offset });
        sendList(res, 'feedback', start, r.rows.map(withActions), r.total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/feedback/:id',
      summary: 'One piece of feedback',
      tag: 'feedback',
      policy: HANDLERS,
      params: UuidParams,
      response: { status: 200, schema: Record, description: 'The feedback' },
      async handler({ req, res, principal, params }) {
        const f = await getFeedback(pool, params.id, principal.orgUnit);
        if (!f) throw codedProblem(404, 'Not found', 'feedback.not-visible', { id: params.id }, detailLanguage(req));
        res.json(withActions(f));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/feedback/:id/:action',
      summary: 'Change the status: start (open → in_progress), answer (with reply → answered), close (optional reply), reopen (→ in_progress); 409 when illegal from the current status',
      tag: 'feedback',
      policy: HANDLERS,
      params: ActionParams,
      body: ActionBody,
      response: { status: 200, schema: Record, description: 'The feedback after the change' },
      async handler({ req, res, principal, params, body }) {
        const rule = FEEDBACK_ACTIONS[params.action];
        if (rule.text === 'required' && !body.reply) throw codedProblem(400, 'Invalid request', 'feedback.reply-required', { contentAction: params.action }, detailLanguage(req), { errors: [{ path: 'reply', message: 'required' }] });
        if (rule.text === 'none' && body.reply) throw codedProblem(400, 'Invalid request', 'feedback.reply-not-taken', { contentAction: params.action }, detailLanguage(req), { errors: [{ path: 'reply', message: 'not taken by this action' }] });
        const o = await transitionFeedback(pool, { id: params.id, orgUnit: principal.orgUnit, action: params.action, text: body.reply, by: principal.username });
        assertTransition(o, 'feedback', params.action, rule.from, detailLanguage(req));
        res.json(withActions((await getFeedback(pool, params.id, principal.orgUnit))!));
      },
    }),
  ];
}
