import type { MessageTemplates } from './render';

// The words other messages quote by code (PARAM_CODES in render.ts): stages, steps, busy steps, roles, tariff categories.
// The English stage names keep the Chinese term beside them, as the workflow's English refusals always read.

export const VOCABULARY = {
  'stage.judgement': { 'zh-CN': '系统初判', en: 'initial judgement (系统初判)' },
  'stage.field_evidence': { 'zh-CN': '现场取证', en: 'field evidence (现场取证)' },
  'stage.rectification': { 'zh-CN': '督办整改', en: 'rectification (督办整改)' },
  'stage.verification': { 'zh-CN': '复核', en: 'verification (复核)' },
  'stage.assessment': { 'zh-CN': '对标考核', en: 'assessment (对标考核)' },
  'stage.closed': { 'zh-CN': '已办结', en: 'closed (已办结)' },
  'stage.dismissed': { 'zh-CN': '已撤销', en: 'dismissed (已撤销)' },
  'stage.cancelled': { 'zh-CN': '已取消', en: 'cancelled (已取消)' },

  'step.assign': { 'zh-CN': '派单', en: 'Assignment' },
  'step.accept': { 'zh-CN': '接单', en: 'Accepting' },
  'step.decline': { 'zh-CN': '退单', en: 'Declining' },
  'step.check-in': { 'zh-CN': '现场签到', en: 'Check-in' },
  'step.evidence': { 'zh-CN': '上传证据', en: 'Attaching evidence' },
  'step.findings': { 'zh-CN': '提交核查结果', en: 'Submitting findings' },
  'step.rectification': { 'zh-CN': '下发整改通知', en: 'Issuing a rectification order' },
  'step.rectification-report': { 'zh-CN': '上报整改结果', en: 'Reporting rectification' },
  'step.verify': { 'zh-CN': '复核', en: 'Verification' },
  'step.reassign': { 'zh-CN': '改派', en: 'Reassignment' },
  'step.dismiss': { 'zh-CN': '撤销工单', en: 'Dismissal' },
  'step.cancel': { 'zh-CN': '取消工单', en: 'Cancellation' },
  'step.note': { 'zh-CN': '添加备注', en: 'Adding a note' },
  'step.review': { 'zh-CN': '复核现场真实性', en: 'Deciding a review' },
  'step.step': { 'zh-CN': '办理该步骤', en: 'This step' },
  // a step that holds the case while it awaits (workflows/stepGuard.ts), as another step's refusal names it
  'busy.decline': { 'zh-CN': '退单', en: 'declining' },
  'busy.rectification': { 'zh-CN': '下发整改通知', en: 'issuing a rectification order' },
  'busy.scoring': { 'zh-CN': '对标考核评分', en: 'scoring the case' },

  'role.inspector': { 'zh-CN': '稽查员', en: 'inspector' },
  'role.station_lead': { 'zh-CN': '供电所长/班组长', en: 'station_lead' },
  'role.supervisor': { 'zh-CN': '稽查专责', en: 'supervisor' },
  'role.manager': { 'zh-CN': '营销部管理人员', en: 'manager' },
  'role.admin': { 'zh-CN': '系统管理员', en: 'admin' },
  'role.nobody': { 'zh-CN': '无人', en: 'nobody' },

  'tariff.residential': { 'zh-CN': '居民生活用电', en: 'residential' },
  'tariff.commercial': { 'zh-CN': '一般工商业用电', en: 'commercial' },
  'tariff.general_industrial': { 'zh-CN': '普通工业用电', en: 'general industrial' },
  'tariff.large_industrial': { 'zh-CN': '大工业用电', en: 'large industrial' },
  'tariff.agricultural': { 'zh-CN': '农业生产用电', en: 'agricultural' },
} as const satisfies MessageTemplates;
