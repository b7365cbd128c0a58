import { problemKey } from '../data/refusal';

/**
 * Why a read failed, as a catalogue key and its parameters: the problem's code when the catalogue knows it
 * (app.problems.*), else the HTTP status, else a network failure. `detail` is the server's own sentence (shown in
 * small print, since it may be in English); null when there is none worth showing.
 */
export interface LoadErrorReason {
  key: string;
  params: Record<string, unknown>;
  detail: string | null;
  status: number | null;
}

const K = 'cockpit.errors';

function statusOf(error: unknown): number | null {
  const s = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : NaN;
  return Number.isFinite(s) && s > 0 ? s : null;
}

function bodyOf(error: unknown): { code?: unknown; type?: unknown } | undefined {
  const body = typeof error === 'object' && error !== null && 'body' in error ? (error as { body: unknown }).body : undefined;
  return typeof body === 'object' && body !== null ? (body as { code?: unknown; type?: unknown }) : undefined;
}

/** The reason of a failed read (see LoadErrorReason). */
export function loadErrorReason(error: unknown): LoadErrorReason {
  const status = statusOf(error);
  const body = bodyOf(error);
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  // react-admin's generic texts (ra.notification.http_error …) and the status line say nothing more than the reason
  const detail = message && !message.startsWith('ra.') && !/^(HTTP )?\d{3}\b/.test(message) && message !== 'Failed to fetch' ? message : null;
  const known = problemKey(typeof body?.code === 'string' ? body.code : null, typeof body?.type === 'string' ? body.type : null);
  if (known) return { key: `app.problems.${known}`, params: {}, detail, status };
  const params = { status: status ?? '' };
  if (status === null) return { key: error instanceof TypeError || /fetch|network/i.test(message) ? `${K}.network` : `${K}.unknown`, params, detail, status };
  if (status === 401) return { key: `${K}.unauthenticated`, params, detail, status };
  if (status === 403) return { key: `${K}.forbidden`, params, detail, status };
  if (status === 404) return { key: `${K}.notFound`, params, detail, status };
  if (status === 400 || status === 422) return { key: `${K}.badRequest`, params, detail, status };
  if (status === 502 || status === 503 || status === 504) return { key: `${K}.unavailable`, params, detail, status };
  if (status >= 500) return { key: `${K}.server`, params, detail, status };
  return { key: `${K}.unknown`, params, detail, status };
}
