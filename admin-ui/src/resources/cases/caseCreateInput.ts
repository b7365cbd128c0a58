import { CASE_ORIGINS, type CaseOrigin } from './caseEnums';
import type { ApiBody } from '../../data/api';

/** Body of POST /api/cases. */
export type CaseCreateInput = ApiBody<'/api/cases'>;

export const ACCOUNT_NO_PATTERN = /^\d{10}$/;
export const NOTE_MAX_LENGTH = 500;
export const DEFAULT_ORIGIN: CaseOrigin = 'custom';

const isOrigin = (value: unknown): value is CaseOrigin =>
  typeof value === 'string' && (CASE_ORIGINS as readonly string[]).includes(value);

/**
 * Form values → body of POST /api/cases: only the three known fields, the account
 * number trimmed, and `note` left out when blank (the API treats it as optional).
 */
export function toCaseCreateInput(values: Record<string, unknown>): CaseCreateInput {
  const accountNo = typeof values.customerAccountNo === 'string' ? values.customerAccountNo : '';
  const note = typeof values.note === 'string' ? values.note.trim() : '';
  return {
    customerAccountNo: accountNo.trim(),
    origin: isOrigin(values.origin) ? values.origin : DEFAULT_ORIGIN,
    ...(note !== '' ? { note } : {}),
  };
}
