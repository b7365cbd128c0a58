/** A rule as a manager reads it: its Chinese (or English) text first, the weight, the code last for reference. */
export function ruleLabel(r: { code: string; textZh: string; textEn: string; weight?: number }, locale: string): string {
  const text = locale.startsWith('zh') ? r.textZh : r.textEn;
  return `${text}${r.weight === undefined ? '' : ` (+${r.weight})`} · ${r.code}`;
}
