import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

/**
 * The tests' Temporal namespace (scripts/stack/config.mjs, localAppEnv({ test: true })): never the demo's `default`.
 * A worker started by a test (worker/main.ts) brings the housekeeping and period-close schedules to its own task
 * queue; in the demo's namespace that would take them away from the demo's worker.
 */
export const TEST_NAMESPACE = 'jicha-test';

// gRPC status codes
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const isNotFound = (e: unknown) => (e as { code?: number }).code === NOT_FOUND;

/** Registers `namespace` when the server lacks it (a stack started before it was one of `npm start`'s) and waits until it serves. */
export async function ensureNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const svc = connection.workflowService;
    try {
      await svc.describeNamespace({ namespace });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await svc.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') }).catch((err: unknown) => {
        if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
      });
    }
    // The frontend learns of a new namespace on its next cache refresh (up to ~10 s): until then calls say NOT_FOUND.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await svc.listWorkflowExecutions({ namespace, pageSize: 1 });
        return;
      } catch (e) {
        if (!isNotFound(e) || Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await connection.close();
  }
}
