import type pg from 'pg';
import { insertTariffPrice, tariffCategoryExists, tariffEntriesOn } from '../../db/tariffs';
import { moneyMessage } from '../../domain/penaltyTexts';
import type { TariffEntry, TariffPriceVersion, TariffPriceVersionInput } from '../../domain/tariffs';
import type { Lang } from '../../domain/text';
import { Problem } from '../../http/problem';

// The tariff catalogue (电价目录): read by anyone who works cases, extended by an admin or manager with dated price
// versions as the province publishes them. A version is never edited: computed back-billing names the one it used.

export function tariffCatalogue(pool: pg.Pool) {
  return {
    entriesOn(day: string, province?: string): Promise<TariffEntry[]> {
      return tariffEntriesOn(pool, day, province);
    },
    /** The category and its price in force on the day, or null when the province has no such category. */
    async entry(province: string, code: string, day: string): Promise<TariffEntry | null> {
      return (await tariffEntriesOn(pool, day, province, code))[0] ?? null;
    },
    async addPrice(v: TariffPriceVersionInput, by: string, lang: Lang): Promise<TariffPriceVersion> {
      const params = { province: v.province, code: v.code, effectiveFrom: v.effectiveFrom };
      if (!(await tariffCategoryExists(pool, v.province, v.code))) {
        const message = moneyMessage('tariff.unknown-category', params, lang);
        throw new Problem(422, 'Unprocessable content', message, [{ path: 'code', code: 'tariff.unknown-category', message, params }], 'about:blank', 'tariff.unknown-category');
      }
      const added = await insertTariffPrice(pool, v, by);
      if (!added) {
        const message = moneyMessage('tariff.price-exists', params, lang);
        throw new Problem(409, 'Conflict', message, [{ path: 'effectiveFrom', code: 'tariff.price-exists', message, params }], 'about:blank', 'tariff.price-exists');
      }
      return added;
    },
  };
}
