import { z } from 'zod';
import { IMPORT_HEADERS, type ImportHeaderKind } from './importHeaders';
import { acceptedValues, IMPORT_VALUE_COLUMNS } from './importValues';

// The request bodies of the bulk imports (POST /api/imports/…), documented from the row schemas: every column's name,
// type, whether it is required, and what it holds.

export interface ImportColumn {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

type JsonSchema = { type?: string | string[]; enum?: unknown[]; format?: string; description?: string };

function typeOf(s: JsonSchema): string {
  if (s.enum) return `one of ${s.enum.join(', ')}`;
  if (s.format === 'date') return 'date';
  if (s.format === 'date-time') return 'date-time';
  if (Array.isArray(s.type)) return s.type.includes('number') ? 'decimal' : s.type.join(' or ');
  return s.type ?? 'text';
}

/** A row schema's columns, in order. Required: a row without the column is refused (the rule the upload's CSV header check applies). */
export function importColumns(row: z.ZodObject): ImportColumn[] {
  const js = z.toJSONSchema(row, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema> };
  return Object.entries(row.shape).map(([name, field]) => {
    const s = js.properties?.[name] ?? {};
    return { name, type: typeOf(s), required: !(field as z.ZodType).safeParse(undefined).success, description: s.description ?? '' };
  });
}

function columnTable(kind: string, row: z.ZodObject): string {
  const cell = (t: string) => t.replace(/\|/g, '\\|');
  const specs = IMPORT_HEADERS[kind as ImportHeaderKind] ?? [];
  const zh = (name: string) => {
    const s = specs.find((x) => x.field === name);
    return s ? [s.zh, ...(s.synonyms ?? [])].join(' / ') : '';
  };
  const coded = IMPORT_VALUE_COLUMNS[kind as ImportHeaderKind] ?? {};
  // A coded column's values by their Chinese names too (domain/importValues.ts).
  const type = (c: ImportColumn) => (coded[c.name] ? `${coded[c.name].open ? 'text, or one of' : 'one of'} ${acceptedValues(coded[c.name].set)}` : c.type);
  const lines = importColumns(row).map((c) => `| ${c.name} | ${cell(zh(c.name))} | ${cell(type(c))} | ${c.required ? 'yes' : 'no'} | ${cell(c.description)} |`);
  return ['| column | 中文表头 (also accepted) | type | required | description |', '|---|---|---|---|---|', ...lines].join('\n');
}

/**
 * The OpenAPI request body of an import: CSV (first line: the column names), NDJSON (one object per line) or a JSON
 * array of row objects, with a column table per kind.
 */
export function importRequestBody(kinds: Record<string, z.ZodObject>): { description: string; content: Record<string, z.ZodType> } {
  const names = Object.keys(kinds);
  const one = names.length === 1;
  const tables = names.map((k) => (one ? columnTable(k, kinds[k]) : `**${k}**\n\n${columnTable(k, kinds[k])}`)).join('\n\n');
  const arrays = names.map((k) => z.array(kinds[k]).meta({ title: k }));
  return {
    description: [
      'Rows as text/csv (RFC 4180, up to 64 MB; UTF-8 with or without a BOM, UTF-16 with a BOM, or GBK/GB18030 — the Content-Type\'s ',
      'charset when given, else detected; the first line names the columns by their English or Chinese headers ',
      '(domain/importHeaders.ts), in any order; optional columns may be left out or empty), ',
      'application/x-ndjson (one JSON object per line) or application/json (an array of row objects, up to 256 kB). ',
      'Every row is validated; the first rejected rows are reported with their line and reasons, the rest counted by reason.',
      one ? '' : ' The columns depend on the kind (the path\'s last segment):',
      `\n\n${tables}`,
    ].join(''),
    content: {
      'text/csv': z.string().describe('CSV text: a header line with the column names, then one line per row'),
      'application/x-ndjson': z.string().describe('One JSON object per line, its fields named as the columns'),
      'application/json': arrays.length === 1 ? arrays[0] : z.union(arrays as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]),
    },
  };
}
