import type { Area } from './area';

export const problems: Area = {
  zh: {},
  en: {},
};
