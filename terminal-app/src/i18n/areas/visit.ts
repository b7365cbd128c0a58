import type { Area } from './area';

export const visit: Area = {
  zh: {},
  en: {},
};
