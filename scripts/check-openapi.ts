// `npm run check:openapi`: builds the OpenAPI document in-process from the route tables (no server, no stack) and
// fails when an operation lacks a schema for its success answer or, when it takes a body, for its request body.
// Prints "openapi: N operations, M without schemas" and, when M > 0, the offenders.
import { checkOpenApi, inertRouteGroups } from '../server/openapiCheck';

const { offenders, lines } = checkOpenApi(inertRouteGroups());
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(offenders.length ? 1 : 0);
