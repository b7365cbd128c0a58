import crypto from 'node:crypto';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../pool';
import type { ImportKind } from './importKinds';
import type { ParsedRow } from './parseRows';
import type { z } from 'zod';
import { RejectionLog, rejectionFields, type OmittedRejections, type RowError, type RowRejection } from '../../domain/importReport';
import { hasMessage, renderMessage } from '../../domain/messages';
import { findHostileText, hostileCharMessage, hostileFieldCode, type Lang } from '../../domain/text';
import type { ImportHeaderKind } from '../../domain/importHeaders';
import { importValueText, namedValues } from '../../domain/importValues';

export type { RowRejection } from '../../domain/importReport';

export interface ImportReport {
  importId: string;
  kind: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The first rejected rows (by line) in full; `rejectedRows` counts them all, `rejectedOmitted` the ones left out. */
  rejected: RowRejection[];
  rejectedRows: number;
  rejectedOmitted: OmittedRejections;
}

/**
 * The rows of an upload, handed to `take` one by one as they are read (the upload is not held whole); resolves once
 * all are, with the SHA-256 of the bytes read (hex). Throws (a Problem) when the upload cannot be read at all.
 */
export type RowFeed = (take: (row: ParsedRow) => void) => Promise<{ sha256: string }>;

/** A feed of rows already in memory (a JSON array, the demo seed, tests); `content`: what the hash is of. */
export function rowsFeed(rows: Iterable<ParsedRow>, content: string): RowFeed {
  return async (take) => {
    for (const r of rows) take(r);
    return { sha256: crypto.createHash('sha256').update(content).digest('hex') };
  };
}

const CHUNK = 2000;

type ValidKind = Pick<ImportKind, 'schema' | 'key' | 'toDb'>;

/**
 * Row by row: coded cells named in Chinese (or English) become their codes (domain/importValues.ts), then the schema
 * check and the in-file duplicate check; the valid rows are kept (in order, to be checked against the database), the
 * others go to `rejections`. `onDuplicate`: in-file repeats of the key are handed there instead of rejected (routine
 * work orders and legacy cases report them as duplicates). `lang`: the words of the reasons that have a code.
 */
export class RowValidator {
  readonly valid: { line: number; row: Record<string, unknown> }[] = [];
  rows = 0;
  private readonly firstLine = new Map<string, number>();

  constructor(
    private readonly kind: ValidKind,
    private readonly opts: { name: ImportHeaderKind; lang: Lang; rejections: RejectionLog; onDuplicate?: (line: number, firstLine: number, key: string) => void },
  ) {}

  take(r: ParsedRow): void {
    this.rows += 1;
    const reject = (errors: RowRejection['errors']) => this.opts.rejections.add({ line: r.line, errors });
    if ('error' in r) return reject([{ field: '(row)', message: r.error }]);
    // Upload bodies bypass the route mount's JSON check (CSV and NDJSON are text; a JSON array is left to this, so every
    // format answers alike): text no request may carry rejects its row, which is then neither stored nor echoed.
    const hostile = findHostileText(r.values);
    if (hostile.length) return reject(hostile.map((f) => ({ field: f.path, message: hostileCharMessage(f, 'en'), code: hostileFieldCode(f.kind) })));
    const named = namedValues(this.opts.name, r.values);
    const parsed = this.kind.schema.safeParse(named.values);
    if (!parsed.success || named.unknown.length) {
      const valueErrors = named.unknown.map((u) => ({ field: u.field, message: importValueText(u.code, u.params, this.opts.lang), code: u.code, params: u.params }));
      const reported = new Set(named.unknown.map((u) => u.field));
      const schemaErrors = (parsed.error?.issues ?? []).flatMap((i) => (i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ field: k, message: 'unknown field' }))
        : [rowIssue(i, this.opts.lang)])).filter((e) => !reported.has(e.field));
      return reject([...valueErrors, ...schemaErrors]);
    }
    const row = this.kind.toDb ? this.kind.toDb(parsed.data) : parsed.data;
    const key = this.kind.key.map((k) => String(row[k])).join('\u0000');
    const first = this.firstLine.get(key);
    if (first !== undefined) {
      if (this.opts.onDuplicate) return this.opts.onDuplicate(r.line, first, key);
      return reject([{ field: this.kind.key.join('+'), message: `duplicate of line ${first}` }]);
    }
    this.firstLine.set(key, r.line);
    this.valid.push({ line: r.line, row });
  }
}

/** A schema issue as a row error: a row-level rule that names a catalogue code (params.code) speaks in the caller's language. */
function rowIssue(i: z.core.$ZodIssue, lang: Lang): RowError {
  const field = i.path.map(String).join('.') || '(row)';
  const code = i.code === 'custom' && typeof i.params?.code === 'string' && hasMessage(i.params.code) ? i.params.code : null;
  return code ? { field, message: renderMessage(code, {}, lang), code } : { field, message: i.message };
}

/** Every row at once, every rejection kept (unit tests, small lists). */
export function validateRows(
  kind: ValidKind, rows: ParsedRow[], { name, lang }: { name: ImportHeaderKind; lang: Lang },
): { valid: { line: number; row: Record<string, unknown> }[]; rejected: RowRejection[] } {
  const rejections = new RejectionLog(Number.MAX_SAFE_INTEGER);
  const v = new RowValidator(kind, { name, lang, rejections });
  for (const r of rows) v.take(r);
  return { valid: v.valid, rejected: rejections.rows() };
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

/**
 * Validates every row as it is read, then imports the valid ones in one transaction (nothing is written before the
 * whole upload is read, so an upload refused half-way changes nothing); stores and returns the row report.
 */
export async function importRows(
  pool: pg.Pool, kindName: ImportHeaderKind, kind: ImportKind, feed: RowFeed,
  meta: { contentType: string; by: string; orgUnit: string; lang: Lang; reportFullRows?: number },
): Promise<ImportReport> {
  const rejections = new RejectionLog(meta.reportFullRows);
  const validator = new RowValidator(kind, { name: kindName, lang: meta.lang, rejections });
  const { sha256 } = await feed((r) => validator.take(r));
  const { valid } = validator;
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  const importId = crypto.randomUUID();
  const report = await withTransaction(pool, async (db) => {
    for (let i = 0; i < valid.length; i += CHUNK) {
      const chunk = valid.slice(i, i + CHUNK);
      const verdicts = await kind.check(db, chunk.map((v) => v.row), meta.orgUnit);
      const ok = chunk.filter((v, j) => {
        const bad = verdicts[j];
        if (bad) rejections.add({ line: v.line, errors: [{ field: bad[0], message: bad[1] }] });
        return !bad;
      }).map((v) => v.row);
      if (!ok.length) continue;
      const n = await upsert(db, kind, ok);
      inserted += n.inserted;
      updated += n.updated;
      unchanged += ok.length - n.inserted - n.updated;
      await kind.after?.(db, ok);
    }
    const done: ImportReport = { importId, kind: kindName, rows: validator.rows, inserted, updated, unchanged, ...rejectionFields(rejections) };
    await db.query(
      `insert into import_batches (id, kind, content_sha256, content_type, row_count, accepted, rejected, report, imported_by, org_unit_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [importId, kindName, sha256, meta.contentType, done.rows, inserted + updated + unchanged, done.rejectedRows, JSON.stringify(done), meta.by, meta.orgUnit],
    );
    return done;
  });
  return report;
}
