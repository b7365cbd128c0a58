import type { Area } from './area';

export const outbox: Area = {
  zh: {},
  en: {},
};
