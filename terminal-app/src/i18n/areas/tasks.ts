import type { Area } from './area';

export const tasks: Area = {
  zh: {},
  en: {},
};
