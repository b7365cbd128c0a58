// The route tables as the app mounts them, built without a server, a database or any other dep: building them calls
// no handler and touches no dep. What gen:client documents and what gen:edge exempts from the edge's limit.
import type pg from 'pg';
import type { Client } from '@temporalio/client';
import type { Client as MinioClient } from 'minio';
import { loadConfig } from '../config/env';
import { routeGroups } from '../server/openapi';

/** A dep that must never be used: building the route tables only captures it. */
function inert(name: string): never {
  return new Proxy({}, {
    get(_t, prop) {
      throw new Error(`building the route tables used ${name}.${String(prop)}; route construction must not touch its deps`);
    },
  }) as never;
}

export function inertRouteGroups(): ReturnType<typeof routeGroups> {
  return routeGroups({ config: loadConfig({}), pool: inert('pool') as pg.Pool, temporal: inert('temporal') as Client, s3: inert('s3') as MinioClient, version: 'generated' });
}
