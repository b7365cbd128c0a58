import type { Area } from './area';

export const map: Area = {
  zh: {},
  en: {},
};
