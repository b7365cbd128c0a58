import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { HOUSEKEEPING_WORKFLOW, type HousekeepingInput, type HousekeepingResult, type IntegritySweepCounts, type LogPartitionCounts } from '../../domain/housekeepingContract';
import { useTimeSkipping } from '../support/timeSkipping';

// The daily housekeeping workflow with stubbed activities: the two cleanups, then the evidence re-verification sweep
// on a sample (tests/integration/evidenceWriteOnce.test.ts runs the real activity against a locked bucket).
const ts = useTimeSkipping();

const HISTORIES = path.join(__dirname, 'housekeepingHistories');
const PARTITIONS: LogPartitionCounts[] = [{ table: 'case_events', partitionsCreated: 1, rowsMoved: 2, leftInDefault: 0 }];

function fakeActivities() {
  const calls: { sample: number; runId: string }[] = [];
  const partitionRuns: number[] = [];
  return {
    calls,
    partitionRuns,
    activities: {
      async ensureLogPartitions(monthsAhead: number): Promise<LogPartitionCounts[]> {
        partitionRuns.push(monthsAhead);
        return PARTITIONS;
      },
      sweepAbandonedUploads: async () => 2,
      purgeIdempotencyKeys: async () => 5,
      async verifyEvidenceSample(sample: number, runId: string): Promise<IntegritySweepCounts> {
        calls.push({ sample, runId });
        return { runId, checked: sample, ok: sample - 1, mismatch: 0, missing: 0, newerVersion: 1, seconds: 0.5 };
      },
    },
  };
}

/** With RECORD_HISTORIES=1 and a name, the run's history is saved for a replay test (checked in). */
async function run(input: HousekeepingInput, fake = fakeActivities(), record?: string) {
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const worker = await Worker.create({ connection: ts.env.nativeConnection, taskQueue, workflowBundle: ts.bundle, activities: fake.activities });
  const workflowId = `housekeeping-${crypto.randomUUID()}`;
  const result = await worker.runUntil(() => ts.env.client.workflow.execute(HOUSEKEEPING_WORKFLOW, { taskQueue, workflowId, args: [input] })) as HousekeepingResult;
  if (record && process.env.RECORD_HISTORIES === '1') {
    fs.writeFileSync(path.join(HISTORIES, `${record}.json`), historyToJSON(await ts.env.client.workflow.getHandle(workflowId).fetchHistory()));
  }
  return { result, calls: fake.calls, partitionRuns: fake.partitionRuns, workflowId };
}

test('after the cleanups, re-verifies a sample of confirmed evidence (the schedule passes EVIDENCE_SWEEP_SAMPLE) and reports its counts', async () => {
  const { result, calls, workflowId } = await run({ integritySample: 3 });
  expect(calls).toHaveLength(1);
  expect(calls[0].sample).toBe(3);
  // the run id the checks are recorded under names this workflow run
  expect(calls[0].runId).toMatch(new RegExp(`^${workflowId}/[0-9a-f-]{36}$`));
  expect(result).toEqual({
    abandonedUploadsSwept: 2, idempotencyKeysPurged: 5, integrity: { runId: calls[0].runId, checked: 3, ok: 2, mismatch: 0, missing: 0, newerVersion: 1, seconds: 0.5 },
    logPartitions: PARTITIONS,
  });
});

test('last, the log partitions are kept ready: 3 months ahead by default, or as the input says (#19)', async () => {
  expect((await run({ integritySample: 0 })).partitionRuns).toEqual([3]);
  const six = await run({ integritySample: 0, logPartitionMonthsAhead: 6 });
  expect(six.partitionRuns).toEqual([6]);
  expect(six.result.logPartitions).toEqual(PARTITIONS);
});

test('without a sample in the input the default (200) is used; a sample of 0 turns the sweep off', async () => {
  expect((await run({})).calls.map((c) => c.sample)).toEqual([200]);
  const off = await run({ integritySample: 0 });
  expect(off.calls).toEqual([]);
  expect(off.result).toEqual({ abandonedUploadsSwept: 2, idempotencyKeysPurged: 5, logPartitions: PARTITIONS });
});

test.each([
  ['the sweep', 'housekeeping-before-integrity-sweep'],
  ['partition maintenance (#19)', 'housekeeping-before-log-partitions'],
])('a run recorded before %s existed still replays (behind workflow.patched): %s', async (_what, name) => {
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES, `${name}.json`), 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle: ts.bundle }, history, name)).resolves.toBeUndefined();
});
