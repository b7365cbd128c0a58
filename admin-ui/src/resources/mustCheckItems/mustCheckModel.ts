import type { ApiBody, ApiItem } from '../../data/api';

// 四必查 per problem type (GET/PUT /api/must-check-items, domain/mustCheck.ts): the editor's rows, its checks (the
// API's own rules, in the user's language before anything is sent) and the API's 422 field errors put on the rows.

export type MustCheckConfig = ApiItem<'/api/must-check-items'>;
export type MustCheckItem = MustCheckConfig['items'][number];
export type MustCheckItemsBody = ApiBody<'/api/must-check-items/{problemType}', 'put'>;

/** The API's rules (domain/mustCheck.ts MustCheckItem, MustCheckItems). */
export const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,49}$/;
export const TEXT_MIN = 2;
export const TEXT_MAX = 200;
export const ITEMS_MIN = 1;
export const ITEMS_MAX = 20;

export type ItemField = 'code' | 'textZh' | 'textEn';

export const MUST_CHECK_ERROR_CODES = [
  'must-check.code-format',
  'must-check.code-duplicate',
  'must-check.text-length',
  'must-check.too-few',
  'must-check.too-many',
  // an API refusal the editor's checks did not foresee: its words, on the row and field it names
  'must-check.server',
] as const;

export interface ItemError {
  /** The row (index in the list), or null for the list as a whole. */
  row: number | null;
  field: ItemField | null;
  code: (typeof MUST_CHECK_ERROR_CODES)[number];
  params?: Record<string, unknown>;
}

export const errorKey = (code: ItemError['code']) => `resources.must-check-items.errors.${code.slice('must-check.'.length)}`;

export const emptyItem = (): MustCheckItem => ({ code: '', textZh: '', textEn: '' });

/** The rows as the API stores them: codes and texts trimmed (the API trims texts; a code with spaces is refused). */
export const toItemsBody = (items: readonly MustCheckItem[]): MustCheckItemsBody['items'] =>
  items.map((i) => ({ code: i.code.trim(), textZh: i.textZh.trim(), textEn: i.textEn.trim() }));

export function validateItems(items: readonly MustCheckItem[]): ItemError[] {
  const errors: ItemError[] = [];
  if (items.length < ITEMS_MIN) errors.push({ row: null, field: null, code: 'must-check.too-few', params: { min: ITEMS_MIN } });
  if (items.length > ITEMS_MAX) errors.push({ row: null, field: null, code: 'must-check.too-many', params: { max: ITEMS_MAX } });
  const firstRow = new Map<string, number>();
  toItemsBody(items).forEach((item, row) => {
    if (!CODE_PATTERN.test(item.code)) errors.push({ row, field: 'code', code: 'must-check.code-format' });
    else if (firstRow.has(item.code)) errors.push({ row, field: 'code', code: 'must-check.code-duplicate', params: { code: item.code, row: firstRow.get(item.code)! + 1 } });
    else firstRow.set(item.code, row);
    for (const field of ['textZh', 'textEn'] as const) {
      const n = [...item[field]].length;
      if (n < TEXT_MIN || n > TEXT_MAX) errors.push({ row, field, code: 'must-check.text-length', params: { min: TEXT_MIN, max: TEXT_MAX } });
    }
  });
  return errors;
}

/** Moves row `from` one place up (-1) or down (+1); unchanged at either end. */
export function moveItem<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const out = [...items];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

export interface ServerFieldError {
  path?: string;
  message?: string;
  code?: string;
}

/**
 * The API's 422 field errors (paths `items.<i>.<field>` or `items` for the list, see http/problem.ts fieldErrors) on
 * the rows they name. The API's words are in English (zod's): they are quoted beside the editor's own sentence.
 */
export function serverErrorsOnRows(problemErrors: readonly ServerFieldError[] | undefined): ItemError[] {
  return (problemErrors ?? []).map((e) => {
    const m = /^items(?:\.(\d+)(?:\.(code|textZh|textEn))?)?$/.exec(e.path ?? '');
    const row = m?.[1] !== undefined ? Number(m[1]) : null;
    const field = (m?.[2] as ItemField | undefined) ?? null;
    return { row, field, code: 'must-check.server', params: { message: e.message ?? '' } };
  });
}
