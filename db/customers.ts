import { scopeClause } from './cases';
import type { CaseScope } from '../domain/caseScope';
import type pg from 'pg';
import type { Queryable } from './pool';
import { containsPattern, subtreeClause } from './orgScope';
import { CASE_WITH_VERSIONS, toCaseWithVersions, type CaseVersionsRow, type CaseWithVersions } from './ruleUsage';

export interface CustomerSummary {
  accountNo: string;
  name: string;
  address: string;
  stationId: string;
  tariffCategory: string;
  status: string;
}

export async function findCustomer(db: Pick<pg.Pool, 'query'>, accountNo: string): Promise<CustomerSummary | null> {
  const r = await db.query<{ account_no: string; name: string; address: string; station_id: string; tariff_category: string; status: string }>(
    'select account_no, name, address, station_id, tariff_category, status from customers where account_no = $1',
    [accountNo],
  );
  const c = r.rows[0];
  return c ? { accountNo: c.account_no, name: c.name, address: c.address, stationId: c.station_id, tariffCategory: c.tariff_category, status: c.status } : null;
}

/** The customer's cases inside the caller's org unit, newest first, with the rule versions each used. */
export async function customerCases(db: Queryable, accountNo: string, scope: CaseScope, range: [number, number]): Promise<{ rows: CaseWithVersions[]; total: number }> {
  const scoped: unknown[] = [accountNo];
  const where = `c.customer_account_no = $1 and ${scopeClause(scoped, scope)}`;
  const [total, rows] = await Promise.all([
    db.query<{ n: number }>(`select count(*)::int as n from cases c where ${where}`, scoped),
    db.query<CaseVersionsRow>(
      `select ${CASE_WITH_VERSIONS} from cases c left join org_units o on o.id = c.org_unit_id
        where ${where} order by c.created_at desc, c.id limit $${scoped.length + 1} offset $${scoped.length + 2}`,
      [...scoped, range[1] - range[0] + 1, range[0]],
    ),
  ]);
  return { rows: rows.rows.map(toCaseWithVersions), total: total.rows[0].n };
}

export const CUSTOMER_SORTABLE = { accountNo: 'c.account_no', name: 'c.name', tariffCategory: 'c.tariff_category', stationId: 'c.station_id', status: 'c.status' } as const;

export interface CustomerListFilter {
  q?: string; stationId?: string; tariffCategory?: string[]; status?: string[]; whitelist?: boolean; id?: string[];
}

/** Customers whose grid (or station, without a grid) lies inside the org subtree; one sorted page and the total. */
export async function listCustomers(
  db: Queryable, orgUnit: string, f: CustomerListFilter, sort: { field: keyof typeof CUSTOMER_SORTABLE; order: 'ASC' | 'DESC' }, range: [number, number],
) {
  const params: unknown[] = [];
  const where = [subtreeClause(params, 'coalesce(c.grid_id, c.station_id)', orgUnit)];
  const add = (sql: (p: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.q) add((p) => `(c.account_no like ${p} or c.name ilike ${p} or c.address ilike ${p})`, containsPattern(f.q));
  if (f.stationId) add((p) => `c.station_id = ${p}`, f.stationId);
  if (f.tariffCategory?.length) add((p) => `c.tariff_category = any(${p})`, f.tariffCategory);
  if (f.status?.length) add((p) => `c.status = any(${p})`, f.status);
  if (f.whitelist !== undefined) add((p) => `c.whitelist = ${p}`, f.whitelist);
  if (f.id?.length) add((p) => `c.account_no = any(${p})`, f.id);
  const [start, end] = range;
  const total = await db.query<{ n: number }>(`select count(*)::int as n from customers c where ${where.join(' and ')}`, params);
  const r = await db.query<{ account_no: string; name: string; address: string; tariff_category: string; contract_capacity_kva: number | null; whitelist: boolean; station_id: string; grid_id: string | null; status: string }>(
    `select account_no, name, address, tariff_category, contract_capacity_kva, whitelist, station_id, grid_id, status from customers c
      where ${where.join(' and ')} order by ${CUSTOMER_SORTABLE[sort.field]} ${sort.order === 'ASC' ? 'asc' : 'desc'}, c.account_no limit ${end - start + 1} offset ${start}`,
    params,
  );
  const rows = r.rows.map((c) => ({
    id: c.account_no, accountNo: c.account_no, name: c.name, address: c.address, tariffCategory: c.tariff_category, contractCapacityKva: c.contract_capacity_kva === null ? null : Number(c.contract_capacity_kva),
    whitelist: c.whitelist, stationId: c.station_id, gridId: c.grid_id, status: c.status,
  }));
  return { rows, total: total.rows[0].n };
}

