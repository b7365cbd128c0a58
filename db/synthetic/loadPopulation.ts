import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { firstDay } from '../../domain/billingMonths';
import { generateCustomer, populationDays, populationMonths, populationOrgUnits, type GeneratedCustomer, type PopulationSpec } from './generator';

/**
 * Loads a synthetic population with COPY. `upsert` (demo, tests; up to a few hundred thousand customers) stages
 * everything in temporary tables and merges in one transaction: customers are upserted, the population's bills,
 * readings and events replaced, so a re-load leaves exactly the generator's output. `direct` (benchmarks, into an
 * emptied database) streams straight into the tables over four connections at once.
 */

const TABLES = {
  customers: ['account_no', 'name', 'address', 'lat', 'lon', 'tariff_category', 'contract_capacity_kva', 'meter_no', 'whitelist', 'station_id', 'grid_id', 'status'],
  monthly_consumption: ['account_no', 'month', 'kwh', 'amount_yuan', 'tariff_category'],
  daily_readings: ['account_no', 'reading_date', 'day_kwh', 'register_kwh'],
  meter_events: ['account_no', 'occurred_at', 'kind', 'meter_no'],
  metering_work_orders: ['order_no', 'account_no', 'kind', 'status', 'applied_on', 'done_at', 'meter_no'],
} as const;
type Table = keyof typeof TABLES;

const csvText = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function rowsOf(spec: PopulationSpec): (c: GeneratedCustomer) => Record<Table, string> {
  const months = populationMonths(spec).map(firstDay);
  const days = populationDays(spec);
  return (c) => {
    let bills = '';
    for (let i = 0; i < months.length; i += 1) bills += `${c.accountNo},${months[i]},${c.billKwh[i]},${c.billYuan[i]},${c.tariffCategory}\n`;
    let readings = '';
    for (let i = 0; i < days.length; i += 1) readings += `${c.accountNo},${days[i]},${c.dayKwh[i]},${c.registerKwh[i]}\n`;
    let events = '';
    for (const e of c.events) events += `${c.accountNo},${e.occurredAt},${e.kind},${c.meterNo}\n`;
    let orders = '';
    for (const w of c.meteringWorkOrders) orders += `${w.orderNo},${c.accountNo},${w.kind},${w.status},${w.appliedOn},${w.doneAt ?? ''},${c.meterNo}\n`;
    return {
      customers: `${c.accountNo},${csvText(c.name)},${csvText(c.address)},${c.lat},${c.lon},${c.tariffCategory},${c.contractCapacityKva},${c.meterNo},${c.whitelist},${c.stationId},${c.gridId},${c.status}\n`,
      monthly_consumption: bills,
      daily_readings: readings,
      meter_events: events,
      metering_work_orders: orders,
    };
  };
}

const copySql = (target: string, table: Table) => `copy ${target} (${TABLES[table].join(', ')}) from stdin (format csv)`;

/** One COPY in flight per table; writes respect back-pressure; the first COPY error fails the load. */
class CopySink {
  private buf = '';
  private failure: Error | null = null;
  private readonly stream: NodeJS.WritableStream & { on: (e: string, f: (err: Error) => void) => void };
  constructor(client: pg.PoolClient, sql: string) {
    this.stream = client.query(copyFrom(sql));
    this.stream.on('error', (e: Error) => { this.failure ??= e; });
  }
  async write(text: string): Promise<void> {
    this.buf += text;
    if (this.buf.length >= 256 * 1024) await this.flush();
  }
  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    if (this.failure) throw this.failure;
  }
  async end(): Promise<void> {
    await this.flush();
    const done = Promise.race([once(this.stream, 'finish'), once(this.stream, 'error')]);
    this.stream.end();
    await done;
    if (this.failure) throw this.failure;
  }
}

async function upsertOrgUnits(db: pg.Pool | pg.PoolClient, spec: PopulationSpec): Promise<void> {
  for (const o of populationOrgUnits(spec)) {
    await db.query(
      `insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, $2, $3, $4, $5)
       on conflict (id) do update set parent_id = excluded.parent_id, level = excluded.level, name_zh = excluded.name_zh, name_en = excluded.name_en
       where (org_units.parent_id, org_units.level, org_units.name_zh, org_units.name_en) is distinct from (excluded.parent_id, excluded.level, excluded.name_zh, excluded.name_en)`,
      [o.id, o.parentId, o.level, o.nameZh, o.nameEn],
    );
  }
}

async function finish(db: pg.Pool | pg.PoolClient, spec: PopulationSpec): Promise<void> {
  await db.query('insert into billing_periods (month) select unnest($1::date[]) on conflict do nothing', [populationMonths(spec).map(firstDay)]);
  await db.query(
    `insert into synthetic_populations (name, spec, customers, loaded_at) values ($1, $2, $3, now())
     on conflict (name) do update set spec = excluded.spec, customers = excluded.customers, loaded_at = excluded.loaded_at`,
    [spec.name, storedSpec(spec), spec.customers],
  );
}

/**
 * What synthetic_populations records of a load: the spec, and the generator's revision when it has one, so that a
 * database loaded by an older generator loads again (2: metering work orders).
 */
const GENERATOR_REVISION = 2;
const storedSpec = (spec: PopulationSpec) => JSON.stringify({ ...spec, generatorRevision: GENERATOR_REVISION });

export async function populationLoaded(db: pg.Pool, spec: PopulationSpec): Promise<boolean> {
  const r = await db.query('select 1 from synthetic_populations where name = $1 and spec = $2::jsonb', [spec.name, storedSpec(spec)]);
  return r.rowCount === 1;
}

/** Demo and tests: idempotent; skipped when the same spec is already loaded. */
export async function upsertPopulation(pool: pg.Pool, spec: PopulationSpec): Promise<{ skipped: boolean }> {
  if (spec.customers > 300_000) throw new Error('upsertPopulation stages in memory; use loadPopulationDirect for large populations');
  if (await populationLoaded(pool, spec)) return { skipped: true };
  const rows = rowsOf(spec);
  const text: Record<Table, string[]> = { customers: [], monthly_consumption: [], daily_readings: [], meter_events: [], metering_work_orders: [] };
  for (let i = 0; i < spec.customers; i += 1) {
    const r = rows(generateCustomer(spec, i));
    for (const t of Object.keys(text) as Table[]) text[t].push(r[t]);
  }
  const client = await pool.connect();
  try {
    await client.query('begin');
    await upsertOrgUnits(client, spec);
    for (const t of Object.keys(TABLES) as Table[]) {
      await client.query(`create temp table stage_${t} (like ${t} including defaults) on commit drop`);
      const sink = new CopySink(client, copySql(`stage_${t}`, t));
      for (const s of text[t]) await sink.write(s);
      await sink.end();
    }
    const set = TABLES.customers.filter((c) => c !== 'account_no');
    await client.query(
      `insert into customers select * from stage_customers
       on conflict (account_no) do update set ${set.map((c) => `${c} = excluded.${c}`).join(', ')}
       where (${set.map((c) => `customers.${c}`).join(', ')}) is distinct from (${set.map((c) => `excluded.${c}`).join(', ')})`,
    );
    for (const t of ['monthly_consumption', 'daily_readings', 'meter_events', 'metering_work_orders'] as const) {
      await client.query(`delete from ${t} where account_no in (select account_no from stage_customers)`);
      await client.query(`insert into ${t} (${TABLES[t].join(', ')}) select ${TABLES[t].join(', ')} from stage_${t}`);
    }
    await finish(client, spec);
    await client.query('commit');
    return { skipped: false };
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Connections loadPopulationDirect holds at once: one COPY per table. */
export const DIRECT_LOAD_CONNECTIONS = Object.keys(TABLES).length;

/**
 * Benchmarks: streams into empty tables, one COPY per table at once (the caller truncated them; its pool must allow
 * DIRECT_LOAD_CONNECTIONS, or the last connect would wait forever). Foreign-key triggers are skipped for the session
 * when the role may (superuser): the generator's rows are consistent by construction.
 */
export async function loadPopulationDirect(pool: pg.Pool, spec: PopulationSpec, progress: (done: number) => void = () => undefined): Promise<void> {
  const max = (pool as pg.Pool & { options?: { max?: number } }).options?.max;
  if (max !== undefined && max < DIRECT_LOAD_CONNECTIONS) throw new Error(`loadPopulationDirect holds ${DIRECT_LOAD_CONNECTIONS} connections at once; the pool allows ${max}`);
  await upsertOrgUnits(pool, spec);
  const tables = Object.keys(TABLES) as Table[];
  const clients = await Promise.all(tables.map(() => pool.connect()));
  try {
    for (const c of clients) await c.query('set session_replication_role = replica').catch(() => undefined);
    const sinks = tables.map((t, i) => new CopySink(clients[i], copySql(t, t)));
    const rows = rowsOf(spec);
    for (let i = 0; i < spec.customers; i += 1) {
      const r = rows(generateCustomer(spec, i));
      for (let t = 0; t < tables.length; t += 1) await sinks[t].write(r[tables[t]]);
      if ((i + 1) % 100_000 === 0) progress(i + 1);
    }
    await Promise.all(sinks.map((s) => s.end()));
    for (const c of clients) await c.query('reset session_replication_role').catch(() => undefined);
  } finally {
    for (const c of clients) c.release();
  }
  await finish(pool, spec);
}
