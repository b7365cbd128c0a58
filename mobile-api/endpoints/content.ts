import crypto from 'node:crypto';
import { z } from 'zod';
import type pg from 'pg';
import type { RouteDef } from '../../http/route';
import { codedProblem, detailLanguage } from '../../http/problem';
import { ROLES } from '../../domain/roles';
import { announcementsFor } from '../../services/content/announcements';
import { getRegulation, listRegulations } from '../../services/content/regulations';
import { terminalRoute } from '../terminalRoute';
import { taskCaseInScope } from '../../services/access/caseAccess';
import { FeedbackBody, RegulationParams, RegulationQuery } from '../../domain/terminalSchemas';
import { feedbackOf, insertFeedback } from '../../services/content/feedback';
import { AskBody, askConsultation, listConsultations } from '../../services/content/consultations';
import { ConsultationRecord, FeedbackCreated, FeedbackRecord, Regulation, RegulationPage, TerminalAnnouncement } from '../../domain/contentSchemas';

/** Public query content (法规制度, 通知, 信息公告), usage feedback and consultations (咨询). */
export function contentRoutes(deps: { pool: pg.Pool }): RouteDef[] {
  const { pool } = deps;
  return [
    terminalRoute(deps, {
      method: 'get',
      path: '/regulations',
      summary: 'Laws, regulations and notices (法规制度 / 通知), newest first; search with q',
      policy: { roles: ROLES, scope: 'none' },
      query: RegulationQuery,
      response: { status: 200, schema: RegulationPage, description: 'One page of regulations and notices (without their full text)' },
      async handler({ query }) {
        const r = await listRegulations(pool, { kind: query.kind, q: query.q, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
        return { status: 200, body: { ...r, page: query.page, pageSize: query.pageSize } };
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/regulations/:id',
      summary: 'One regulation or notice with its full text',
      policy: { roles: ROLES, scope: 'none' },
      params: RegulationParams,
      response: { status: 200, schema: Regulation, description: 'The regulation or notice' },
      async handler({ req, params }) {
        const r = await getRegulation(pool, params.id);
        if (!r) throw codedProblem(404, 'Not found', 'regulation.unknown', { id: params.id }, detailLanguage(req));
        return { status: 200, body: r };
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/announcements',
      summary: 'Announcements (信息公告) for the caller\'s unit and the units above it; pinned first',
      policy: { roles: ROLES, scope: 'org' },
      response: { status: 200, schema: z.array(TerminalAnnouncement), description: 'Current announcements, at most 50' },
      async handler({ principal }) {
        return { status: 200, body: await announcementsFor(pool, principal.orgUnit, 50) };
      },
    }),
    terminalRoute(deps, {
      method: 'post',
      path: '/feedback',
      summary: 'Usage feedback (意见反馈) from the terminal',
      policy: { roles: ROLES, scope: 'self' },
      body: FeedbackBody,
      response: { status: 201, schema: FeedbackCreated, description: 'The feedback\'s id' },
      async handler({ principal, body, deviceId }) {
        if (body.caseId) await taskCaseInScope(pool, body.caseId, principal);
        const id = crypto.randomUUID();
        const createdAt = await insertFeedback(pool, { id, username: principal.username, orgUnitId: principal.orgUnit, deviceId, ...body });
        return { status: 201, body: { id, createdAt } };
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/feedback',
      summary: 'The caller\'s own feedback with its status and the back office\'s reply, newest first',
      policy: { roles: ROLES, scope: 'self' },
      response: { status: 200, schema: z.array(FeedbackRecord), description: 'At most 100' },
      async handler({ principal }) {
        return { status: 200, body: await feedbackOf(pool, principal.username, 100) };
      },
    }),
    terminalRoute(deps, {
      method: 'post',
      path: '/consultations',
      summary: 'Ask a policy or procedure question (咨询), answered in the back office by a supervisor or manager',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'self' },
      body: AskBody,
      response: { status: 201, schema: ConsultationRecord, description: 'The consultation, open' },
      async handler({ req, principal, body, deviceId }) {
        return { status: 201, body: await askConsultation(pool, principal, body, deviceId, detailLanguage(req)) };
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/consultations',
      summary: 'The caller\'s own consultations with their answers, newest first',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'self' },
      response: { status: 200, schema: z.array(ConsultationRecord), description: 'At most 100' },
      async handler({ principal }) {
        const r = await listConsultations(pool, { orgUnit: principal.orgUnit, askedBy: principal.username, sort: { field: 'createdAt', order: 'DESC' }, limit: 100, offset: 0 });
        return { status: 200, body: r.rows };
      },
    }),
  ];
}
