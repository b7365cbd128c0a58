import { scopeClause, type OrgScope } from './cases';
import type pg from 'pg';
import type { Queryable } from './pool';
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
export async function customerCases(db: Queryable, accountNo: string, scope: OrgScope, range: [number, number]): Promise<{ rows: CaseWithVersions[]; total: number }> {
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
