// `npm run fuzz:api`: property-based fuzzing (fast-check) of every operation of the served OpenAPI document, then
// schemathesis against the same document, on an API and worker of its own (random port) against the real stack, with a
// fresh database (jicha_fuzz) per run.
// Zero 5xx, and every refusal a 4xx problem+json. Last line: "fuzz: N requests, M failures"; exit 1 on any failure.
//   --runs N            fast-check runs per operation (default 60)
//   --max-examples N    schemathesis examples per operation and phase (default 20)
//   --seed N            reproduce a run
//   --phases LIST       schemathesis phases (default examples,coverage,fuzzing)
//   --quick             --runs 15 --max-examples 5 --phases examples,fuzzing (the bounded pass npm test runs)
//   --checks LIST       schemathesis checks (default not_a_server_error)
//   --only fast-check|schemathesis
import './env';
import integrationSetup from '../tests/support/integrationSetup';
import { freshFuzzDb } from './fuzzDb';
import { startTarget } from './target';
import { fastCheckPass, type Failure } from './fastCheckPass';
import { schemathesisPass } from './schemathesisPass';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const runs = Number(arg('runs') ?? (quick ? 15 : 60));
  const maxExamples = Number(arg('max-examples') ?? (quick ? 5 : 20));
  const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
  const phases = arg('phases') ?? (quick ? 'examples,fuzzing' : 'examples,coverage,fuzzing');
  const checks = arg('checks') ?? 'not_a_server_error';
  const only = arg('only');
  const log = (s: string) => process.stdout.write(`${s}\n`);

  process.env.DATABASE_URL = await freshFuzzDb(process.env.DATABASE_URL!);
  await integrationSetup(); // stack reachable; the fuzz database migrated and seeded
  const t = await startTarget();
  log(`fuzz: ${t.operations.length} operations at ${t.baseUrl}, seed ${seed}`);
  let requests = 0;
  const failures: Failure[] = [];
  try {
    if (only !== 'schemathesis') {
      log(`fast-check: ${runs} runs per operation`);
      const r = await fastCheckPass(t, { runs, seed, log });
      requests += r.requests;
      failures.push(...r.failures);
    }
    if (only !== 'fast-check') {
      log(`schemathesis (${phases}): ${maxExamples} examples per operation, per role`);
      const r = await schemathesisPass(t, { maxExamples, seed, checks, phases, log });
      requests += r.requests;
      failures.push(...r.failures);
    }
  } finally {
    await t.stop();
  }
  for (const f of failures) log(`FAIL [${f.source}] ${f.operation}\n    ${f.detail}`);
  log(`fuzz: ${requests} requests, ${failures.length} failures`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.stdout.write('fuzz: 0 requests, 1 failures\n');
    process.exit(1);
  },
);
