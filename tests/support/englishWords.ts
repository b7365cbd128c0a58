// The zh-CN pages' check (#16): text the workflow or the API wrote in English leaks into a Chinese page as Latin-letter
// words ("inspector2 is not an inspector of station …", "fieldOnTime", "residential → commercial"). Given a page's
// text, `englishWords` returns those words; what a Chinese page legitimately shows in Latin letters stays out: ids and
// codes (account numbers, case numbers, station codes such as HB.XN.XA.WQ, rule codes such as THEFT_DROP, user
// names with digits), units (kWh, kVA, km), acronyms written in capitals (ID, GPS, EXIF), URLs, file names, and the
// product and brand names below.

/** Words a Chinese page may show as they are (compared case-sensitively). */
export const ALLOWED_WORDS: readonly string[] = [
  // units
  'kWh', 'kW', 'kVA', 'kV', 'MWh', 'km', 'm', 'h', 'min', 's', 'ms', 'px', 'KB', 'MB', 'GB', 'dB',
  // product, brands, formats and systems users know by their Latin names
  'jicha', 'MapLibre', 'OpenStreetMap', 'OSM', 'Keycloak', 'Temporal', 'SeaweedFS', 'MinIO', 'Android', 'iOS', 'Windows', 'Excel',
  'WeChat', 'Chromium', 'Chrome', 'Safari', 'Firefox', 'react-admin', 'jpg', 'jpeg', 'png', 'webp', 'heic', 'mp4', 'webm', 'pdf', 'csv', 'ndjson', 'json',
];

export interface EnglishWordsOptions {
  /** More words the page may show (a test's own fixture names). */
  allow?: readonly string[];
}

const URL_OR_MAIL = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const FILE_NAME = /\b[\w-]+\.(?:jpe?g|png|webp|heic|gif|mp4|webm|m4a|mp3|wav|pdf|csv|ndjson|json|xlsx?|txt)\b/gi;
// A run of Latin letters with the digits, dots, underscores, hyphens and apostrophes that join it into one token.
const TOKEN = /[A-Za-z0-9][A-Za-z0-9._'’-]*/g;

/** A token that is an id or a code, not a word: it holds a digit, or it is written in capitals (HB.XN.XA.WQ, THEFT_DROP, ID). */
function isCode(token: string): boolean {
  if (/[a-z][A-Z]/.test(token)) return false; // camelCase is a program's name (fieldOnTime, WrongStage), never a code for people
  if (/\d/.test(token)) return !/_[a-z]|[a-z]_/.test(token); // inspector2, SG186, 2026-12-04; not escalation_tier1
  return /^[A-Z][A-Z0-9._-]*$/.test(token) && token.length >= 2;
}

/**
 * The English words in a page's text, in order of first appearance, each once. Empty when the page speaks Chinese
 * (with its ids, codes, units and brand names).
 */
export function englishWords(text: string, options: EnglishWordsOptions = {}): string[] {
  const allowed = new Set([...ALLOWED_WORDS, ...(options.allow ?? [])]);
  const cleaned = text.replace(URL_OR_MAIL, ' ').replace(FILE_NAME, ' ');
  const found: string[] = [];
  for (const m of cleaned.matchAll(TOKEN)) {
    const token = m[0].replace(/[._'’-]+$/, ''); // a sentence's full stop or a trailing hyphen is not part of the word
    if (!/[A-Za-z]/.test(token) || allowed.has(token) || isCode(token)) continue;
    // a dotted or hyphenated token is a code when its parts are (kWh/月 is split by the slash already)
    const parts = token.split(/[._'’-]+/).filter(Boolean);
    if (parts.length > 1 && parts.every((p) => allowed.has(p) || isCode(p) || !/[A-Za-z]/.test(p))) continue;
    if (token.length === 1 && token !== 'a') continue; // a lone letter is a label (A 区, x 轴), except the article
    if (!found.includes(token)) found.push(token);
  }
  return found;
}
