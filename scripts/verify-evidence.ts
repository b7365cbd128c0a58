// `npm run verify:evidence [--all | --case <caseId | caseNo>] [--repin] [-- --sample N --concurrency N]`:
// re-verifies confirmed evidence in the store (services/evidence/integritySweep.ts) the way the daily housekeeping
// does, on demand. Without --all or --case: one sample (EVIDENCE_SWEEP_SAMPLE, least recently checked first).
// Each check is recorded and every failure is flagged on its case (its evidence shows it; the city's supervisors get
// a notice). Exit code 0: all intact; 1: any mismatch, missing or newer-version; 2: the run itself failed.
import crypto from 'node:crypto';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { createS3Client } from '../config/s3';
import { runIntegritySweep, type SweepScope, type SweepSummary } from '../services/evidence/integritySweep';
import { integrityOutcomeText, INTEGRITY_OUTCOMES } from '../domain/evidenceIntegrity';

export interface VerifyArgs {
  all: boolean;
  /** A case id (UUID) or case number, as typed. */
  caseRef: string | null;
  repin: boolean;
  sample: number | null;
  concurrency: number;
}

export class UsageError extends Error {}

const USAGE = 'usage: npm run verify:evidence -- [--all | --case <caseId|caseNo>] [--repin] [--sample N] [--concurrency N]';

/**
 * `npm run verify:evidence -- --all --case X` hands us the flags as they are. Without the `--`, npm keeps flags for
 * itself: `--all` and `--repin` reach us only as npm_config_all / npm_config_repin = "true", and `--case X` as
 * npm_config_case = "true" plus a bare X; both forms are understood.
 */
export function parseVerifyArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): VerifyArgs {
  const a: VerifyArgs = { all: env.npm_config_all === 'true', caseRef: null, repin: env.npm_config_repin === 'true', sample: null, concurrency: 4 };
  const int = (flag: string, v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} needs a whole number ${min}…${max}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--all') a.all = true;
    else if (arg === '--repin') a.repin = true;
    else if (arg === '--case') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError(`--case needs a case id or case number\n${USAGE}`);
      a.caseRef = v;
    } else if (arg === '--sample') a.sample = int('--sample', argv[++i], 1, 1_000_000);
    else if (arg === '--concurrency') a.concurrency = int('--concurrency', argv[++i], 1, 64);
    else if (env.npm_config_case === 'true' && !arg.startsWith('-') && a.caseRef === null) a.caseRef = arg;
    else throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  if (env.npm_config_case === 'true' && a.caseRef === null) throw new UsageError(`--case needs a case id or case number\n${USAGE}`);
  if (a.all && a.caseRef) throw new UsageError(`--all and --case exclude each other\n${USAGE}`);
  if (a.sample !== null && (a.all || a.caseRef)) throw new UsageError(`--sample is for a sample run, not with --all or --case\n${USAGE}`);
  return a;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The summary, zh-CN first, English second; the last line is the one to grep. */
export function summaryLines(s: SweepSummary): string[] {
  const o = s.outcomes;
  const rate = s.seconds > 0 ? s.checked / s.seconds : 0;
  const speed = `${mb(s.bytes)} / ${s.seconds.toFixed(1)} s (${rate.toFixed(1)} objects/s, ${mb(s.seconds > 0 ? s.bytes / s.seconds : 0)}/s)`;
  return [
    `核验证据 ${s.checked} 件：完好 ${o.ok}，不一致 ${o.mismatch}，缺失 ${o.missing}，有更新版本 ${o['newer-version']}；${speed}`,
    `verify:evidence run ${s.runId}: ${s.checked} checked — ${INTEGRITY_OUTCOMES.map((k) => `${o[k]} ${k}`).join(', ')}; ${speed}`,
  ];
}

async function main() {
  const args = parseVerifyArgs(process.argv.slice(2), process.env);
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, Math.min(10, args.concurrency + 2));
  try {
    let caseId: string | null = null;
    if (args.caseRef) {
      const r = await pool.query<{ id: string }>('select id from cases where id::text = $1 or case_no = $1', [args.caseRef]);
      if (!r.rows[0]) throw new UsageError(`没有工单 ${args.caseRef} / no case ${args.caseRef}`);
      caseId = r.rows[0].id;
    }
    const scope: SweepScope = args.all || caseId ? { mode: 'all', caseId } : { mode: 'sample', limit: args.sample ?? config.EVIDENCE_SWEEP_SAMPLE };
    const runId = `verify-evidence/${new Date().toISOString()}/${crypto.randomUUID().slice(0, 8)}`;
    console.log(`bucket ${config.S3_BUCKET}; ${scope.mode === 'sample' ? `sample of ${scope.limit}` : caseId ? `case ${args.caseRef}` : 'all confirmed evidence'}${args.repin ? '; re-pinning versions that are gone' : ''}`);
    let lastPrint = 0;
    const summary = await runIntegritySweep({ pool, s3: createS3Client(config), bucket: config.S3_BUCKET }, scope, {
      runId, repin: args.repin, concurrency: args.concurrency,
      onProgress: ({ done, total, last }) => {
        if (last.outcome !== 'ok') console.log(`  ${last.outcome.toUpperCase()} evidence ${last.evidenceId}: ${integrityOutcomeText(last.outcome, 'zh-CN')} / ${integrityOutcomeText(last.outcome, 'en')}`);
        const now = Date.now();
        if (now - lastPrint >= 2000 || done === total) {
          lastPrint = now;
          console.log(`  ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%)`);
        }
      },
    });
    for (const f of summary.failures) console.log(`FAILED ${f.outcome} evidence ${f.evidenceId} case ${f.caseId}`);
    for (const line of summaryLines(summary)) console.log(line);
    process.exitCode = summary.failures.length ? 1 : 0;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main().catch((e: Error) => {
    console.error(e instanceof UsageError ? e.message : `verify:evidence failed: ${e.message}`);
    process.exit(2);
  });
}
