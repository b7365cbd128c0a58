import type { ErrorRequestHandler, Request, Response } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../config/logger';
import { HOSTILE_TEXT_CODE, hostileCharMessage, hostileFieldCode, hostileTextDetail, type HostileField, type Lang } from '../domain/text';
import { renderMessage, type MessageParams } from '../domain/messages';

export interface FieldError {
  path: string;
  message: string;
  /** A stable message code a UI can render from its catalogue. */
  code?: string;
  /** The figures the code's text quotes (a presence reason's metres, minutes, case numbers), for the UI's own words. */
  params?: Record<string, string | number | null>;
}

/** An error a client caused or may act on; rendered as RFC 9457 problem+json. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly type = 'about:blank',
    /** A stable message code a UI can render from its catalogue (the human `detail` is one rendering of it). */
    readonly code?: string,
    /** The names and figures the code's text quotes (a user, a station, an amount), for the UI's own words. */
    readonly params?: MessageParams,
  ) {
    super(detail ?? title);
  }
}

/**
 * A problem whose `detail` is its code's text (domain/messages) in the caller's language, with the params beside it so
 * a UI can say it in its own words.
 */
export function codedProblem(
  status: number, title: string, code: string, params: MessageParams, lang: Lang, more: { errors?: FieldError[]; type?: string } = {},
): Problem {
  const shown = Object.keys(params).length ? params : undefined;
  return new Problem(status, title, renderMessage(code, params, lang), more.errors, more.type ?? 'about:blank', code, shown);
}

export function fieldErrors(err: ZodError, prefix?: string): FieldError[] {
  const join = (parts: (string | undefined)[]) => parts.filter(Boolean).join('.') || '(body)';
  return err.issues.flatMap((i) => {
    const at = i.path.map(String);
    // Name each unknown field where it stands, so a form can mark it.
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: join([prefix, ...at, k]), message: 'unknown field', code: 'field.unknown' }));
    // A schema's own refinement may name its message code (`params: { code }`), e.g. penalty.prices-or-categories.
    const code = i.code === 'custom' && typeof i.params?.code === 'string' ? { code: i.params.code } : {};
    return [{ path: join([prefix, ...at]), message: i.message, ...code }];
  });
}

/** The problem+json body (also stored by the terminal API's idempotency records and replayed verbatim). */
export function problemBody(p: Problem): Record<string, unknown> {
  return {
    type: p.type,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.code ? { code: p.code } : {}),
    ...(p.params ? { params: p.params } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
}

export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type('application/problem+json').json(problemBody(p));
}

/** The language of a human `detail`: zh-CN unless the request prefers English. */
export function detailLanguage(req: Request): Lang {
  return req.acceptsLanguages('zh-CN', 'zh', 'en') === 'en' ? 'en' : 'zh-CN';
}

/** 422 naming each field whose text no request may carry (see domain/text.ts). */
export function hostileTextProblem(fields: HostileField[], lang: Lang): Problem {
  const errors = fields.map((f) => ({ path: f.path, message: hostileCharMessage(f, lang), code: hostileFieldCode(f.kind) }));
  return new Problem(422, 'Unprocessable content', hostileTextDetail(lang), errors, 'about:blank', HOSTILE_TEXT_CODE);
}

/**
 * Postgres refused a value the request schemas let through (a time-zone offset beyond ±15:59, a number out of range
 * for its column, a NUL character): the client's value, not a server fault. Nothing of the database's message is sent.
 */
function databaseProblem(err: { code?: unknown; severity?: unknown }, lang: Lang): Problem | null {
  if (typeof err?.code !== 'string' || typeof err.severity !== 'string') return null; // pg's DatabaseError
  if (err.code.startsWith('22')) return codedProblem(400, 'Invalid request', 'request.value-not-storable', {}, lang);
  if (err.code === '23505') return codedProblem(409, 'Conflict', 'request.conflict', {}, lang);
  return null;
}

/** The problem code of a database that cannot be reached (a restart, a failover, a replica down). */
export const DATABASE_UNAVAILABLE_CODE = 'database.unavailable';

// Connection-level failures (Node's socket errors; Postgres's classes 08 and 57P0x: shutdown, cannot connect now).
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03']);

/**
 * The database could not be reached: a 503 the client may retry (nothing was applied — the statement never ran or
 * its transaction rolled back), not a 500 that reads as a bug. Clients retry after Retry-After.
 */
function unavailableProblem(err: { code?: unknown; message?: unknown }, lang: Lang): Problem | null {
  const code = typeof err?.code === 'string' ? err.code : '';
  const lost = typeof err?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(err.message);
  if (!UNREACHABLE.has(code) && !code.startsWith('08') && !lost) return null;
  return codedProblem(503, 'Service unavailable', DATABASE_UNAVAILABLE_CODE, {}, lang, { type: 'urn:jicha:database:unavailable' });
}

/** Last middleware: known errors become 4xx problems; anything else a 500 without internals. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof Problem) return sendProblem(res, err);
    const lang = detailLanguage(req);
    if (err instanceof ZodError) return sendProblem(res, codedProblem(400, 'Invalid request', 'request.invalid-fields', {}, lang, { errors: fieldErrors(err) }));
    const db = databaseProblem(err, lang);
    if (db) {
      log.warn({ err, method: req.method, url: req.originalUrl }, 'database refused a request value');
      return sendProblem(res, db);
    }
    const down = unavailableProblem(err, lang);
    if (down) {
      log.warn({ err: { message: err?.message, code: err?.code }, method: req.method, url: req.originalUrl }, 'database unavailable');
      res.set('Retry-After', '5');
      return sendProblem(res, down);
    }
    const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // body-parser: malformed JSON, too large, unsupported charset…
      const code = err.type === 'entity.parse.failed' ? 'request.not-json' : err.type === 'entity.too.large' ? 'request.too-large' : 'request.unreadable';
      return sendProblem(res, codedProblem(status, status === 413 ? 'Payload too large' : 'Bad request', code, {}, lang));
    }
    log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    return sendProblem(res, codedProblem(500, 'Internal error', 'server.internal', {}, lang));
  };
}
