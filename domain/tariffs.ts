import { z } from 'zod';
import { IsoDate } from './case';

// The tariff catalogue (电价类别 and their prices by effective date, per province): maintained data (migration 057,
// services/tariffs). Rectification orders name categories from it; back-billing for a wrong tariff reads its prices.

/** A category code as the catalogue and the customer archive spell it (residential, large_industrial…). */
export const TariffCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a tariff category code: lower-case letters, digits, underscore');
/** Province code, the first segment of an org unit id (HB for HB.XN.XA.WQ). */
export const ProvinceCode = z.string().regex(/^[A-Z]{2,3}$/, 'a province code such as HB');

/** A category with the price version in force on the day asked (null when none is in force yet). */
export const TariffEntry = z.object({
  province: ProvinceCode,
  code: TariffCode,
  nameZh: z.string(),
  nameEn: z.string(),
  /** Two-part tariff (基本电费 + 电度电费), e.g. 大工业. */
  twoPart: z.boolean(),
  price: z.object({
    effectiveFrom: IsoDate,
    priceYuanPerKwh: z.number(),
    basicFeeYuanPerKvaMonth: z.number().nullable(),
    source: z.string(),
  }).nullable(),
});
export type TariffEntry = z.infer<typeof TariffEntry>;

/** A dated price version an admin or manager adds (published tariffs change by notice; a version is never edited). */
export const TariffPriceVersionInput = z.strictObject({
  province: ProvinceCode,
  code: TariffCode,
  effectiveFrom: IsoDate,
  priceYuanPerKwh: z.number().gt(0).max(100),
  basicFeeYuanPerKvaMonth: z.number().min(0).max(1_000).optional(),
  /** The notice the price comes from (文号), e.g. 鄂发改价管〔2023〕xx号. */
  source: z.string().trim().min(2).max(300),
});
export type TariffPriceVersionInput = z.infer<typeof TariffPriceVersionInput>;

export const TariffPriceVersion = TariffPriceVersionInput.extend({
  basicFeeYuanPerKvaMonth: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TariffPriceVersion = z.infer<typeof TariffPriceVersion>;

/** The province of an org unit id (its first segment). */
export const provinceOf = (orgUnitId: string) => orgUnitId.split('.')[0];
