import type pg from 'pg';
import type { Logger } from '../../config/logger';
import { appendAuditBatch, type AuditEntry } from '../../db/auditLog';
import { addRefusalCounts, type RefusalCount } from '../../db/auditRefusals';

/** A request refused at the gate, counted per minute instead of chained one by one. */
export interface GateRefusal {
  at: Date;
  method: string;
  route: string;
  status: number;
  username: string | null;
}

export interface AuditWriter {
  /** Queues a chained audit row; rows reach the database in the order they were recorded. */
  record(e: AuditEntry): void;
  /** Counts a request refused at the gate. */
  refused(r: GateRefusal): void;
  /** Writes everything queued (shutdown, tests). */
  flush(): Promise<void>;
}

export interface AuditWriterOptions {
  /** Rows per transaction: large enough that a burst is a few transactions, small enough to keep each one short. */
  maxBatch?: number;
  /** Counts are written this often (and on flush). */
  refusalFlushMs?: number;
  /** After a failed write (database restarting), the batch is retried after this, doubling up to 30 s. */
  retryMs?: number;
  /**
   * Beyond this many queued rows the oldest are dropped with an error line each batch: a database gone for good must
   * not take the API's memory with it. At the mutation rate limit of every user this takes far longer than an outage.
   */
  maxQueued?: number;
}

// The last minute's text kept: a flood of refusals counts them without formatting a date each.
let lastMinute = { start: NaN, iso: '' };
function minuteOf(d: Date): string {
  const start = Math.floor(d.getTime() / 60_000) * 60_000;
  if (start !== lastMinute.start) lastMinute = { start, iso: new Date(start).toISOString() };
  return lastMinute.iso;
}

/**
 * One writer per process: requests hand their audit row over and go on; a single loop appends them in batches, each
 * batch one transaction under the chain's lock. Before, every request took a pool connection and waited on that lock,
 * so 300 anonymous POSTs parked the whole pool and a legitimate request waited seconds for a connection (#18).
 */
export function createAuditWriter(pool: pg.Pool, log: Logger, opts: AuditWriterOptions = {}): AuditWriter {
  const maxBatch = opts.maxBatch ?? 200;
  const maxQueued = opts.maxQueued ?? 100_000;
  const retryMs = opts.retryMs ?? 1000;
  let queue: AuditEntry[] = [];
  let draining: Promise<void> | null = null;
  const counts = new Map<string, RefusalCount>();
  let countsWriting: Promise<void> | null = null;

  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

  async function drain(): Promise<void> {
    let wait = retryMs;
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      try {
        await appendAuditBatch(pool, batch);
        queue = queue.slice(batch.length);
        wait = retryMs;
      } catch (err) {
        log.error({ err, queued: queue.length }, 'audit trail write failed; retrying');
        await sleep(wait);
        wait = Math.min(wait * 2, 30_000);
      }
    }
  }

  function kick(): Promise<void> {
    draining ??= drain().finally(() => {
      draining = null;
    });
    return draining;
  }

  async function writeCounts(): Promise<void> {
    if (!counts.size) return;
    const batch = [...counts.values()];
    counts.clear();
    try {
      await addRefusalCounts(pool, batch);
    } catch (err) {
      log.error({ err, counts: batch.length }, 'refused-request counts not written; kept for the next round');
      for (const c of batch) add(c);
    }
  }

  function add(c: RefusalCount): void {
    const key = `${c.minute}\n${c.method}\n${c.route}\n${c.status}\n${c.username}`;
    const had = counts.get(key);
    if (had) had.requests += c.requests;
    else counts.set(key, { ...c });
  }

  const timer = setInterval(() => {
    countsWriting ??= writeCounts().finally(() => {
      countsWriting = null;
    });
  }, opts.refusalFlushMs ?? 5000);
  timer.unref();

  return {
    record(e) {
      queue.push(e);
      if (queue.length > maxQueued) {
        const dropped = queue.length - maxQueued;
        queue = queue.slice(dropped);
        log.error({ dropped }, 'audit trail queue full: oldest rows dropped');
      }
      void kick();
    },
    refused(r) {
      add({ minute: minuteOf(r.at), method: r.method, route: r.route, status: r.status, username: r.username ?? '', requests: 1 });
    },
    async flush() {
      while (queue.length || draining) await kick();
      if (countsWriting) await countsWriting;
      await writeCounts();
    },
  };
}
