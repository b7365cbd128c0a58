import type { orgPickerMessagesZh } from './orgPickerMessagesZh';

/** Strings of the org-unit picker in English. */
export const orgPickerMessagesEn: typeof orgPickerMessagesZh = {
  placeholder: 'Search by unit name or code',
  noOptions: 'No matching unit',
  loading: 'Loading units…',
  loadError: 'Could not load the units: %{message}',
  unknown: 'Unknown unit %{code}',
  levels: {
    province: 'Province company',
    city: 'City company',
    county: 'County company',
    station: 'Supply station',
    grid: 'Grid',
  },
};
