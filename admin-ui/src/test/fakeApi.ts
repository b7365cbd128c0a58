import { createAdminApi } from '../data/api';

type Answer = unknown | Response | ((request: Request) => unknown | Response | Promise<unknown>);

/** A JSON (or, for an error status, problem+json) answer. */
export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json', ...headers },
  });

/**
 * The generated client (as the admin UI makes it: token, HttpError for refusals) over a scripted fetch that answers
 * `METHOD /path` (no query) from `routes` — a JSON body, a Response, or a function of the Request — and records every
 * request. `callApi` is what a test's data provider offers components.
 */
export function fakeApi(routes: Record<string, Answer>, token = 'tok-test') {
  const requests: Request[] = [];
  const api = createAdminApi(
    { token, updateToken: async () => true },
    {
      baseUrl: 'http://jicha.test',
      fetch: async (request) => {
        requests.push(request.clone());
        const key = `${request.method} ${new URL(request.url).pathname}`;
        if (!Object.hasOwn(routes, key)) return jsonResponse(404, { title: 'Not found', status: 404, detail: `no answer for ${key}` });
        const route = routes[key];
        const answer = typeof route === 'function' ? await (route as (r: Request) => unknown)(request) : route;
        return answer instanceof Response ? answer : jsonResponse(200, answer);
      },
    },
  );
  return { api, callApi: api.request, requests };
}
