import type { Queryable } from '../../db/pool';
import type { UpstreamConnector } from '../../domain/customerData';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';

/** The upstream systems' data (archive, billing, readings, work orders): today the built-in connector over Postgres. */
export function upstreamConnector(db: Queryable): UpstreamConnector {
  return createBuiltinConnector(db);
}
