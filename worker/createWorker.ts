import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type pg from 'pg';
import { createActivities } from '../activities';
import type { ObjectStore } from '../activities/housekeepingActivities';
import type { OnCaseLogRefused } from '../activities/caseLogRefusal';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  pool: pg.Pool;
  /** Evidence bucket for the housekeeping sweep. */
  objectStore?: ObjectStore;
  /** Told of every case-log write Postgres refused (worker/main.ts counts them). */
  onCaseLogRefused?: OnCaseLogRefused;
  /** Tests pass a pre-bundled workflow bundle so each file bundles once. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Operability options from worker/main.ts: metrics interceptors, shutdown grace. */
  options?: Pick<WorkerOptions, 'interceptors' | 'shutdownGraceTime' | 'shutdownForceTime'>;
}

export function createWorker({ connection, namespace, taskQueue, pool, objectStore, onCaseLogRefused, workflowBundle, options }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    ...options,
    connection,
    namespace,
    taskQueue,
    activities: createActivities({ pool, objectStore, onCaseLogRefused }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
