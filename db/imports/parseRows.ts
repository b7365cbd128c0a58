/**
 * Upload text → rows with the line they came from, for row reports, piece by piece as the upload arrives (a reader
 * keeps only the record it is in). CSV follows RFC 4180 (quoted fields may hold commas, quotes as "" and line breaks;
 * CRLF, LF or CR; a leading BOM is dropped); its first line names the columns. NDJSON is one object per line. A JSON
 * array's rows are numbered by position (1-based).
 */
export type ParsedRow = { line: number; values: Record<string, unknown> } | { line: number; error: string };

export class UnreadableUpload extends Error {}

/** CSV records as text arrives: `push` any piece (a character pair split between pieces is fine), then `end`. */
export class CsvReader {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  private quotePending = false; // a '"' inside quotes: a quote ("") or the field's end, told by the next character
  private crPending = false; // a record ended by '\r': a '\n' right after belongs to it
  private fieldStarted = false;
  private line = 1;
  private startLine = 1;
  private first = true;

  constructor(private readonly onRecord: (line: number, fields: string[]) => void) {}

  push(text: string): void {
    let i = 0;
    if (this.first && text.length) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length; i += 1) {
      const ch = text[i];
      if (this.crPending) {
        this.crPending = false;
        if (ch === '\n') continue;
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      } else if (this.quoted) {
        if (ch === '"') this.quotePending = true;
        else {
          if (ch === '\n') this.line += 1;
          this.field += ch;
        }
        continue;
      }
      if (ch === '"' && this.field === '') {
        this.quoted = true;
        this.fieldStarted = true;
      } else if (ch === ',') {
        this.fields.push(this.field);
        this.field = '';
        this.fieldStarted = true;
      } else if (ch === '\n' || ch === '\r') {
        this.crPending = ch === '\r';
        this.endRecord();
        this.line += 1;
        this.startLine = this.line;
      } else {
        this.field += ch;
        this.fieldStarted = true;
      }
    }
  }

  end(): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.quoted) throw new UnreadableUpload(`line ${this.startLine}: a quoted field is not closed`);
    if (this.field !== '' || this.fields.length || this.fieldStarted) this.endRecord();
  }

  private endRecord() {
    this.fields.push(this.field);
    if (!(this.fields.length === 1 && this.fields[0] === '' && !this.fieldStarted)) this.onRecord(this.startLine, this.fields);
    this.fields = [];
    this.field = '';
    this.fieldStarted = false;
  }
}

/**
 * CSV rows as text arrives: the first record is the header, handed to `onHeader` (which may refuse it by throwing);
 * every later record becomes a row keyed by the header (a record with another number of fields: an error row).
 */
export class CsvRows {
  private header: string[] | undefined;
  private readonly reader: CsvReader;

  constructor(onHeader: (header: string[]) => void, onRow: (row: ParsedRow) => void) {
    this.reader = new CsvReader((line, fields) => {
      if (!this.header) {
        this.header = fields.map((h) => h.trim());
        onHeader(this.header);
        return;
      }
      const header = this.header;
      if (fields.length !== header.length) onRow({ line, error: `expected ${header.length} fields, found ${fields.length}` });
      else onRow({ line, values: Object.fromEntries(header.map((h, i) => [h, fields[i]])) });
    });
  }

  push(text: string): void {
    this.reader.push(text);
  }

  end(): void {
    this.reader.end();
    if (!this.header) throw new UnreadableUpload('the CSV has no header line');
  }
}

/** NDJSON rows as text arrives: one JSON object per line, blank lines skipped (but counted). */
export class NdjsonRows {
  private rest = '';
  private line = 0;

  constructor(private readonly onRow: (row: ParsedRow) => void) {}

  push(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop()!;
    for (const raw of lines) this.take(raw);
  }

  end(): void {
    if (this.rest !== '') this.take(this.rest);
    this.rest = '';
  }

  private take(raw: string) {
    this.line += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!text.trim()) return;
    try {
      const v = JSON.parse(text);
      this.onRow(v && typeof v === 'object' && !Array.isArray(v) ? { line: this.line, values: v } : { line: this.line, error: 'must be a JSON object' });
    } catch {
      this.onRow({ line: this.line, error: 'not valid JSON' });
    }
  }
}

export function parseCsv(text: string): { header: string[]; rows: ParsedRow[] } {
  let header: string[] = [];
  const rows: ParsedRow[] = [];
  const csv = new CsvRows((h) => { header = h; }, (r) => rows.push(r));
  csv.push(text);
  csv.end();
  return { header, rows };
}

export function parseNdjson(text: string): ParsedRow[] {
  const out: ParsedRow[] = [];
  const nd = new NdjsonRows((r) => out.push(r));
  nd.push(text);
  nd.end();
  return out;
}

export function parseJsonRows(body: unknown): ParsedRow[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { rows?: unknown }).rows) ? (body as { rows: unknown[] }).rows : null;
  if (!list) throw new UnreadableUpload('a JSON upload is an array of row objects (or {"rows": [...]})');
  return list.map((v, i) => (v && typeof v === 'object' && !Array.isArray(v) ? { line: i + 1, values: v as Record<string, unknown> } : { line: i + 1, error: 'must be a JSON object' }));
}
