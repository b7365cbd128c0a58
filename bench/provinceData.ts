// Generates a province-sized read model (org tree, customers, cases, case events, escalations) in SQL, chunk by
// chunk, for `npm run bench:province`. Every choice is a hash of the row number, so a size generates the same rows
// on every machine and the three inserts of a case (case, events, escalations) agree without a staging table.
// Case i is created at time i/N of the 24 months before generation (rows arrive in time order, as in production).
// Case events carry a placeholder hash chain (each prev_hash is the previous event's hash, hashes are sha256 of
// case id and seq, not of the event): enough for the schema and for reading, not for scripts/verify-case-log.ts.
import type pg from 'pg';
import { GENESIS_HASH } from '../domain/caseEvents';
import { rebuildCaseStats } from '../db/caseStatsProjection';
import { hubeiOrgUnits } from './provinceOrg';

export interface ProvinceSize {
  cases: number;
  customers: number;
  eventsPerCase: number;
}

type Log = (m: string) => void;

const TABLES = ['customers', 'cases', 'case_events', 'escalations'];

/** A deterministic value in [0, 2^32) from an integer SQL expression and a salt. */
const h = (expr: string, salt: number) => `(hashint8((${expr})::bigint * 1000003 + ${salt})::bigint + 2147483648)`;
/** The station (bench_province_stations.idx) of customer number `expr`: the case insert derives it the same way. */
const stationIdx = (expr: string, stations: number) => `(1 + ${h(expr, 1)} % ${stations})`;
const accountNo = (expr: string) => `('42' || lpad((${expr})::text, 8, '0'))`;
const sqlArray = (xs: readonly string[]) => `(array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]::text[])`;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁',
  '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕',
  '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦',
  '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫'];
const GIVEN = ['伟', '芳', '娜', '秀', '英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '兰', '霞', '平', '刚',
  '桂', '华', '建', '国', '文', '志', '红', '梅', '海', '燕', '玲', '辉', '鹏', '飞', '斌', '波', '宇', '浩', '凯', '俊', '婷', '雪', '琳', '晶', '欣',
  '颖', '倩', '慧', '莉', '萍', '春', '林', '云', '峰', '成', '亮', '龙', '新', '荣', '德', '福', '生', '宏', '忠', '庆', '祥', '玉', '珍', '凤', '丹', '阳', '鑫', '晨'];
const SHOP_WORDS = ['金桂', '兴旺', '福满', '鸿运', '顺发', '永盛', '华联', '新星', '和记', '老王', '好又多', '佳佳', '红太阳', '长江', '楚天', '荆楚',
  '汉味', '家乐', '万家', '聚福', '同心', '富民', '宏达', '恒丰'];
const SHOPS = ['餐馆', '饭店', '超市', '便利店', '五金店', '药店', '酒店', '茶楼', '烧烤店', '汽修厂', '服装店', '美容院', '网吧', '农家乐', '水产店', '粮油店'];
const WORKS = ['机械厂', '纺织厂', '建材有限公司', '食品加工厂', '砖厂', '塑料制品厂', '木业有限公司', '铸造厂'];
const FARMS = ['农民专业合作社', '养殖场', '种植专业合作社', '水产养殖基地'];
const ROADS = ['人民路', '解放路', '建设路', '中山路', '胜利路', '和平路', '长江路', '友谊路', '文化路', '新华路', '光明路', '青年路', '东风路', '幸福路',
  '团结路', '工业路', '滨江大道', '沿河路', '桂花路', '温泉路', '民主路', '交通路'];
const FILLERS = ['judged', 'stage_entered', 'assigned', 'accepted', 'checked_in', 'evidence_attached', 'note_added', 'reminded'];
const PROBLEMS = ['wrong_tariff', 'theft', 'capacity_excess', 'meter_fault'];

export const EVENT_TYPES_READ_BY_DASHBOARD = ['findings_submitted', 'rectification_issued', 'verified'] as const;

/** Rows per statement: big enough to be fast, small enough to show progress and keep each transaction short. */
const CHUNK = { customers: 500_000, cases: 250_000, events: 100_000 };

async function inChunks(db: pg.PoolClient, what: string, total: number, chunk: number, log: Log, run: (lo: number, hi: number) => Promise<number>): Promise<void> {
  const t0 = Date.now();
  let rows = 0;
  for (let lo = 1; lo <= total; lo += chunk) {
    const hi = Math.min(total, lo + chunk - 1);
    rows += await run(lo, hi);
    if (total > chunk) log(`  ${what}: ${hi.toLocaleString('en')}/${total.toLocaleString('en')} (${rows.toLocaleString('en')} rows, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
}

// Each level ends with `offset 0`, which keeps Postgres from pulling the subquery up into its parent: pulled up,
// every reference to a derived column (kind is read in a dozen places) would recompute its whole expression.

/**
 * One row per case i in [lo, hi]: what the three inserts read. `now` is the generation time (a literal), so the
 * same size gives the same ages on re-run of a step.
 */
function planSql(size: ProvinceSize, stations: number, now: string, lo: number, hi: number): string {
  const N = size.cases;
  return `
  select p.*, st.id as station_id,
         case p.kind when 1 then 'closed' when 2 then 'closed' when 3 then 'dismissed' when 4 then 'cancelled' when 10 then 'judgement'
           when 11 then 'field_evidence' when 12 then 'rectification' when 13 then 'verification' else 'assessment' end as stage,
         case when p.kind between 1 and 4 then p.created_at + least(p.duration_days, p.age_days * 0.9) * interval '1 day'
              else p.created_at + (timestamptz '${now}' - p.created_at) * 0.8 end as end_at
    from (
      select q.*,
             case when q.open then case when q.w < 10 then 10 when q.w < 45 then 11 when q.w < 75 then 12 when q.w < 90 then 13 else 14 end
                  else case when q.v < 55 then 1 when q.v < 85 then 2 when q.v < 95 then 3 else 4 end end as kind
        from (
          select r.*, case when r.age_days < 40 then r.u < 750 when r.age_days < 120 then r.u < 100 else r.u < 15 end as open
            from (
              select i, ci,
                     ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid as id,
                     ${accountNo('ci')} as acct,
                     ${stationIdx('ci', stations)} as st_idx,
                     created_at,
                     extract(epoch from (timestamptz '${now}' - created_at)) / 86400 as age_days,
                     ${h('i', 22)} % 1000 as u, ${h('i', 23)} % 100 as v, ${h('i', 24)} % 100 as w,
                     5 + ${h('i', 25)} % 55 as duration_days,
                     (array['routine', 'special', 'custom'])[case when ${h('i', 26)} % 100 < 50 then 1 when ${h('i', 26)} % 100 < 80 then 2 else 3 end] as origin,
                     (array['low', 'normal', 'high', 'urgent'])[case when ${h('i', 27)} % 100 < 10 then 1 when ${h('i', 27)} % 100 < 80 then 2 when ${h('i', 27)} % 100 < 95 then 3 else 4 end] as priority,
                     ${h('i', 28)} % 100 < 3 as weak,
                     ((20000 + ${h('i', 29)} % 2000000) / 100.0)::numeric(14, 2) as back_billing,
                     ((20000 + ${h('i', 29)} % 2000000) / 100.0 * (1 + ${h('i', 30)} % 3))::numeric(14, 2) as penalty,
                     ${h('i', 31)} % 100 < 10 as collected_other,
                     ${sqlArray(PROBLEMS)}[1 + ${h('i', 35)} % ${PROBLEMS.length}] as problem_type,
                     ${h('i', 33)} % 20 - 4 as deadline_days,
                     ${h('i', 34)} % 100 < 8 as resolved_escalation
                from (
                  select i, 1 + ${h('i', 20)} % ${size.customers} as ci,
                         timestamptz '${now}' - interval '730 days' + ((i - 1)::float8 / ${N}) * interval '730 days' + (${h('i', 21)} % 3600) * interval '1 second' as created_at
                    from generate_series(${lo}, ${hi}) i offset 0
                ) g offset 0
            ) r offset 0
        ) q offset 0
    ) p
    join bench_province_stations st on st.idx = p.st_idx
  offset 0`;
}

/** Plan plus the columns the cases, events and escalations derive from it. */
function caseRowsSql(size: ProvinceSize, stations: number, now: string, lo: number, hi: number): string {
  return `
  select c.*,
         -- a fifth of the recent open steps are past their deadline; a case stuck for months is long past it
         case when c.kind not in (11, 12, 13) then null
              when c.age_days < 120 then timestamptz '${now}' + c.deadline_days * interval '1 day'
              else c.end_at + interval '10 days' end as deadline_at,
         'insp-' || c.st_idx || '-' || (1 + ${h('c.i', 32)} % 4) as inspector,
         c.back_billing + c.penalty as total
    from (${planSql(size, stations, now, lo, hi)}) c
  offset 0`;
}

function withTier(inner: string, now: string): string {
  return `
  select t.*,
         case when t.deadline_at is null or t.deadline_at >= timestamptz '${now}' then 0
              when timestamptz '${now}' - t.deadline_at > interval '3 days' then 3
              when timestamptz '${now}' - t.deadline_at > interval '2 days' then 2 else 1 end as tier
    from (${inner}) t
  offset 0`;
}

async function insertOrg(db: pg.PoolClient): Promise<number> {
  const units = hubeiOrgUnits();
  await db.query(
    `insert into org_units (id, parent_id, level, name_zh, name_en)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [units.map((u) => u.id), units.map((u) => u.parentId), units.map((u) => u.level), units.map((u) => u.nameZh), units.map((u) => u.nameEn)],
  );
  const stations = units.filter((u) => u.level === 'station');
  await db.query('drop table if exists bench_province_stations');
  await db.query(`create table bench_province_stations (idx integer primary key, id text not null, city_address text not null, county_address text not null,
    city_shop text not null, town text not null)`);
  await db.query(
    `insert into bench_province_stations
     select row_number() over (order by id), id, city, county, case when city like '%市' then city else left(city, 2) end,
            town || case when county like '%区' then '街道' else '镇' end
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as s(id, city, county, town)`,
    [stations.map((s) => s.id), stations.map((s) => s.cityAddress), stations.map((s) => s.countyAddress), stations.map((s) => s.nameZh.replace(/供电所$/, ''))],
  );
  return stations.length;
}

function customersSql(stations: number, lo: number, hi: number): string {
  const pick = (arr: readonly string[], salt: number, expr = 'i') => `${sqlArray(arr)}[1 + ${h(expr, salt)} % ${arr.length}]`;
  // surnames are skewed towards the common ones (the list is ordered by frequency)
  const surname = `${sqlArray(SURNAMES)}[1 + floor(${SURNAMES.length} * power((${h('i', 3)} % 10000) / 10000.0, 2))::int]`;
  const person = `${surname} || ${pick(GIVEN, 4)} || case when ${h('i', 5)} % 10 < 7 then ${pick(GIVEN, 6)} else '' end`;
  return `
  insert into customers (account_no, name, address, lat, lon, tariff_category, contract_capacity_kva, meter_no, whitelist, station_id, grid_id, status)
  select ${accountNo('i')}, name, address, lat, lon, tariff, cap, 'M' || ${accountNo('i')}, tariff = 'residential' and ${h('i', 14)} % 100 < 2, st.id, null,
         case when ${h('i', 15)} % 1000 < 970 then 'active' when ${h('i', 15)} % 1000 < 990 then 'suspended' else 'closed' end
    from (
      select i, x.tariff, st_idx,
             case x.tariff
               when 'residential' then ${person}
               when 'commercial' then s.city_shop || ${pick(SHOP_WORDS, 7)} || ${pick(SHOPS, 8)}
               when 'agricultural' then replace(replace(s.town, '街道', ''), '镇', '') || ${pick(SHOP_WORDS, 7)} || ${pick(FARMS, 9)}
               else s.county_address || ${pick(SHOP_WORDS, 7)} || ${pick(WORKS, 10)} end as name,
             '湖北省' || s.city_address || case when s.county_address = s.city_address then '' else s.county_address end || s.town
               || ${pick(ROADS, 11)} || (1 + ${h('i', 12)} % 300) || '号'
               || case when x.tariff = 'residential' and ${h('i', 13)} % 2 = 0
                       then (1 + ${h('i', 13)} % 30) || '栋' || (1 + ${h('i', 16)} % 4) || '单元' || (1 + ${h('i', 17)} % 18) || '0' || (1 + ${h('i', 18)} % 4) || '室' else '' end as address,
             29.1 + (${h('i', 19)} % 42000) / 10000.0 as lat, 108.4 + (${h('i', 23)} % 77000) / 10000.0 as lon,
             case x.tariff when 'residential' then 8 when 'commercial' then 50 when 'agricultural' then 30 when 'general_industrial' then 200 else 2000 end as cap
        from (select i, ${stationIdx('i', stations)} as st_idx,
                     case when ${h('i', 2)} % 100 < 70 then 'residential' when ${h('i', 2)} % 100 < 85 then 'commercial'
                          when ${h('i', 2)} % 100 < 92 then 'general_industrial' when ${h('i', 2)} % 100 < 94 then 'large_industrial' else 'agricultural' end as tariff
                from generate_series(${lo}, ${hi}) i) x
        join bench_province_stations s on s.idx = x.st_idx
    ) c join bench_province_stations st on st.idx = c.st_idx`;
}

function casesSql(size: ProvinceSize, stations: number, now: string, lo: number, hi: number): string {
  return `
  insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, customer_station_id, origin, stage, priority, note,
                     created_by, created_at, updated_at, last_event_seq, assignee, pending_role, pending_user, stage_started_at, deadline_at,
                     escalation_tier, problem_type, verification_rounds, closed_at, review_pending)
  select c.id, 'JC-' || to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY') || '-' || lpad(c.i::text, 7, '0'), 'bench-case-' || c.i, c.acct,
         (select cu.name from customers cu where cu.account_no = c.acct), c.station_id, c.station_id, c.origin, c.stage, c.priority, null,
         c.inspector, c.created_at, c.end_at, ${size.eventsPerCase},
         case when c.kind <> 10 then c.inspector end,
         case c.kind when 10 then 'station_lead' when 11 then 'inspector' when 12 then 'station_lead' when 13 then 'supervisor' end,
         case when c.kind = 11 then c.inspector end,
         case when c.kind >= 10 then c.end_at end, c.deadline_at, c.tier,
         case when c.kind in (1, 12, 13, 14) then c.problem_type end,
         case when c.kind in (1, 14) then 1 else 0 end,
         case when c.kind between 1 and 4 then c.end_at end,
         c.kind = 12 and c.weak
    from (${withTier(caseRowsSql(size, stations, now, lo, hi), now)}) c`;
}

export function eventsSql(size: ProvinceSize, stations: number, now: string, lo: number, hi: number): string {
  const E = size.eventsPerCase;
  const milestones = `case c.kind when 1 then array['opened', 'findings_submitted', 'rectification_issued', 'verified', 'closed']
      when 2 then array['opened', 'findings_submitted', 'closed'] when 3 then array['opened', 'judged', 'dismissed'] when 4 then array['opened', 'cancelled']
      when 12 then array['opened', 'findings_submitted', 'rectification_issued']
      when 13 then array['opened', 'findings_submitted', 'rectification_issued', 'rectification_reported']
      when 14 then array['opened', 'findings_submitted', 'rectification_issued', 'verified'] else array['opened'] end`;
  return `
  insert into case_events (case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash)
  select c.id, s, ev.type,
         case when ev.type in ('opened', 'judged') then 'judgement'
              when ev.type in ('findings_submitted', 'stage_entered', 'assigned', 'accepted', 'checked_in', 'evidence_attached') then 'field_evidence'
              when ev.type in ('rectification_issued', 'rectification_reported') then 'rectification'
              when ev.type = 'verified' then 'verification' when ev.type in ('closed', 'dismissed', 'cancelled') then ev.type else c.stage end,
         c.inspector,
         case ev.type
           when 'opened' then jsonb_build_object('origin', c.origin, 'customerAccountNo', c.acct, 'note', null, 'campaignId', null)
           when 'findings_submitted' then jsonb_build_object('result', case when c.kind = 2 then 'not_confirmed' else 'confirmed' end,
             'problemType', case when c.kind = 2 then null else c.problem_type end, 'summary', '现场核查完成',
             'presence', jsonb_build_object('weak', c.weak, 'confidence', case when c.weak then 0.35 else 0.92 end), 'needsSupervisorReview', c.weak)
           when 'rectification_issued' then jsonb_build_object('owner', 'customer', 'actions', jsonb_build_array('补收电费', '收取违约使用电费'),
             'computations', jsonb_build_array(jsonb_build_object('kind', c.problem_type, 'backBillingYuan', c.back_billing, 'penaltyYuan', c.penalty)))
           when 'verified' then jsonb_build_object('round', 1, 'outcome', 'pass', 'reason', null, 'newDeadlineAt', null)
             || case when c.collected_other then jsonb_build_object('confirmedCollectedYuan', round(c.total * 0.9, 2)) else '{}'::jsonb end
           when 'closed' then jsonb_build_object('outcome', case when c.kind = 2 then 'not_confirmed' else 'confirmed' end)
           else '{}'::jsonb end,
         c.created_at + (c.end_at - c.created_at) * ((s - 1)::float8 / ${Math.max(E - 1, 1)}),
         case when s = 1 then '${GENESIS_HASH}' else encode(sha256(convert_to(c.id::text || ':' || (s - 1), 'UTF8')), 'hex') end,
         encode(sha256(convert_to(c.id::text || ':' || s, 'UTF8')), 'hex')
    from (${caseRowsSql(size, stations, now, lo, hi)}) c
   cross join generate_series(1, ${E}) s
   cross join lateral (
     select case when s = 1 then m[1] when s <= 1 + ${E} - cardinality(m) then ${sqlArray(FILLERS)}[1 + (s - 2) % ${FILLERS.length}]
                 else m[s - (${E} - cardinality(m))] end as type
       from (select ${milestones} as m) mm
   ) ev`;
}

export function escalationsSql(size: ProvinceSize, stations: number, now: string, lo: number, hi: number): string {
  return `
  insert into escalations (case_id, stage, stage_round, tier, raised_at, resolved_at)
  select c.id, c.stage, 1, t, c.deadline_at + (t - 1) * interval '1 day', null
    from (${withTier(caseRowsSql(size, stations, now, lo, hi), now)}) c cross join generate_series(1, c.tier) t where c.tier > 0
  union all
  select c.id, 'field_evidence', 1, 1, c.created_at + interval '5 days', c.created_at + interval '6 days'
    from (${caseRowsSql(size, stations, now, lo, hi)}) c where c.kind = 1 and c.resolved_escalation`;
}

interface IndexDef { name: string; def: string }

/**
 * Secondary indexes of the generated tables (not those behind a constraint, not a partition's copy of a parent's
 * index): dropped before the load and built afterwards, which is many times faster than maintaining them row by
 * row. Kept in bench_province_meta until rebuilt, so an interrupted run restores them next time.
 */
async function dropIndexes(db: pg.PoolClient, log: Log): Promise<void> {
  const saved = await db.query<{ value: IndexDef[] }>(`select value from bench_province_meta where key = 'dropped_indexes'`);
  if (saved.rowCount) return; // an interrupted run already dropped them; their definitions are kept
  const r = await db.query<IndexDef>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class t on t.oid = i.indrelid
      where t.relname = any($1) and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        and not exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid)`,
    [TABLES],
  );
  await db.query(`insert into bench_province_meta (key, value) values ('dropped_indexes', $1)`, [JSON.stringify(r.rows)]);
  for (const ix of r.rows) await db.query(`drop index if exists ${ix.name}`);
  log(`dropped ${r.rowCount} secondary indexes for the load`);
}

async function rebuildIndexes(db: pg.PoolClient, log: Log): Promise<void> {
  const saved = await db.query<{ value: IndexDef[] }>(`select value from bench_province_meta where key = 'dropped_indexes'`);
  if (!saved.rowCount) return;
  for (const ix of saved.rows[0].value) {
    const t0 = Date.now();
    // a partitioned table's index is printed `ON ONLY` (the parent alone); built here it must reach every partition
    await db.query(ix.def.replace(/^CREATE (UNIQUE )?INDEX /, (m) => `${m}IF NOT EXISTS `).replace(' ON ONLY ', ' ON '));
    log(`  index ${ix.name} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await db.query(`delete from bench_province_meta where key = 'dropped_indexes'`);
}

export async function ensureMeta(db: pg.Pool | pg.PoolClient): Promise<void> {
  await db.query('create table if not exists bench_province_meta (key text primary key, value jsonb not null)');
}

/** The size of the generated data when its counts match what the last complete generation recorded, else null. */
export async function generatedSize(db: pg.Pool): Promise<ProvinceSize | null> {
  await ensureMeta(db);
  const r = await db.query<{ value: ProvinceSize }>(`select value from bench_province_meta where key = 'size'`);
  if (!r.rowCount) return null;
  const n = await provinceCounts(db);
  const s = r.rows[0].value;
  return n.cases === s.cases && n.customers === s.customers && n.events === s.cases * s.eventsPerCase ? s : null;
}

/** When the kept data was generated and how long that took. */
export async function generationInfo(db: pg.Pool): Promise<{ at: string; seconds: number } | null> {
  const r = await db.query<{ at: string; seconds: number }>(
    `select (select value #>> '{}' from bench_province_meta where key = 'generated_at') as at,
            (select (value #>> '{}')::int from bench_province_meta where key = 'generation_seconds') as seconds`,
  );
  return r.rows[0]?.at ? r.rows[0] : null;
}

export async function provinceCounts(db: pg.Pool | pg.PoolClient): Promise<{ orgUnits: number; customers: number; cases: number; events: number; escalations: number }> {
  const r = await db.query(
    `select (select count(*) from org_units)::int as "orgUnits", (select count(*) from customers)::int as customers,
            (select count(*) from cases)::int as cases, (select count(*) from case_events)::int as events,
            (select count(*) from escalations)::int as escalations`,
  );
  return r.rows[0];
}

/** Replaces the bench database's org tree, customers and cases with a generated province of `size`. */
export async function generateProvince(pool: pg.Pool, size: ProvinceSize, log: Log, now = new Date()): Promise<void> {
  if (size.eventsPerCase < 5) throw new Error('--events-per-case must be at least 5 (a closed confirmed case has five milestone events)');
  if (size.customers > 99_999_999) throw new Error('--customers must be below 100,000,000 (10-digit account numbers 42xxxxxxxx)');
  const at = now.toISOString();
  const started = Date.now();
  const db = await pool.connect();
  try {
    await ensureMeta(db);
    await db.query(`delete from bench_province_meta where key = 'size'`);
    // Foreign keys are checked by construction here; skipping their triggers (superuser only) halves the load time.
    const su = (await db.query<{ su: boolean }>('select rolsuper as su from pg_roles where rolname = current_user')).rows[0].su;
    if (su) await db.query(`set session_replication_role = replica`);
    await db.query(`set maintenance_work_mem = '1GB'`);
    // The generating statements are long expressions over cheap rows: compiling them (JIT) costs more than it saves.
    await db.query('set jit = off');
    log('emptying the bench tables…');
    await db.query(`truncate ${TABLES.join(', ')}, org_units cascade`);
    await dropIndexes(db, log);
    const stations = await insertOrg(db);
    log(`org tree: 1 province, 17 cities, 103 counties, ${stations} stations`);
    const step = async (what: string, total: number, chunk: number, sql: (lo: number, hi: number) => string) => {
      const t0 = Date.now();
      log(`${what}…`);
      await inChunks(db, what, total, chunk, log, async (lo, hi) => (await db.query(sql(lo, hi))).rowCount ?? 0);
      log(`${what}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    };
    await step('customers', size.customers, CHUNK.customers, (lo, hi) => customersSql(stations, lo, hi));
    await step('cases', size.cases, CHUNK.cases, (lo, hi) => casesSql(size, stations, at, lo, hi));
    await step('case events', size.cases, CHUNK.events, (lo, hi) => eventsSql(size, stations, at, lo, hi));
    await step('escalations', size.cases, CHUNK.cases, (lo, hi) => escalationsSql(size, stations, at, lo, hi));
    if (su) await db.query(`set session_replication_role = origin`);
    log('building indexes…');
    await rebuildIndexes(db, log);
    log('vacuum analyze…');
    for (const t of [...TABLES, 'org_units']) await db.query(`vacuum (analyze) ${t}`);
    await rebuildAggregates(db, log);
    await db.query(`insert into bench_province_meta (key, value) values ('size', $1), ('generated_at', $2), ('generation_seconds', $3)
                    on conflict (key) do update set value = excluded.value`, [JSON.stringify(size), JSON.stringify(at), Math.round((Date.now() - started) / 1000)]);
  } finally {
    db.release();
  }
}

/** The dashboard's aggregate (kept by the projection, #19), rebuilt from the generated rows: the load wrote them by SQL. */
export async function rebuildAggregates(db: pg.PoolClient | pg.Pool, log: Log): Promise<boolean> {
  const t0 = Date.now();
  log('rebuilding the case statistics aggregate…');
  await rebuildCaseStats(db);
  log(`case statistics rebuilt in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return true;
}
