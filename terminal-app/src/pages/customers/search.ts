// What GET /mobile/v1/customers accepts as `q` (domain/terminalSchemas.ts CustomerSearchQuery): trimmed, 2 to 100
// characters (UTF-16 units, as zod counts them — so one Chinese character is not enough). Checked here first so the
// app explains a short query instead of sending it and showing a 400.

export const SEARCH_MIN = 2;
export const SEARCH_MAX = 100;
/** How many hits a search asks for; a full page means more may match (the user should narrow the query). */
export const SEARCH_LIMIT = 20;
/** Wait after the last keystroke before searching: typing a name on a phone keyboard comes in bursts. */
export const SEARCH_DEBOUNCE_MS = 350;

export type QueryCheck =
  | { ok: true; q: string; kind: 'account' | 'text' }
  | { ok: false; reason: 'empty' | 'short' | 'long' | 'control' };

// NUL and C0 controls other than tab/LF/CR, and lone surrogates, are refused by the API anywhere (domain/text.ts).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkQuery(raw: string): QueryCheck {
  const q = raw.trim();
  if (q === '') return { ok: false, reason: 'empty' };
  if (CONTROL.test(q) || LONE_SURROGATE.test(q)) return { ok: false, reason: 'control' };
  if (q.length < SEARCH_MIN) return { ok: false, reason: 'short' };
  if (q.length > SEARCH_MAX) return { ok: false, reason: 'long' };
  // All digits: the API matches it as an account-number prefix (and also in names and addresses).
  return { ok: true, q, kind: /^\d+$/.test(q) ? 'account' : 'text' };
}

/** A whole 户号: ten digits (domain/case.ts AccountNo). */
export const isAccountNo = (s: string): boolean => /^\d{10}$/.test(s.trim());
