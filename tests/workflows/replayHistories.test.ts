import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../support/timeSkipping';
import { HISTORY_DIR } from './recordHistory';

// Histories recorded from real runs of every path (RECORD_HISTORIES=1 npm run test:workflows) and checked in:
// a change to workflow code that is not patched (workflow.patched) fails here.
const files = fs.readdirSync(HISTORY_DIR).filter((f) => f.endsWith('.json')).sort();
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
}, 60_000);

test('the recorded paths are all present', () => {
  expect(files).toEqual(expect.arrayContaining([
    'happy-path.json', 'not-confirmed.json', 'verification-rejected-twice.json', 'dismissed.json', 'reassigned-then-cancelled.json', 'escalated-then-completed.json',
    'calendar-recomputed.json', 'history-diet.json',
  ]));
});

test.each(files)('replays %s deterministically', async (file) => {
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORY_DIR, file), 'utf8')));
  await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, `replay-${file}`)).resolves.toBeUndefined();
});
