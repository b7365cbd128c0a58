import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import { priceHistory, type TariffEntry } from './tariffModel';

/** react-query keys of the catalogue's reads; everything under TARIFFS_KEY is invalidated after a version is added. */
export const TARIFFS_KEY = ['tariffs'] as const;

/** Later than any effective date: the history walk starts from the newest version, dated after the chosen day or not. */
export const LATEST_DAY = '9999-12-31';

/** GET /api/tariffs?on=day: every category with the price in force that day. */
export function useTariffsOn(day: string) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: [...TARIFFS_KEY, 'on', day],
    queryFn: () => dataProvider.getTariffs({ on: day }),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(day),
  });
}

/** Every price version of one category, newest first (read from the catalogue day by day, see priceHistory). */
export function useTariffHistory(entry: TariffEntry, enabled: boolean) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: [...TARIFFS_KEY, 'history', entry.province, entry.code],
    queryFn: async () => {
      const latest = (await dataProvider.getTariffs({ on: LATEST_DAY, province: entry.province })).find((e) => e.code === entry.code);
      return priceHistory((on) => dataProvider.getTariffs({ on, province: entry.province }), entry, latest?.price ?? null);
    },
    enabled,
  });
}
