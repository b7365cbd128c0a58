import type { Area } from './area';

export const content: Area = {
  zh: {},
  en: {},
};
