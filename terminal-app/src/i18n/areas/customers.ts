import type { Area } from './area';

export const customers: Area = {
  zh: {},
  en: {},
};
