import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../pool';
import type { ImportKind } from './importKinds';
import type { ParsedRow } from './parseRows';
import { findHostileText, hostileCharMessage, hostileFieldCode, type Lang } from '../../domain/text';
import type { ImportHeaderKind } from '../../domain/importHeaders';
import { importValueText, namedValues } from '../../domain/importValues';

export interface RowRejection {
  /** CSV and NDJSON: the line in the file (CSV header = line 1); JSON array: the row's 1-based position. */
  line: number;
  errors: { field: string; message: string; code?: string; params?: Record<string, string> }[];
}

export interface ImportReport {
  importId: string;
  kind: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowRejection[];
}

const CHUNK = 2000;

/**
 * Coded cells named in Chinese (or English) become their codes (domain/importValues.ts), then the schema check and the
 * in-file duplicate check; what survives is checked against the database in order. `lang`: the words of the reasons
 * that have a code (an unknown value names the accepted ones).
 */
export function validateRows(
  kind: Pick<ImportKind, 'schema' | 'key' | 'toDb'>, rows: ParsedRow[], { name, lang }: { name: ImportHeaderKind; lang: Lang },
): { valid: { line: number; row: Record<string, unknown> }[]; rejected: RowRejection[] } {
  const rejected: RowRejection[] = [];
  const valid: { line: number; row: Record<string, unknown> }[] = [];
  const firstLine = new Map<string, number>();
  for (const r of rows) {
    if ('error' in r) {
      rejected.push({ line: r.line, errors: [{ field: '(row)', message: r.error }] });
      continue;
    }
    // Upload bodies bypass the route mount's JSON check (CSV and NDJSON are text; a JSON array is left to this, so every
    // format answers alike): text no request may carry rejects its row, which is then neither stored nor echoed.
    const hostile = findHostileText(r.values);
    if (hostile.length) {
      rejected.push({ line: r.line, errors: hostile.map((f) => ({ field: f.path, message: hostileCharMessage(f, 'en'), code: hostileFieldCode(f.kind) })) });
      continue;
    }
    const named = namedValues(name, r.values);
    const parsed = kind.schema.safeParse(named.values);
    if (!parsed.success || named.unknown.length) {
      const valueErrors = named.unknown.map((u) => ({ field: u.field, message: importValueText(u.code, u.params, lang), code: u.code, params: u.params }));
      const reported = new Set(named.unknown.map((u) => u.field));
      const schemaErrors = (parsed.error?.issues ?? []).flatMap((i) => (i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ field: k, message: 'unknown field' }))
        : [{ field: i.path.map(String).join('.') || '(row)', message: i.message }])).filter((e) => !reported.has(e.field));
      rejected.push({ line: r.line, errors: [...valueErrors, ...schemaErrors] });
      continue;
    }
    const row = kind.toDb ? kind.toDb(parsed.data) : parsed.data;
    const key = kind.key.map((k) => String(row[k])).join('\u0000');
    const first = firstLine.get(key);
    if (first !== undefined) {
      rejected.push({ line: r.line, errors: [{ field: kind.key.join('+'), message: `duplicate of line ${first}` }] });
      continue;
    }
    firstLine.set(key, r.line);
    valid.push({ line: r.line, row });
  }
  return { valid, rejected };
}

/** insert … on conflict do update only where something differs; returns how many rows were inserted / updated. */
async function upsert(db: Queryable, kind: ImportKind, rows: Record<string, unknown>[]): Promise<{ inserted: number; updated: number }> {
  const cols = Object.keys(kind.columns);
  const rest = cols.filter((c) => !kind.key.includes(c));
  const r = await db.query<{ inserted: boolean }>(
    `insert into ${kind.table} (${cols.join(', ')})
     select ${cols.join(', ')} from jsonb_to_recordset($1::jsonb) as x(${cols.map((c) => `${c} ${kind.columns[c]}`).join(', ')})
     on conflict (${kind.key.join(', ')}) do update set ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}
     where (${rest.map((c) => `${kind.table}.${c}`).join(', ')}) is distinct from (${rest.map((c) => `excluded.${c}`).join(', ')})
     returning (xmax = 0) as inserted`,
    [JSON.stringify(rows.map((row) => Object.fromEntries(cols.map((c) => [c, row[c] ?? null]))))],
  );
  const inserted = r.rows.filter((x) => x.inserted).length;
  return { inserted, updated: r.rows.length - inserted };
}

/** Validates every row, imports the valid ones in one transaction, stores and returns the row report. */
export async function importRows(
  pool: pg.Pool, kindName: ImportHeaderKind, kind: ImportKind, rows: ParsedRow[], meta: { body: string; contentType: string; by: string; orgUnit: string; lang: Lang },
): Promise<ImportReport> {
  const { valid, rejected } = validateRows(kind, rows, { name: kindName, lang: meta.lang });
  const report: ImportReport = { importId: crypto.randomUUID(), kind: kindName, rows: rows.length, inserted: 0, updated: 0, unchanged: 0, rejected };
  await withTransaction(pool, async (db) => {
    for (let i = 0; i < valid.length; i += CHUNK) {
      const chunk = valid.slice(i, i + CHUNK);
      const verdicts = await kind.check(db, chunk.map((v) => v.row), meta.orgUnit);
      const ok = chunk.filter((v, j) => {
        const bad = verdicts[j];
        if (bad) rejected.push({ line: v.line, errors: [{ field: bad[0], message: bad[1] }] });
        return !bad;
      }).map((v) => v.row);
      if (!ok.length) continue;
      const n = await upsert(db, kind, ok);
      report.inserted += n.inserted;
      report.updated += n.updated;
      report.unchanged += ok.length - n.inserted - n.updated;
      await kind.after?.(db, ok);
    }
    rejected.sort((a, b) => a.line - b.line);
    await db.query(
      `insert into import_batches (id, kind, content_sha256, content_type, row_count, accepted, rejected, report, imported_by, org_unit_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [report.importId, kindName, crypto.createHash('sha256').update(meta.body).digest('hex'), meta.contentType, report.rows,
        report.inserted + report.updated + report.unchanged, rejected.length, JSON.stringify(report), meta.by, meta.orgUnit],
    );
  });
  return report;
}
