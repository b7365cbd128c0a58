import crypto from 'node:crypto';
import type pg from 'pg';
import type { z } from 'zod';
import type { Principal } from '../../domain/roles';
import { AskBody } from '../../domain/consultationSchemas';
import { getConsultation, insertConsultation, type ConsultationRecord } from '../../db/consultations';
import { codedProblem } from '../../http/problem';
import type { Lang } from '../../domain/text';
import { caseVisible } from '../access/caseAccess';

// 咨询: a question asked from the back office or a terminal, stored in the asker's own unit.

export { AskBody };

/** Stores a question asked by the caller in their own unit (back office or terminal); 422 for a case they may not see. */
export async function askConsultation(pool: pg.Pool, p: Principal, body: z.infer<typeof AskBody>, deviceId: string | null, lang: Lang = 'zh-CN'): Promise<ConsultationRecord> {
  if (body.caseId && !(await caseVisible(pool, body.caseId, p))) {
    throw codedProblem(422, 'Unknown case', 'case.not-visible', { id: body.caseId }, lang, { errors: [{ path: 'caseId', message: 'no such case among the cases you may see' }] });
  }
  const id = crypto.randomUUID();
  await insertConsultation(pool, { id, orgUnitId: p.orgUnit, askedBy: p.username, deviceId, ...body });
  return (await getConsultation(pool, id, p.orgUnit))!;
}

export { CONSULTATION_SORT, getConsultation, listConsultations, transitionConsultation, type ConsultationRecord } from '../../db/consultations';
