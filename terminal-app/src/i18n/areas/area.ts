/** The texts of one area of the app: the same keys in Chinese (the reference) and English. */
export interface Area {
  zh: Record<string, string>;
  en: Record<string, string>;
}
