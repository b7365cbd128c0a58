// The logs are partitioned by Beijing month (061_log_partitions.sql): what tests about partitions need to name them.

export const BEIJING_MS = 8 * 3600_000;

/** The first instant of the Beijing month `offset` months after the current one, as a UTC Date. */
export function beijingMonthStart(offset: number): Date {
  const b = new Date(Date.now() + BEIJING_MS);
  return new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + offset, 1) - BEIJING_MS);
}

/** The partition name for the Beijing month starting at `start`. */
export function partitionOf(table: string, start: Date): string {
  const b = new Date(start.getTime() + BEIJING_MS);
  return `${table}_y${b.getUTCFullYear()}m${String(b.getUTCMonth() + 1).padStart(2, '0')}`;
}
