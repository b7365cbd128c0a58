import { z } from 'zod';
import type { ResponseDoc, RouteDef } from '../http/route';
import type { RouteDeps } from '../http/routeDeps';
import { backOfficeRoutes } from '../api/routes';
import { mobileRoutes } from '../mobile-api/routes';

export interface RouteGroup { prefix: string; routes: RouteDef[] }

/**
 * The route tables and the prefixes they are mounted under: what server/app.ts mounts and documents, and what
 * scripts/gen-client.ts documents with inert deps (building the tables calls no handler and touches no dep).
 */
export function routeGroups(deps: RouteDeps): [backOffice: RouteGroup, terminal: RouteGroup] {
  return [{ prefix: '/api', routes: backOfficeRoutes(deps) }, { prefix: '/mobile/v1', routes: mobileRoutes(deps) }];
}

const ProblemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    code: { type: 'string' }, params: { type: 'object', additionalProperties: { type: ['string', 'number', 'null'] } },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' }, params: { type: 'object', additionalProperties: { type: ['string', 'number', 'null'] } } } } },
  },
};

function jsonSchema(s: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(r: RouteDef) {
  const out: unknown[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query' | 'header') => {
    if (!schema) return;
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), ...(s.description ? { description: s.description } : {}), schema: s });
    }
  };
  add(r.params, 'path');
  add(r.query, 'query');
  add(r.headers, 'header');
  return out;
}

function requestBody(r: RouteDef) {
  const content: Record<string, unknown> = {};
  if (r.body) content['application/json'] = { schema: jsonSchema(r.body, 'input') };
  for (const [media, schema] of Object.entries(r.requestBody?.content ?? {})) content[media] = { schema: jsonSchema(schema, 'input') };
  if (!Object.keys(content).length) return {};
  return { requestBody: { required: true, ...(r.requestBody?.description ? { description: r.requestBody.description } : {}), content } };
}

function success(d: ResponseDoc) {
  if (d.status === 204) return { description: d.description };
  return { description: d.description, ...(d.schema ? { content: { [d.contentType ?? 'application/json']: { schema: jsonSchema(d.schema, 'output') } } } : {}) };
}

/** A stable operation id from method and path: GET /api/cases/{id}/live → getApiCasesByIdLive. */
export function operationId(method: string, path: string): string {
  const words = path.split('/').filter(Boolean).map((seg) => {
    const param = /^\{(\w+)\}$/.exec(seg);
    const w = (param ? `by-${param[1]}` : seg).split(/[^A-Za-z0-9]+/).filter(Boolean);
    return w.map((x) => x[0].toUpperCase() + x.slice(1)).join('');
  });
  return method.toLowerCase() + words.join('');
}

/** OpenAPI 3.1 built from the same zod schemas the handlers parse with. */
export function buildOpenApi(groups: RouteGroup[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { prefix, routes } of groups) {
    for (const r of routes) {
      const p = prefix + r.path.replace(/:(\w+)/g, '{$1}');
      const isPublic = 'public' in r.policy;
      const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
      const answers = [r.response ?? { status: 200, description: 'OK' }, ...(r.otherResponses ?? [])];
      paths[p] ??= {};
      paths[p][r.method] = {
        operationId: operationId(r.method, p),
        summary: r.summary,
        tags: [r.tag],
        'x-policy': r.policy,
        security: isPublic ? [] : [{ keycloak: [] }],
        parameters: parameters(r),
        ...requestBody(r),
        responses: {
          ...Object.fromEntries(answers.map((d) => [String(d.status), success(d)])),
          400: problem('Invalid request (field errors)'),
          ...(isPublic ? {} : { 401: problem('Missing or rejected token'), 403: problem('Role or org unit not allowed') }),
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'jicha (智能稽查) API', version },
    paths,
    components: {
      schemas: { Problem: ProblemSchema },
      securitySchemes: { keycloak: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Keycloak access token (realm jicha)' } },
    },
  };
}
