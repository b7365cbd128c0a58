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
  'notification.recording-failed': {
    'zh-CN': '案件日志记录失败：第 {seq} 条事件（{eventType}）被数据库拒绝（SQLSTATE {sqlState}），已以占位记录代替，工单继续办理。',
    en: 'Recording failed: event {seq} ({eventType}) was refused by the database (SQLSTATE {sqlState}); a placeholder stands in the case log and the case goes on.',
  },
} as const satisfies MessageTemplates;
