import type { Client } from '@temporalio/client';
import type { Client as MinioClient } from 'minio';
import type pg from 'pg';
import { loadConfig } from '../config/env';
import type { RouteDef } from '../http/route';
import { backOfficeRoutes } from '../api/routes';
import { mobileRoutes } from '../mobile-api/routes';
import { buildOpenApi } from './openapi';

// `npm run check:openapi`: every operation of the OpenAPI document has a schema for its success answer and, when it
// takes a body, for the body — schemas that say something (an arbitrary object or `{}` does not count).

export type RouteGroup = { prefix: string; routes: RouteDef[] };

/** A dependency no route may touch while the tables are built: handlers are never called here. */
function inert<T>(name: string): T {
  return new Proxy({}, { get: (_t, key) => { throw new Error(`${name}.${String(key)} used while building the route tables`); } }) as T;
}

/** The app's route tables, as server/app.ts mounts them, built without a database, Temporal or object store. */
export function inertRouteGroups(): RouteGroup[] {
  const deps = { config: loadConfig({}), pool: inert<pg.Pool>('pool'), temporal: inert<Client>('temporal'), s3: inert<MinioClient>('s3'), version: 'check' };
  return [{ prefix: '/api', routes: backOfficeRoutes(deps) }, { prefix: '/mobile/v1', routes: mobileRoutes(deps) }];
}

const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly']);

/** A JSON schema that admits anything, or any object: `{}`, `{ type: 'object' }`, a record of unknown values. */
export function isOpaque(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return true;
  const s = schema as Record<string, unknown>;
  if (Object.keys(s).every((k) => ANNOTATIONS.has(k))) return true;
  if (s.type === 'object' && !s.properties && !s.anyOf && !s.oneOf && !s.allOf) {
    const extra = s.additionalProperties;
    return extra === undefined || extra === true || (typeof extra === 'object' && isOpaque(extra));
  }
  return false;
}

type Operation = { requestBody?: { content?: Record<string, { schema?: unknown }> }; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/** What an operation lacks: a 2xx answer with a schema (204 needs none), and a body schema when the route takes a body. */
export function missingSchemas(op: Operation, route: RouteDef | undefined): string[] {
  const problems: string[] = [];
  const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  if (!ok.length) problems.push('no 2xx response');
  for (const [status, res] of ok) {
    if (status === '204') continue;
    const media = Object.entries(res.content ?? {});
    if (!media.length) problems.push(`no schema for its ${status} answer`);
    for (const [type, m] of media) if (isOpaque(m.schema)) problems.push(`an opaque ${status} schema (${type})`);
  }
  const takesBody = !!(route?.body || route?.bodyParser || route?.requestBody);
  const bodies = Object.entries(op.requestBody?.content ?? {});
  if (takesBody && !bodies.length) problems.push('no request body schema');
  for (const [type, m] of bodies) if (isOpaque(m.schema)) problems.push(`an opaque request body schema (${type})`);
  return problems;
}

/** Checks the document built from `groups`; `lines` is what the script prints. */
export function checkOpenApi(groups: RouteGroup[]): { operations: number; offenders: string[]; lines: string[] } {
  const doc = buildOpenApi(groups, 'check');
  const byKey = new Map<string, RouteDef>(groups.flatMap((g) => g.routes.map((r) => [`${r.method} ${g.prefix}${r.path.replace(/:(\w+)/g, '{$1}')}`, r] as const)));
  let operations = 0;
  const offenders: string[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      operations += 1;
      const problems = missingSchemas(op as Operation, byKey.get(`${method} ${path}`));
      if (problems.length) offenders.push(`${method.toUpperCase()} ${path}: ${problems.join('; ')}`);
    }
  }
  const lines = [`openapi: ${operations} operations, ${offenders.length} without schemas`, ...offenders.map((o) => `  ${o}`)];
  return { operations, offenders, lines };
}
