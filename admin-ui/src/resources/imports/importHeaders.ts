import type { ApiResponse } from '../../data/api';
import { toCsv } from '../../export/toCsv';

/** GET /api/imports/headers: every kind's columns (English and Chinese header, synonyms, required, example). */
export type ImportHeaderTable = ApiResponse<'/api/imports/headers'>;
export type ImportHeaderColumn = ImportHeaderTable['kinds'][number]['columns'][number];
export type TemplateLanguage = 'zh' | 'en';

/** A coded column's example in the template's language: the Chinese template names the value in Chinese (居民生活用电, not residential). */
const exampleOf = (c: ImportHeaderColumn, lang: TemplateLanguage) => (lang === 'zh' ? c.values?.find((v) => v.code === c.example)?.zh ?? c.example : c.example);

/** A kind's template: its headers in one language and an example row, UTF-8 with a BOM so Excel opens it in Chinese. */
export function templateCsv(columns: readonly ImportHeaderColumn[], lang: TemplateLanguage): string {
  return toCsv(columns.map((c) => (lang === 'zh' ? c.zh : c.field)), [columns.map((c) => exampleOf(c, lang))]);
}

/** What a coded column accepts, as the import page lists it: 居民生活用电（residential）、…; null for a free column. */
export const acceptedValues = (c: ImportHeaderColumn) => (c.values?.length ? c.values.map((v) => `${v.zh}（${v.code}）`).join('、') : null);

/** The template's file name (downloadCSV adds `.csv`). */
export const templateFileName = (kind: string, lang: TemplateLanguage) => `${kind}-${lang === 'zh' ? '中文表头' : 'english-headers'}-template`;

/** A refused header row's problem: the field errors with a code the catalogue words, with their params. */
export interface HeaderFieldError {
  path?: string;
  message?: string;
  code?: string;
  params?: Record<string, string | number | null>;
}

/** The catalogue key of a header or value code (`import.header.unknown` → `resources.imports.problems.header.unknown`), or null. */
export const headerProblemKey = (code: string | undefined) => (code?.startsWith('import.header.') || code?.startsWith('import.value.') ? `resources.imports.problems.${code.slice('import.'.length)}` : null);
