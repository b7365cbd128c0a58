import type { Queryable } from './pool';
import type { TariffEntry, TariffPriceVersion, TariffPriceVersionInput } from '../domain/tariffs';

// The tariff catalogue's SQL (migration 057): categories per province, dated price versions (frozen once written).

interface EntryRow {
  province: string; code: string; name_zh: string; name_en: string; two_part: boolean;
  effective_from: string | null; price: string | null; basic_fee: string | null; source: string | null;
}

const toEntry = (r: EntryRow): TariffEntry => ({
  province: r.province, code: r.code, nameZh: r.name_zh, nameEn: r.name_en, twoPart: r.two_part,
  price: r.effective_from === null ? null : {
    effectiveFrom: r.effective_from, priceYuanPerKwh: Number(r.price), basicFeeYuanPerKvaMonth: r.basic_fee === null ? null : Number(r.basic_fee), source: r.source!,
  },
});

/** Categories (of one province, or all) with the price version in force on `day` (null when none is yet). */
export async function tariffEntriesOn(db: Queryable, day: string, province?: string, code?: string): Promise<TariffEntry[]> {
  const r = await db.query<EntryRow>(
    `select c.province, c.code, c.name_zh, c.name_en, c.two_part,
            to_char(p.effective_from, 'YYYY-MM-DD') as effective_from, p.price_yuan_per_kwh::text as price,
            p.basic_fee_yuan_per_kva_month::text as basic_fee, p.source
       from tariff_categories c
       left join lateral (
         select * from tariff_prices p where p.province = c.province and p.code = c.code and p.effective_from <= $1::date
          order by p.effective_from desc limit 1
       ) p on true
      where ($2::text is null or c.province = $2) and ($3::text is null or c.code = $3)
      order by c.province, c.sort_order, c.code`,
    [day, province ?? null, code ?? null],
  );
  return r.rows.map(toEntry);
}

export async function tariffCategoryExists(db: Queryable, province: string, code: string): Promise<boolean> {
  const r = await db.query('select 1 from tariff_categories where province = $1 and code = $2', [province, code]);
  return (r.rowCount ?? 0) > 0;
}

/** Adds a price version; null when that category already has one from that day. */
export async function insertTariffPrice(db: Queryable, v: TariffPriceVersionInput, by: string): Promise<TariffPriceVersion | null> {
  const r = await db.query<{ created_at: string }>(
    `insert into tariff_prices (province, code, effective_from, price_yuan_per_kwh, basic_fee_yuan_per_kva_month, source, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (province, code, effective_from) do nothing
     returning to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at`,
    [v.province, v.code, v.effectiveFrom, v.priceYuanPerKwh, v.basicFeeYuanPerKvaMonth ?? null, v.source, by],
  );
  if (!r.rows[0]) return null;
  return { ...v, basicFeeYuanPerKvaMonth: v.basicFeeYuanPerKvaMonth ?? null, createdBy: by, createdAt: r.rows[0].created_at };
}
