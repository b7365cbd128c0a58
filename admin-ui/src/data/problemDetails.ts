import { HttpError } from 'ra-core';
import type { Problem } from './api';

/**
 * RFC 9457 problem details (application/problem+json): the API's Problem schema, read leniently since any error
 * body may arrive here (fields missing, RFC-style `pointer` paths).
 */
export interface ProblemDetails extends Partial<Omit<Problem, 'errors'>> {
  instance?: string;
  errors?: ProblemFieldError[];
}

export interface ProblemFieldError {
  /** Field path: "note", "address.city", JSON pointer "/address/city" or ["address","city"]. */
  path?: string | ReadonlyArray<string | number>;
  /** RFC 9457 examples use `pointer`; accepted as an alias of `path`. */
  pointer?: string;
  message?: string;
  detail?: string;
}

/**
 * What react-admin forms read from `HttpError.body.errors`: flat field paths
 * (react-hook-form understands "a.b") → message, plus `root.serverError`.
 */
export type FormSubmissionErrors = Record<string, string | { serverError: string }>;

export function isProblemDetails(body: unknown): body is ProblemDetails {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return typeof b.title === 'string' || typeof b.detail === 'string';
}

/** "/address/0/city", "#/address/0/city", "$.address", ["address",0] → "address.0.city" */
export function toFieldPath(path: ProblemFieldError['path']): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  if (typeof path !== 'string') return '';
  let p = path.trim();
  if (p.startsWith('#')) p = p.slice(1);
  if (p.startsWith('/')) {
    return p
      .slice(1)
      .split('/')
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.');
  }
  if (p.startsWith('$.')) p = p.slice(2);
  else if (p === '$') p = '';
  return p;
}

export function toSubmissionErrors(problem: ProblemDetails): FormSubmissionErrors | undefined {
  if (!Array.isArray(problem.errors) || problem.errors.length === 0) return undefined;
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  for (const item of problem.errors) {
    if (typeof item !== 'object' || item === null) continue;
    const message = item.message ?? item.detail ?? problem.detail ?? problem.title ?? 'Invalid';
    const path = toFieldPath(item.path ?? item.pointer);
    if (path === '') general.push(message);
    else (fields[path] ??= []).push(message);
  }
  const result: FormSubmissionErrors = {};
  for (const [path, messages] of Object.entries(fields)) {
    result[path] = messages.join('；');
  }
  const serverError =
    general.length > 0 ? general.join('；') : (problem.detail ?? problem.title);
  if (serverError) result.root = { serverError };
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * The HttpError react-admin shows for a refused request: message = problem `detail` (or `title`, else `fallback`);
 * body.errors = field errors for forms, body.problemErrors = the problem's own list.
 */
export function httpErrorFrom(status: number, body: unknown, fallback: string): HttpError {
  if (!isProblemDetails(body)) return new HttpError(fallback, status, body);
  const message = body.detail || body.title || fallback;
  return new HttpError(message, status, { ...body, problemErrors: body.errors, errors: toSubmissionErrors(body) });
}

/**
 * Turns an error thrown by fetchUtils.fetchJson into the HttpError react-admin shows (see httpErrorFrom).
 * Anything that is not a problem+json HttpError is returned unchanged.
 */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof HttpError) || !isProblemDetails(error.body)) return error;
  return httpErrorFrom(error.status, error.body, error.message);
}
