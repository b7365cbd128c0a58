import { z } from 'zod';
import type { RouteDef } from '../http/route';
import { backOfficeRoutes, type RouteDeps } from '../api/routes';
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
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

function jsonSchema(s: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(r: RouteDef) {
  const out: unknown[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
    }
  };
  add(r.params, 'path');
  add(r.query, 'query');
  return out;
}

/** OpenAPI 3.1 built from the same zod schemas the handlers parse with. */
export function buildOpenApi(groups: RouteGroup[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { prefix, routes } of groups) {
    for (const r of routes) {
      const p = prefix + r.path.replace(/:(\w+)/g, '{$1}');
      const isPublic = 'public' in r.policy;
      const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
      paths[p] ??= {};
      paths[p][r.method] = {
        summary: r.summary,
        tags: [r.tag],
        'x-policy': r.policy,
        security: isPublic ? [] : [{ keycloak: [] }],
        parameters: parameters(r),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
        responses: {
          [String(r.response?.status ?? 200)]: {
            description: r.response?.description ?? 'OK',
            ...(r.response?.schema ? { content: { 'application/json': { schema: jsonSchema(r.response.schema, 'output') } } } : {}),
          },
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
