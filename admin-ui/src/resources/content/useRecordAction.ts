import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useRefresh } from 'react-admin';
import { ok, type ApiBody } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import type { FeedbackAction } from './contentEnums';

/** The status changes and bindings of the content resources (POST /api/<resource>/<id>/<action>) and their bodies. */
export interface RecordActions {
  feedback: Record<FeedbackAction, ApiBody<'/api/feedback/{id}/{action}'>>;
  consultations: { answer: ApiBody<'/api/consultations/{id}/answer'>; close: ApiBody<'/api/consultations/{id}/close'> };
  terminals: { bind: ApiBody<'/api/terminals/{id}/bind'>; unbind: ApiBody<'/api/terminals/{id}/unbind'> };
}
export type ActionResource = keyof RecordActions;

/** One action on one record; the body may be left out when every field of it is optional. */
export type RecordActionRequest<R extends ActionResource> = {
  [A in keyof RecordActions[R]]: { id: string; action: A } & ({} extends RecordActions[R][A] ? { body?: RecordActions[R][A] } : { body: RecordActions[R][A] });
}[keyof RecordActions[R]];

/** The typed call of each action (the request's type has matched action and body already). */
function send(dp: JichaDataProvider, resource: ActionResource, { id, action, body }: { id: string; action: string; body?: object }) {
  const path = { id };
  switch (resource) {
    case 'feedback':
      return dp.callApi('post', '/api/feedback/{id}/{action}', { params: { path: { id, action: action as FeedbackAction } }, body: body ?? {} });
    case 'consultations':
      return action === 'answer'
        ? dp.callApi('post', '/api/consultations/{id}/answer', { params: { path }, body: body as RecordActions['consultations']['answer'] })
        : dp.callApi('post', '/api/consultations/{id}/close', { params: { path }, body: {} });
    case 'terminals':
      return action === 'bind'
        ? dp.callApi('post', '/api/terminals/{id}/bind', { params: { path }, body: body as RecordActions['terminals']['bind'] })
        : dp.callApi('post', '/api/terminals/{id}/unbind', { params: { path }, body: {} });
  }
}

/**
 * A status change or a binding of one record, through the generated client. On success everything on screen is read
 * again; a refusal (403/409/422) rejects with the server's `detail` as message, which the caller shows.
 */
export function useRecordAction<R extends ActionResource>(resource: R) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (request: RecordActionRequest<R>): Promise<unknown> => ok(await send(dataProvider, resource, request as { id: string; action: string; body?: object })),
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
