import type { MessageTemplates } from './render';

// Assessment (对标考核): a score line's item and the reason it was given (domain/assessmentRules.ts), rendered from
// the line's code and params. `score.item.*` names the rule-set item; `score.reason.*` says why this case earned it.

export const SCORE_MESSAGES = {
  'score.item.fieldOnTime': { 'zh-CN': '现场核查按期完成', en: 'Field check within deadline' },
  'score.item.fieldLateDays': { 'zh-CN': '现场核查超期', en: 'Field check late' },
  'score.item.evidenceComplete': { 'zh-CN': '证据完整', en: 'Evidence complete' },
  'score.item.confirmationOverturned': { 'zh-CN': '查实结论被推翻', en: 'Confirmation overturned' },
  'score.item.rectificationOnTime': { 'zh-CN': '整改按期完成', en: 'Rectified within deadline' },
  'score.item.verificationRounds': { 'zh-CN': '复核不通过轮次', en: 'Rejected verification rounds' },
  'score.item.escalations': { 'zh-CN': '督办升级', en: 'Escalations' },
  'score.item.recoveredAmount': { 'zh-CN': '追回金额', en: 'Amount recovered' },
  'score.item.customAuditFinding': { 'zh-CN': '自定义稽查查实问题', en: 'Custom audit finding' },
  'score.item.feedbackParticipation': { 'zh-CN': '使用反馈', en: 'Feedback participation' },

  'score.reason.field-on-time': { 'zh-CN': '现场核查按期完成', en: 'field check within deadline' },
  'score.reason.field-late': { 'zh-CN': '现场核查超期 {days} 个工作日', en: 'field check {days} working day(s) late' },
  'score.reason.evidence-complete': { 'zh-CN': '证据完整', en: 'evidence complete' },
  'score.reason.evidence-incomplete': { 'zh-CN': '证据不完整（已说明）', en: 'evidence incomplete (justified)' },
  'score.reason.confirmation-overturned': { 'zh-CN': '查实的问题后被推翻', en: 'confirmed problem later overturned' },
  'score.reason.rectified-on-time': { 'zh-CN': '整改按期完成', en: 'rectified within deadline' },
  'score.reason.rectified-late': { 'zh-CN': '整改超期 {days} 个工作日', en: 'rectified {days} working day(s) late' },
  'score.reason.verification-rejected': { 'zh-CN': '复核不通过 {rounds} 轮', en: '{rounds} rejected verification round(s)' },
  'score.reason.escalated': { 'zh-CN': '督办升级至 {tier} 级', en: 'escalated to tier {tier}' },
  'score.reason.recovered': { 'zh-CN': '追回 {yuan} 元', en: 'recovered {yuan} yuan' },
  'score.reason.custom-audit-finding': { 'zh-CN': '自定义稽查查实问题', en: 'custom audit found a real problem' },
  'score.reason.feedback': { 'zh-CN': '本月提交使用反馈 {count} 条', en: '{count} feedback item(s) in the month' },
} as const satisfies MessageTemplates;

/**
 * The code and params of a score line's reason. Lines carry no code of their own (they are stored and replayed as
 * scored), but each reason is one of the fixed English sentences of assessmentRules.ts with its figure: read back here,
 * old and new lines alike. An unrecognised reason gives null; its stored text is shown.
 */
export function scoreReasonCode(reason: string): { code: string; params: Record<string, string | number> } | null {
  const num = (s: string | undefined) => Number(s);
  const fixed: Record<string, string> = {
    'field check within deadline': 'score.reason.field-on-time',
    'evidence complete': 'score.reason.evidence-complete',
    'evidence incomplete (justified)': 'score.reason.evidence-incomplete',
    'confirmed problem later overturned': 'score.reason.confirmation-overturned',
    'rectified within deadline': 'score.reason.rectified-on-time',
    'custom audit found a real problem': 'score.reason.custom-audit-finding',
  };
  if (fixed[reason]) return { code: fixed[reason], params: {} };
  const patterns: [RegExp, string, string][] = [
    [/^field check (\d+) working day\(s\) late$/, 'score.reason.field-late', 'days'],
    [/^rectified (\d+) working day\(s\) late$/, 'score.reason.rectified-late', 'days'],
    [/^(\d+) rejected verification round\(s\)$/, 'score.reason.verification-rejected', 'rounds'],
    [/^escalated to tier (\d)$/, 'score.reason.escalated', 'tier'],
    [/^recovered ([\d.]+) yuan$/, 'score.reason.recovered', 'yuan'],
    [/^(\d+) feedback item\(s\) in the month$/, 'score.reason.feedback', 'count'],
  ];
  for (const [re, code, key] of patterns) {
    const m = re.exec(reason);
    if (m) return { code, params: { [key]: num(m[1]) } };
  }
  return null;
}
