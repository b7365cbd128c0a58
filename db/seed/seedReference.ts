import type pg from 'pg';
import { DEMO_ORG_UNITS, DEMO_PERSONNEL, demoCustomers } from './demoOrg';
import { seedDemoCustomerHistory } from './demoCustomerHistory';
import { seedPublished } from '../ruleSets';
import { DEFAULT_JUDGEMENT_RULE_SETS } from '../../domain/defaultJudgementRules';
import { lastClosedMonth } from '../../domain/billingMonths';
import { chinaDate } from '../../domain/calendar';

/**
 * Upserts the demo org tree and customers, their last 24 months of history (ending at the last closed month) and
 * the built-in judgement rule set; running it twice changes nothing.
 */
export async function seedReferenceData(db: Pick<pg.Pool, 'query'>, endMonth = lastClosedMonth(new Date())): Promise<{ orgUnits: number; customers: number; builtIns: BuiltInRefresh }> {
  for (const o of DEMO_ORG_UNITS) {
    await db.query(
      `insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, $2, $3, $4, $5)
       on conflict (id) do update set parent_id = excluded.parent_id, level = excluded.level, name_zh = excluded.name_zh, name_en = excluded.name_en`,
      [o.id, o.parentId, o.level, o.nameZh, o.nameEn],
    );
  }
  const customers = demoCustomers();
  for (const c of customers) {
    await db.query(
      `insert into customers (account_no, name, address, lat, lon, tariff_category, contract_capacity_kva, meter_no, whitelist, station_id, grid_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (account_no) do nothing`,
      [c.accountNo, c.name, c.address, c.lat, c.lon, c.tariffCategory, c.capacityKva, c.meterNo, c.whitelist, c.stationId, c.gridId],
    );
  }
  for (const p of DEMO_PERSONNEL) {
    await db.query(
      `insert into personnel (username, display_name, role, org_unit_id) values ($1, $2, $3, $4)
       on conflict (username) do update set display_name = excluded.display_name, role = excluded.role, org_unit_id = excluded.org_unit_id`,
      [p.username, p.displayName, p.role, p.orgUnitId],
    );
  }
  await seedDemoCustomerHistory(db, customers, endMonth);
  // Each built-in version published once, in force from its own day; a manager's later versions take over from theirs.
  for (const d of DEFAULT_JUDGEMENT_RULE_SETS) await seedPublished(db, 'judgement', d.ruleSet.version, d.ruleSet, d.effectiveFrom);
  const builtIns = await refreshBuiltInJudgementRuleSets(db);
  return { orgUnits: DEMO_ORG_UNITS.length, customers: customers.length, builtIns };
}

/** Built-in versions the seed brought up to date, and those whose stored copy differs but may no longer change. */
export interface BuiltInRefresh { refreshed: string[]; stale: string[] }

/**
 * A built-in version is amended in code until its day comes (2026.4 was, by each #21 change), while a database seeded
 * earlier holds the copy of its day (seedPublished inserts once), frozen like every published version (trigger
 * rule_set_frozen). The seed replaces that copy — the row deleted and inserted again as published by the system, in one
 * statement — only while nothing can have depended on it: still the system's own publication on the same day, the day
 * still ahead (China time: no case or in-force judgement has used it), no stored judgement run of it (an admin may run
 * any version) and no campaign based on it. Otherwise it stays as stored — a published version never changes under
 * what it produced — and is reported.
 */
export async function refreshBuiltInJudgementRuleSets(db: Pick<pg.Pool, 'query'>, today = chinaDate(Date.now())): Promise<BuiltInRefresh> {
  const out: BuiltInRefresh = { refreshed: [], stale: [] };
  for (const d of DEFAULT_JUDGEMENT_RULE_SETS) {
    const doc = JSON.stringify(d.ruleSet);
    const r = await db.query(
      `with old as (
         delete from judgement_rule_sets
          where version = $1 and status = 'published' and published_by = 'system' and effective_from = $3::date and effective_from > $4::date
            and document is distinct from $2::jsonb
            and not exists (select 1 from judgement_runs r where r.rule_set_version = $1)
            and not exists (select 1 from campaigns c where c.base_rule_set_version = $1)
         returning version, effective_from, created_by, created_at, published_by, published_at)
       insert into judgement_rule_sets (version, status, effective_from, created_by, created_at, updated_by, updated_at, published_by, published_at, document)
       select version, 'published', effective_from, created_by, created_at, 'system', clock_timestamp(), published_by, published_at, $2::jsonb from old`,
      [d.ruleSet.version, doc, d.effectiveFrom, today],
    );
    if (r.rowCount) out.refreshed.push(d.ruleSet.version);
    else if ((await db.query('select 1 from judgement_rule_sets where version = $1 and document is distinct from $2::jsonb', [d.ruleSet.version, doc])).rowCount) out.stale.push(d.ruleSet.version);
  }
  return out;
}
