/**
 * The rejected rows of an import's report, within bounds: the first `full` rows (by line) with every reason in full;
 * beyond them only counts — rows, and reasons per code and per field. A 64 MB upload of bad rows would otherwise answer
 * (and store) a report many times its size. Rows arrive in any order (schema checks while reading, database checks
 * after), so the kept rows are trimmed to the lowest lines now and then and the trimmed ones counted.
 */

export interface RowError {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, string>;
}

export interface RowRejection {
  /** CSV and NDJSON: the line in the file (CSV header = line 1); JSON array: the row's 1-based position. */
  line: number;
  errors: RowError[];
}

/** What the report leaves out: rows beyond the first `full`, counted. */
export interface OmittedRejections {
  rows: number;
  /** Reasons by code; a reason without a code counts under UNCODED_REASON. */
  byCode: Record<string, number>;
  /** Reasons by field ('(row)': the row as a whole). */
  byField: Record<string, number>;
}

export const REPORT_FULL_ROWS_DEFAULT = 100;
export const UNCODED_REASON = 'import.row.rejected';
/** Distinct codes or fields counted one by one; the rest under OTHER_KEY (an NDJSON row may name any field). */
const MAX_KEYS = 200;
export const OTHER_KEY = '(other)';

function bump(counts: Record<string, number>, key: string, by = 1) {
  const k = key in counts || Object.keys(counts).length < MAX_KEYS ? key : OTHER_KEY;
  counts[k] = (counts[k] ?? 0) + by;
}

export class RejectionLog {
  private kept: RowRejection[] = [];
  private total = 0;
  private readonly omittedCounts: OmittedRejections = { rows: 0, byCode: {}, byField: {} };

  constructor(readonly full: number = REPORT_FULL_ROWS_DEFAULT) {}

  add(r: RowRejection): void {
    this.total += 1;
    this.kept.push(r);
    if (this.kept.length >= 2 * Math.max(this.full, 50)) this.trim();
  }

  /** Every rejected row, exact. */
  get count(): number {
    return this.total;
  }

  /** The first `full` rejected rows by line, in full. */
  rows(): RowRejection[] {
    this.trim();
    return this.kept;
  }

  omitted(): OmittedRejections {
    this.trim();
    return { rows: this.omittedCounts.rows, byCode: { ...this.omittedCounts.byCode }, byField: { ...this.omittedCounts.byField } };
  }

  private trim() {
    this.kept.sort((a, b) => a.line - b.line);
    if (this.kept.length <= this.full) return;
    for (const r of this.kept.splice(this.full)) {
      this.omittedCounts.rows += 1;
      for (const e of r.errors) {
        bump(this.omittedCounts.byCode, e.code ?? UNCODED_REASON);
        bump(this.omittedCounts.byField, e.field);
      }
    }
  }
}

/** The report's fields for its rejected rows: `rejected` as before (now the first rows only), the exact count, the rest counted. */
export function rejectionFields(log: RejectionLog): { rejected: RowRejection[]; rejectedRows: number; rejectedOmitted: OmittedRejections } {
  return { rejected: log.rows(), rejectedRows: log.count, rejectedOmitted: log.omitted() };
}
