import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useRefresh } from 'react-admin';

export interface RecordActionRequest {
  id: string;
  action: string;
  body?: object;
}

/**
 * POST /api/<resource>/<id>/<action> (a status change, a binding). simple-rest's `create` posts to
 * `/api/<path>` and answers the JSON body, so it serves any such sub-path without a custom data
 * provider method. On success everything on screen is read again; a refusal (403/409/422) rejects
 * with the server's `detail` as message, which the caller shows.
 */
export function useRecordAction<T = unknown>(resource: string) {
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, action, body }: RecordActionRequest) => {
      const path = `${resource}/${encodeURIComponent(id)}/${encodeURIComponent(action)}`;
      const { data } = await dataProvider.create(path, { data: body ?? {} });
      return data as T;
    },
    onSuccess: () => refresh(),
  });
}

/** Field errors of a refused request (problem+json `errors`, as mapped by data/problemDetails.ts). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const body = (error as { body?: { errors?: Record<string, unknown> } } | null)?.body;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body?.errors ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error ?? ''));
