import type { Area } from './area';

export const device: Area = {
  zh: {},
  en: {},
};
