/**
 * A stored text written as "中文 / English" (a rule set's cited source, for instance) in the UI's language: the
 * Chinese half in zh-CN, the English half in English. Text without both halves is shown as it is.
 */
export function bilingualPart(text: string, locale: string): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  const zh = text.slice(0, at).trim();
  const en = text.slice(at + 3).trim();
  if (!/[\u3400-\u9fff]/.test(zh) || /[\u3400-\u9fff]/.test(en)) return text;
  return locale.startsWith('zh') ? zh : en || zh;
}
