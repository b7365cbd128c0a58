// Imported first: the API under test would log every refusal; failures are reported by the run (FUZZ_LOG=warn shows its log).
process.env.LOG_LEVEL = process.env.FUZZ_LOG ?? 'silent';
// the stack's test database names the server; each run then uses a fresh database beside it (fuzzDb.ts)
process.env.DATABASE_URL ??= 'postgres://jicha_app:jicha_app@127.0.0.1:54329/jicha_test';
// the local stack's schema owner makes and migrates the fuzz database (tests/support/testEnv.ts)
if (!process.env.DATABASE_OWNER_URL && new URL(process.env.DATABASE_URL).username === 'jicha_app') {
  process.env.DATABASE_OWNER_URL = Object.assign(new URL(process.env.DATABASE_URL), { username: 'jicha_owner', password: 'jicha_owner' }).toString();
}
process.env.NODE_ENV ??= 'test';
// the fuzzers probe inputs, not budgets (tests/integration/hardening.test.ts covers the rate limits)
for (const k of ['RATE_LIMIT_MUTATIONS_PER_MIN', 'RATE_LIMIT_EXPENSIVE_PER_MIN', 'RATE_LIMIT_AUTH_FAILURES_PER_MIN']) process.env[k] ??= '0';
