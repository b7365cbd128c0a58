import { scopeClause } from './cases';
import type { CaseScope } from '../domain/caseScope';
import type pg from 'pg';
import type { Queryable } from './pool';
import { prefixPattern, subtreeRangeClause } from './orgScope';
import { SEARCH_TOTAL_CAP, TOTAL_CAP } from '../domain/listPaging';
import { cappedCount, cursorPage, keysetClause, pageLimit, type ListPage } from './keyset';
import { customerText, substringClause, textSearchPage } from './textSearch';
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

/** The customer's scope column: its grid, or its station when it has none (index customers_scope_idx). */
export const customerUnit = (alias: string) => `coalesce(${alias}.grid_id, ${alias}.station_id)`;

/**
 * The search condition of `q`: an account number's prefix (digits only) or a name/address substring (Chinese
 * bigram search, a name prefix for one character; db/textSearch.ts).
 */
export function customerSearchClause(params: unknown[], q: string, alias = 'c'): string {
  const text = substringClause(params, q, customerText(alias));
  if (!/^\d+$/.test(q)) return text;
  params.push(prefixPattern(q));
  return `(${alias}.account_no like $${params.length} or ${text})`;
}

type CustomerRow = { account_no: string; name: string; address: string; tariff_category: string; contract_capacity_kva: number | null; whitelist: boolean; station_id: string; grid_id: string | null; status: string; sort_key: string };

/**
 * Customers whose grid (or station, without a grid) lies inside the org subtree: one sorted page (offset or keyset;
 * a keyset page's key is the account number), the total counted up to TOTAL_CAP, and the position after the page.
 */
export async function listCustomers(
  db: Queryable, orgUnit: string, f: CustomerListFilter, sort: { field: keyof typeof CUSTOMER_SORTABLE; order: 'ASC' | 'DESC' }, page: ListPage | [number, number],
) {
  const pg: ListPage = Array.isArray(page) ? { kind: 'offset', range: page } : page;
  const params: unknown[] = [];
  const where = [subtreeRangeClause(params, customerUnit('c'), orgUnit)];
  const add = (sql: (p: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.q) where.push(customerSearchClause(params, f.q));
  if (f.stationId) add((p) => `c.station_id = ${p}`, f.stationId);
  if (f.tariffCategory?.length) add((p) => `c.tariff_category = any(${p})`, f.tariffCategory);
  if (f.status?.length) add((p) => `c.status = any(${p})`, f.status);
  if (f.whitelist !== undefined) add((p) => `c.whitelist = ${p}`, f.whitelist);
  if (f.id?.length) add((p) => `c.account_no = any(${p})`, f.id);
  const countParams = [...params];
  const countWhere = where.join(' and ');
  const sortExpr = CUSTOMER_SORTABLE[sort.field];
  if (pg.kind === 'cursor' && pg.after) where.push(keysetClause(params, { expr: sortExpr, type: 'text' }, { expr: 'c.account_no', type: 'text' }, sort.order, pg.after));
  const dir = sort.order === 'ASC' ? 'asc' : 'desc';
  const columns = `account_no, name, address, tariff_category, contract_capacity_kva, whitelist, station_id, grid_id, status, ${sortExpr} as sort_key`;
  const order = `order by ${sortExpr} ${dir}, c.account_no ${dir}`;
  let r: CustomerRow[];
  let count: { total: number; capped: boolean };
  if (f.q && (pg.kind === 'cursor' ? pg.after === null : pg.range[1] < SEARCH_TOTAL_CAP)) {
    // A search's first pages: one query reads the matches up to the cap in order, giving the page and the total at
    // once — half the work of a page plus a count, each of which would walk (or look up) the same rows.
    const upToCap = await textSearchPage<CustomerRow>(db, `select ${columns} from customers c where ${where.join(' and ')} ${order} limit ${SEARCH_TOTAL_CAP + 1}`, params);
    r = pg.kind === 'cursor' ? upToCap.slice(0, pg.limit + 1) : upToCap.slice(pg.range[0], pg.range[1] + 1);
    count = { total: Math.min(upToCap.length, SEARCH_TOTAL_CAP), capped: upToCap.length > SEARCH_TOTAL_CAP };
  } else {
    const pageSql = `select ${columns} from customers c where ${where.join(' and ')} ${order} ${pageLimit(pg)}`;
    [count, r] = await Promise.all([
      cappedCount(db, `customers c where ${countWhere}`, countParams, f.q ? SEARCH_TOTAL_CAP : TOTAL_CAP, Boolean(f.q)),
      f.q ? textSearchPage<CustomerRow>(db, pageSql, params) : db.query<CustomerRow>(pageSql, params).then((x) => x.rows),
    ]);
  }
  const { rows: kept, next } = cursorPage(pg, r, (c) => ({ key: c.sort_key, id: c.account_no }));
  const rows = kept.map((c) => ({
    id: c.account_no, accountNo: c.account_no, name: c.name, address: c.address, tariffCategory: c.tariff_category, contractCapacityKva: c.contract_capacity_kva === null ? null : Number(c.contract_capacity_kva),
    whitelist: c.whitelist, stationId: c.station_id, gridId: c.grid_id, status: c.status,
  }));
  return { rows, total: count.total, totalCapped: count.capped, next };
}
