import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ZodObject } from 'zod';
import {
  canonicalKeys, headerIssueParams, IMPORT_HEADERS, importHeaderText, resolveHeader, type HeaderIssue, type ImportHeaderKind,
} from '../../domain/importHeaders';
import { findHostileText, type Lang } from '../../domain/text';
import { CsvRows, NdjsonRows, parseJsonRows, UnreadableUpload, type ParsedRow } from '../../db/imports/parseRows';
import { rowsFeed, type RowFeed } from '../../db/imports/importRows';
import { codedProblem, hostileTextProblem, Problem } from '../../http/problem';
import { EncodingRefusal, UploadDecoder } from './uploadText';

// An upload body → the rows of an import, read as it arrives: bytes are hashed and decoded (services/imports/uploadText.ts)
// chunk by chunk, CSV or NDJSON rows are handed on one by one keyed by the kind's fields. Nothing holds the whole file.

/** The largest upload body (CSV, NDJSON). */
export const UPLOAD_LIMIT_BYTES = 64 * 2 ** 20;

/** An upload over UPLOAD_LIMIT_BYTES (also the edge's answer when it refuses one first: http/edgeConfig.ts). */
export const uploadTooLargeProblem = (lang: Lang): Problem => codedProblem(413, 'Content too large', 'import.too-large', { limitMb: UPLOAD_LIMIT_BYTES / 2 ** 20 }, lang);

/** The media types read as text rows; application/json (a row array, up to 256 kB) is parsed by the app. */
export const TEXT_UPLOAD_TYPES = ['text/csv', 'application/csv', 'application/x-ndjson', 'text/plain'] as const;

export interface UploadSource {
  /** The media type without parameters, lower case. */
  contentType: string;
  /** The Content-Type's charset parameter, if any. */
  charset?: string;
  /** Text types: the body's bytes as they arrive. */
  stream?: Readable;
  /** application/json: the body the app parsed. */
  json?: unknown;
}

/**
 * Hands each chunk of the body to `take` as it arrives (synchronously, so only the chunk in hand is held). When `take`
 * throws, the promise rejects at once and the rest of the body is read and dropped, so the refusal is answered while the
 * client is still sending and the request ends normally (not by destroying the request stream, as leaving an async
 * iterator early does).
 */
function eachChunk(stream: Readable, take: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        take(chunk);
      } catch (e) {
        fail(e);
      }
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    stream.on('error', fail);
    stream.on('close', () => fail(new Error('the upload ended before its last byte')));
  });
}

/** 400 naming each unknown, repeated or missing column, with a code and params per column for the UI's own words. */
function headerProblem(kind: ImportHeaderKind, issues: HeaderIssue[], lang: Lang): Problem {
  const columns = IMPORT_HEADERS[kind].map((s) => `${s.zh}/${s.field}`).join(', ');
  const errors = issues.map((i) => {
    const params = headerIssueParams(i);
    return { path: `header.${i.code === 'import.header.missing' ? i.field : i.header}`, message: importHeaderText(i.code, params, lang), code: i.code, params };
  });
  return codedProblem(400, 'Invalid request', 'import.header.mismatch', { kind, columns }, lang, { errors });
}

function encodingProblem(e: EncodingRefusal, lang: Lang): Problem {
  return e.code === 'import.encoding.unsupported'
    ? codedProblem(415, 'Unsupported media type', e.code, e.params, lang)
    : codedProblem(422, 'Unprocessable content', e.code, e.params, lang);
}

/**
 * The rows of an upload as a feed for the import (db/imports/importRows.ts): CSV headers (Chinese or English) are mapped
 * to the kind's fields and checked on the first line; a bad header, an encoding that cannot be told, a body over the
 * limit or an unclosed quote refuse the whole upload (a Problem) before anything is written.
 */
export function uploadFeed(source: UploadSource, kind: ImportHeaderKind, schema: ZodObject, lang: Lang): RowFeed {
  if (source.contentType === 'application/json' && source.json !== undefined) {
    let rows: ParsedRow[];
    try {
      rows = parseJsonRows(source.json).map((r) => ('values' in r ? { line: r.line, values: canonicalKeys(kind, r.values) } : r));
    } catch (e) {
      if (e instanceof UnreadableUpload) throw codedProblem(400, 'Invalid request', 'import.unreadable', { reason: e.message }, lang);
      throw e;
    }
    return rowsFeed(rows, JSON.stringify(source.json));
  }
  const stream = source.stream;
  if (!stream || !(TEXT_UPLOAD_TYPES as readonly string[]).includes(source.contentType)) {
    throw codedProblem(415, 'Unsupported media type', 'import.unsupported-type', {}, lang);
  }
  let decoder: UploadDecoder;
  try {
    decoder = new UploadDecoder(source.charset);
  } catch (e) {
    if (e instanceof EncodingRefusal) throw encodingProblem(e, lang);
    throw e;
  }
  return async (take) => {
    const hash = crypto.createHash('sha256');
    let parser: { push(text: string): void; end(): void };
    if (source.contentType === 'application/x-ndjson') {
      parser = new NdjsonRows((r) => take('values' in r ? { line: r.line, values: canonicalKeys(kind, r.values) } : r));
    } else {
      let header: string[] = [];
      let fields: string[] = [];
      const required = Object.keys(schema.shape).filter((k) => !schema.shape[k].safeParse(undefined).success);
      parser = new CsvRows((h) => {
        header = h;
        // Rows with hostile text are rejected one by one (RowValidator); a hostile column name spoils the whole file.
        const hostile = findHostileText(Object.fromEntries(header.map((h) => [h, ''])), { prefix: 'header' });
        if (hostile.length) throw hostileTextProblem(hostile, lang);
        const resolved = resolveHeader(kind, header, required);
        if ('issues' in resolved) throw headerProblem(kind, resolved.issues, lang);
        fields = resolved.fields;
      }, (r) => take('values' in r ? { line: r.line, values: Object.fromEntries(header.map((h, i) => [fields[i], r.values[h]])) } : r));
    }
    let size = 0;
    try {
      await eachChunk(stream, (chunk) => {
        size += chunk.length;
        if (size > UPLOAD_LIMIT_BYTES) throw uploadTooLargeProblem(lang);
        hash.update(chunk);
        parser.push(decoder.write(chunk));
      });
      parser.push(decoder.end());
      parser.end();
    } catch (e) {
      if (e instanceof EncodingRefusal) throw encodingProblem(e, lang);
      if (e instanceof UnreadableUpload) throw codedProblem(400, 'Invalid request', 'import.unreadable', { reason: e.message }, lang);
      throw e;
    }
    return { sha256: hash.digest('hex') };
  };
}
