/**
 * Upload bodies → rows with the line they came from, for row reports. CSV follows RFC 4180 (quoted fields may
 * hold commas, quotes as "" and line breaks; CRLF or LF; a UTF-8 BOM is dropped); its first line names the
 * columns. NDJSON is one object per line. A JSON array's rows are numbered by position (1-based).
 */
export type ParsedRow = { line: number; values: Record<string, unknown> } | { line: number; error: string };

export class UnreadableUpload extends Error {}

export function parseCsv(text: string): { header: string[]; rows: ParsedRow[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: startLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      startLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new UnreadableUpload(`line ${startLine}: a quoted field is not closed`);
  if (field !== '' || fields.length || fieldStarted) endRecord();
  if (!records.length) throw new UnreadableUpload('the CSV has no header line');
  const header = records[0].fields.map((h) => h.trim());
  const rows = records.slice(1).map((r): ParsedRow => {
    if (r.fields.length !== header.length) return { line: r.line, error: `expected ${header.length} fields, found ${r.fields.length}` };
    return { line: r.line, values: Object.fromEntries(header.map((h, i) => [h, r.fields[i]])) };
  });
  return { header, rows };
}

export function parseNdjson(text: string): ParsedRow[] {
  const out: ParsedRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      const v = JSON.parse(raw);
      out.push(v && typeof v === 'object' && !Array.isArray(v) ? { line: i + 1, values: v } : { line: i + 1, error: 'must be a JSON object' });
    } catch {
      out.push({ line: i + 1, error: 'not valid JSON' });
    }
  });
  return out;
}

export function parseJsonRows(body: unknown): ParsedRow[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { rows?: unknown }).rows) ? (body as { rows: unknown[] }).rows : null;
  if (!list) throw new UnreadableUpload('a JSON upload is an array of row objects (or {"rows": [...]})');
  return list.map((v, i) => (v && typeof v === 'object' && !Array.isArray(v) ? { line: i + 1, values: v as Record<string, unknown> } : { line: i + 1, error: 'must be a JSON object' }));
}
