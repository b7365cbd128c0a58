import type { MessageTemplates } from './render';

// In-app notifications the case workflow writes (the bell, 我的待办): stored with their code and params, so each
// reader sees them in their own language; the stored title and body stay for rows written before codes.

export const NOTIFICATION_MESSAGES = {
  'notification.title': { 'zh-CN': '{caseNo} {customer}', en: '{caseNo} {customer}' },
  'notification.reminder': { 'zh-CN': '{stage}期限 {deadlineAt} 即将到期，待办人：{pendingRole} {pending}', en: 'Deadline {deadlineAt} approaching for {pendingRole} {pending} ({stage})' },
  'notification.escalation': {
    'zh-CN': '{stage}阶段自 {deadlineAt} 起超期，待办人：{pendingRole} {pending}，督办级别：{tier} 级',
    en: 'Overdue at {stage} since {deadlineAt}; pending {pendingRole} {pending}; escalation tier {tier}',
  },
  'notification.evidence-integrity': {
    'zh-CN': '工单 {caseNo} 的证据 {evidenceId}（{evidenceKind}）复核未通过：{outcome}。复核时间 {checkedAt}。',
    en: 'Evidence {evidenceId} ({evidenceKind}) of case {caseNo} failed re-verification: {outcome}. Checked at {checkedAt}.',
  },
  // what the evidence re-verification sweep found (domain/evidenceIntegrity.ts)
  'integrity.ok': { 'zh-CN': '完好', en: 'intact' },
  'integrity.mismatch': { 'zh-CN': '存储的文件与确认时的 SHA-256 不一致（文件被篡改或损坏）', en: 'the stored bytes no longer have the confirmed SHA-256 (tampered with or damaged)' },
  'integrity.missing': { 'zh-CN': '确认时的文件版本已不存在（被删除）', en: 'the confirmed version of the object is gone (deleted)' },
  'integrity.newer-version': {
    'zh-CN': '有人试图覆盖或删除该证据（存储中出现了更新的版本；系统仍提供确认时的原件）',
    en: 'someone tried to overwrite or delete the evidence (a newer version sits on the key; the confirmed original is still what is served)',
  },
  'evidence-kind.photo': { 'zh-CN': '照片', en: 'photo' },
  'evidence-kind.audio': { 'zh-CN': '录音', en: 'audio' },
  'evidence-kind.video': { 'zh-CN': '视频', en: 'video' },
  'evidence-kind.signature': { 'zh-CN': '签名', en: 'signature' },
  'notification.recording-failed': {
    'zh-CN': '案件日志记录失败：第 {seq} 条事件（{eventType}）被数据库拒绝（SQLSTATE {sqlState}），已以占位记录代替，工单继续办理。',
    en: 'Recording failed: event {seq} ({eventType}) was refused by the database (SQLSTATE {sqlState}); a placeholder stands in the case log and the case goes on.',
  },
} as const satisfies MessageTemplates;
