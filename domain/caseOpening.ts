import { z } from 'zod';
import { CaseRecord } from './case';

// One open case per customer (#17): what opening a case answers when the customer already has one. Codes + params,
// with both texts, so the terminal and the back office can show them and a log reader sees what the caller saw.

export const EXISTING_CASE_CODE = 'case-open:ExistingCase';
export const DUPLICATE_REASON_NOT_ALLOWED_CODE = 'case-open:DuplicateReasonNotAllowed';

export const DuplicateReason = z.string().trim().min(2, 'at least 2 characters').max(200, 'at most 200 characters');

export const OpenMessage = z.object({
  code: z.string(),
  params: z.record(z.string(), z.string().nullable()),
  textZh: z.string(),
  textEn: z.string(),
});
export type OpenMessage = z.infer<typeof OpenMessage>;

/** 200 instead of 201: no case was opened; this is the customer's case already open. */
export const ExistingCaseAnswer = CaseRecord.extend({
  existing: z.literal(true).describe('The customer already had this open case; no second case was opened'),
  message: OpenMessage,
});

const ORIGIN_ZH: Record<string, string> = { routine: '常态稽查', special: '专项稽查', custom: '自定义稽查' };
const ORIGIN_EN: Record<string, string> = { routine: 'routine audit', special: 'special audit', custom: 'custom audit' };

export function existingCaseMessage(caseNo: string | null, origin: string): OpenMessage {
  const no = caseNo ?? '（登记中）';
  return {
    code: EXISTING_CASE_CODE,
    params: { caseNo, origin },
    textZh: `该客户已有未办结的稽查工单 ${no}（${ORIGIN_ZH[origin] ?? origin}），未重复立案；如确需另立，请稽查专责或管理人员填写重复立案原因。`,
    textEn: `This customer already has an open case ${caseNo ?? '(being recorded)'} (${ORIGIN_EN[origin] ?? origin}); no second case was opened. A supervisor or manager may open one deliberately with a duplicate reason.`,
  };
}

/** Roles that may open a second case next to an open one, with a reason. */
export const DUPLICATE_OPENERS = ['supervisor', 'manager'] as const;
