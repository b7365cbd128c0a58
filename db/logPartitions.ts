import type pg from 'pg';
import type { LogPartitionCounts } from '../domain/housekeepingContract';
import { withTransaction } from './pool';

/**
 * Creates the month partitions of the append-only logs for this Beijing month and `monthsAhead` after it, and moves
 * rows that landed in DEFAULT into their month if it is at most `horizonMonths` ahead (061_log_partitions.sql,
 * log_partitions_ensure). Rows left in DEFAULT lie beyond that (a device clock years off): nonzero is worth a look.
 * Creating a partition locks the parent table briefly: a short lock timeout makes a run that meets a long transaction
 * fail and be retried instead of queueing every writer behind it.
 */
export async function ensureLogPartitions(pool: pg.Pool, monthsAhead = 3, horizonMonths = 24, lockTimeout = '5s'): Promise<LogPartitionCounts[]> {
  return withTransaction(pool, async (c) => {
    await c.query(`select set_config('lock_timeout', $1, true)`, [lockTimeout]);
    const r = await c.query<{ log_table: string; partitions_created: number; rows_moved: number; left_in_default: number }>(
      'select * from log_partitions_ensure($1, $2)', [monthsAhead, horizonMonths],
    );
    return r.rows.map((x) => ({ table: x.log_table, partitionsCreated: x.partitions_created, rowsMoved: x.rows_moved, leftInDefault: x.left_in_default }));
  });
}
