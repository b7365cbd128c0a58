import { z } from 'zod';

// Lists at province scale (#19): the saved views of the back office's case list, keyset ("cursor") paging, and the
// message codes a list request may be refused with.

/**
 * Saved views of the case list: 我的待办 (assigned to me or waiting on me by name), 超期 (open and past its
 * deadline), 待我复核 (verification waiting on me or on one of my roles), 三级督办 (the current stage reached
 * escalation tier 3), 疑似虚假工单 (field evidence under presence review); waiting_on_me (等待我处理, the back office's 我的待办
 * page): the current step waits on me by name, or on one of my roles with no one named — the cases of the terminal's
 * 我的任务 (db/mobileTasks.ts myTasks) and of the bell's reminders.
 */
export const CASE_VIEWS = ['mine', 'overdue', 'awaiting_my_review', 'escalation_tier3', 'suspected_fake', 'waiting_on_me'] as const;
export const CaseView = z.enum(CASE_VIEWS);
export type CaseView = z.infer<typeof CaseView>;

/** A list counts at most this many rows; past it the total is reported as this number with `X-Total-Capped: true` ("10000+"). */
export const TOTAL_CAP = 10_000;
/**
 * The cap of a text search's total ("100+"): a common term's count is found by walking the rows (db/textSearch.ts), which
 * must stop early to be fast; at 1 000 a province's 餐馆 cost 700 ms (bench:province), at 100 about 25 ms.
 */
export const SEARCH_TOTAL_CAP = 100;

/** The position after the last row of a page: the sort it was made for, that row's sort key (exact text) and id. */
export const ListCursor = z.strictObject({
  f: z.string().max(40),
  o: z.enum(['ASC', 'DESC']),
  k: z.string().max(300),
  id: z.string().max(64),
});
export type ListCursor = z.infer<typeof ListCursor>;

export { LIST_MESSAGE_CODES, listMessage, type ListMessageCode } from './listTexts';
