import { z } from 'zod';
import { CONSULTATION_TOPICS } from './contentStatus';

/** A question (咨询) as asked from the back office or a terminal. */
export const AskBody = z.strictObject({
  topic: z.enum(CONSULTATION_TOPICS),
  subject: z.string().trim().min(2, 'at least 2 characters').max(200),
  question: z.string().trim().min(5, 'at least 5 characters').max(4000),
  caseId: z.uuid('must be a case id (UUID)').optional(),
});
