import { z } from 'zod';
import type pg from 'pg';
import { IsoDate } from '../../domain/case';
import { ProvinceCode, TariffEntry, TariffPriceVersion, TariffPriceVersionInput } from '../../domain/tariffs';
import { chinaDay } from '../../services/ruleSets/effectiveDate';
import { tariffCatalogue } from '../../services/tariffs/tariffCatalogue';
import { detailLanguage } from '../../http/problem';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';

const ListQuery = z.strictObject({
  on: IsoDate.optional().describe('The day whose prices are shown (default: today, China calendar)'),
  province: ProvinceCode.optional(),
});

/**
 * The tariff catalogue (电价目录): categories per province with the price version in force on a day. Anyone who works
 * cases reads it (rectification orders name its categories); an admin or manager adds dated price versions as the
 * province publishes them (a version is never edited; every change is in the audit log).
 */
export function tariffRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const catalogue = tariffCatalogue(pool);
  return [
    defineRoute({
      method: 'get',
      path: '/tariffs',
      summary: 'Tariff categories with the price in force on a day (?on=YYYY-MM-DD, default today; ?province=HB)',
      tag: 'tariffs',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'], scope: 'none' },
      query: ListQuery,
      response: { status: 200, schema: z.array(TariffEntry), description: 'Categories, each with its price on the day (null before its first version)' },
      async handler({ res, query }) {
        const rows = await catalogue.entriesOn(query.on ?? chinaDay(new Date()), query.province);
        sendList(res, 'tariffs', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tariffs/prices',
      summary: 'Add a dated price version of a category (admin, manager); 409 tariff.price-exists when that day has one, 422 tariff.unknown-category',
      tag: 'tariffs',
      policy: { roles: ['admin', 'manager'], scope: 'none' },
      body: TariffPriceVersionInput,
      response: { status: 201, schema: TariffPriceVersion, description: 'The price version as stored' },
      async handler({ req, res, principal, body }) {
        res.status(201).json(await catalogue.addPrice(body, principal.username, detailLanguage(req)));
      },
    }),
  ];
}
