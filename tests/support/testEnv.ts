import os from 'node:os';
import path from 'node:path';
import { localOwnerUrl } from '../../db/databaseRoles';

// Tests talk to the local stack; unless told otherwise they use its test database, never the demo one.
process.env.DATABASE_URL ??= 'postgres://jicha_app:jicha_app@127.0.0.1:54329/jicha_test';
// The local stack's schema owner (scripts/stack/config.mjs localOwnerEnv): migrations and the fixtures that need its
// rights (tests/support/ownerDb.ts). Only beside the local app role: another DATABASE_URL brings its own, or none.
const localOwner = localOwnerUrl(process.env.DATABASE_URL);
if (!process.env.DATABASE_OWNER_URL && localOwner) process.env.DATABASE_OWNER_URL = localOwner;
// …and their own Temporal namespace (tests/support/temporalNamespace.ts), never the demo's `default`.
process.env.TEMPORAL_NAMESPACE ??= 'jicha-test';
process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'warn';
// A worker a test starts (worker/main.ts) must not schedule anchors of the shared test database: a verify command
// another test runs would then check against them (tests/integration/logAnchors.test.ts anchors under scratch prefixes).
process.env.LOG_ANCHOR_INTERVAL_MINUTES ??= '0';
// The terminal simulator's device keys (scripts/terminal/client.ts): a test's throw-away devices keep theirs in /tmp.
process.env.TERMINAL_KEY_DIR ??= path.join(os.tmpdir(), 'jicha-test-terminal-keys');
