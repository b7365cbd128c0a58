import type { ApiBody, ApiItem } from '../../data/api';
import { problemKey } from '../../data/refusal';

// The tariff catalogue (电价目录) as the back office reads it (GET /api/tariffs: each category with the price in force
// on a day) and the dated price version an admin or manager adds (POST /api/tariffs/prices; domain/tariffs.ts).

export type TariffEntry = ApiItem<'/api/tariffs'>;
export type TariffPrice = NonNullable<TariffEntry['price']>;
export type TariffPriceBody = ApiBody<'/api/tariffs/prices'>;

/** One category across provinces: "HB:large_industrial". */
export const categoryKey = (e: { province: string; code: string }) => `${e.province}:${e.code}`;

/** A category's name in the user's language. */
export const categoryName = (e: { nameZh: string; nameEn: string }, locale: string) => (locale.startsWith('zh') ? e.nameZh : e.nameEn);

/** The day before a YYYY-MM-DD day (calendar arithmetic in UTC: no time zone moves a date). */
export function dayBefore(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) - 24 * 3600_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The API's own cap on a history walk: tariffs change a few times a decade, this only stops a runaway loop. */
export const HISTORY_MAX = 50;

/**
 * The price versions of one category, newest first, read from the catalogue alone: the version in force on a day,
 * then the one in force the day before it took effect, and so on until none was in force (the API has no list of
 * versions; each step is one GET /api/tariffs?on=…).
 */
export async function priceHistory(
  entriesOn: (day: string) => Promise<readonly TariffEntry[]>,
  category: { province: string; code: string },
  from: TariffPrice | null,
): Promise<TariffPrice[]> {
  const out: TariffPrice[] = [];
  let current = from;
  while (current && out.length < HISTORY_MAX) {
    out.push(current);
    const earlier = (await entriesOn(dayBefore(current.effectiveFrom))).find((e) => categoryKey(e) === categoryKey(category));
    current = earlier?.price ?? null;
  }
  return out;
}

// ---- the "新增电价版本" form --------------------------------------------------------------------------------------

export interface PriceDraft {
  /** categoryKey of the chosen category, '' before one is chosen. */
  category: string;
  effectiveFrom: string;
  /** yuan/kWh as typed */
  price: string;
  /** yuan/kVA·month as typed (two-part categories); '' when not given */
  basicFee: string;
  source: string;
}

export type PriceField = 'category' | 'effectiveFrom' | 'price' | 'basicFee' | 'source';

/** The form's own checks (the API's rules: domain/tariffs.ts and the table's numeric precision). */
export const PRICE_FORM_ERROR_CODES = [
  'tariff.category-required',
  'tariff.date-invalid',
  'tariff.price-invalid',
  'tariff.price-range',
  'tariff.price-precision',
  'tariff.basic-fee-invalid',
  'tariff.basic-fee-range',
  'tariff.basic-fee-precision',
  'tariff.source-length',
] as const;

export const PRICE_MAX = 100;
export const BASIC_FEE_MAX = 1000;
export const SOURCE_MIN = 2;
export const SOURCE_MAX = 300;

export interface PriceFieldError {
  field: PriceField;
  code: string;
  params?: Record<string, unknown>;
  /** The server's words, for a code the catalogues do not know. */
  message?: string;
}

export const emptyPriceDraft = (effectiveFrom: string, category = ''): PriceDraft => ({ category, effectiveFrom, price: '', basicFee: '', source: '' });

const decimals = (s: string) => (s.includes('.') ? s.split('.')[1]!.length : 0);
const NUMBER = /^\d+(\.\d+)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function validatePriceDraft(draft: PriceDraft, entries: readonly TariffEntry[]): PriceFieldError[] {
  const errors: PriceFieldError[] = [];
  const category = entries.find((e) => categoryKey(e) === draft.category);
  if (!category) errors.push({ field: 'category', code: 'tariff.category-required' });
  if (!validDay(draft.effectiveFrom)) errors.push({ field: 'effectiveFrom', code: 'tariff.date-invalid' });
  const price = draft.price.trim();
  if (!NUMBER.test(price)) errors.push({ field: 'price', code: 'tariff.price-invalid' });
  else if (!(Number(price) > 0 && Number(price) <= PRICE_MAX)) errors.push({ field: 'price', code: 'tariff.price-range', params: { max: PRICE_MAX } });
  else if (decimals(price) > 4) errors.push({ field: 'price', code: 'tariff.price-precision' });
  const fee = draft.basicFee.trim();
  if (fee !== '') {
    if (!NUMBER.test(fee)) errors.push({ field: 'basicFee', code: 'tariff.basic-fee-invalid' });
    else if (Number(fee) > BASIC_FEE_MAX) errors.push({ field: 'basicFee', code: 'tariff.basic-fee-range', params: { max: BASIC_FEE_MAX } });
    else if (decimals(fee) > 2) errors.push({ field: 'basicFee', code: 'tariff.basic-fee-precision' });
  }
  const source = draft.source.trim();
  if (source.length < SOURCE_MIN || source.length > SOURCE_MAX) errors.push({ field: 'source', code: 'tariff.source-length', params: { min: SOURCE_MIN, max: SOURCE_MAX } });
  return errors;
}

/** The POST body of a valid draft (validatePriceDraft found nothing). */
export function toPriceBody(draft: PriceDraft, entries: readonly TariffEntry[]): TariffPriceBody {
  const category = entries.find((e) => categoryKey(e) === draft.category);
  if (!category) throw new Error(`unknown category ${draft.category}`);
  const fee = draft.basicFee.trim();
  return {
    province: category.province,
    code: category.code,
    effectiveFrom: draft.effectiveFrom,
    priceYuanPerKwh: Number(draft.price.trim()),
    ...(fee !== '' ? { basicFeeYuanPerKvaMonth: Number(fee) } : {}),
    source: draft.source.trim(),
  };
}

/** Where each field of the POST body sits on the form. */
const FIELD_OF_PATH: Readonly<Record<string, PriceField>> = {
  province: 'category',
  code: 'category',
  effectiveFrom: 'effectiveFrom',
  priceYuanPerKwh: 'price',
  basicFeeYuanPerKvaMonth: 'basicFee',
  source: 'source',
};

export interface ServerFieldError {
  path?: string;
  code?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The API's refusal (errors[] of its problem, or its own code) on the form's fields; null field = above the form. */
export function serverPriceErrors(problemErrors: readonly ServerFieldError[] | undefined, code: string | undefined): Array<PriceFieldError | (Omit<PriceFieldError, 'field'> & { field: null })> {
  if (problemErrors?.length) {
    return problemErrors.map((e) => ({ field: FIELD_OF_PATH[e.path ?? ''] ?? null, code: e.code ?? '', params: e.params, message: e.message }));
  }
  return code ? [{ field: null, code }] : [];
}

/** The catalogue key of an error code: the form's own (resources.tariffs.errors.*) or the API's (app.problems.money.tariff.*). */
export function priceErrorKey(code: string): string | null {
  if ((PRICE_FORM_ERROR_CODES as readonly string[]).includes(code)) return `resources.tariffs.errors.${code.slice('tariff.'.length)}`;
  const key = problemKey(code, null);
  return key ? `app.problems.${key}` : null;
}
