import type pg from 'pg';

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
