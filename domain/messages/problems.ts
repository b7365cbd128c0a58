import type { MessageTemplates } from './render';

// The API's own refusals that are not about one domain: a body that cannot be read, fields a schema refuses, a value
// the database cannot store, a conflict with data stored meanwhile, a server fault (http/problem.ts), and the steps'
// and terminals' generic answers.

export const PROBLEM_MESSAGES = {
  'request.invalid-fields': { 'zh-CN': '请求中有不符合要求的字段。', en: 'The request has invalid fields.' },
  'request.step-invalid-fields': { 'zh-CN': '“{step}”步骤中有不符合要求的字段。', en: 'The {action} step has invalid fields.' },
  'request.sync-invalid-fields': { 'zh-CN': '“{step}”操作中有不符合要求的字段：{fields}。', en: 'The {action} step has invalid fields: {fields}.' },
  'request.track-invalid-fields': { 'zh-CN': '轨迹数据中有不符合要求的字段：{fields}。', en: 'The track action has invalid fields: {fields}.' },
  'request.not-json': { 'zh-CN': '请求内容不是有效的 JSON。', en: 'The body is not valid JSON.' },
  'request.too-large': { 'zh-CN': '请求内容过大。', en: 'The body is too large.' },
  'request.unreadable': { 'zh-CN': '无法读取请求内容。', en: 'The request could not be read.' },
  'request.value-not-storable': {
    'zh-CN': '请求中的某个值无法保存：日期、时区偏移或数字超出范围，或文本含有不允许的字符。',
    en: 'A value in the request cannot be stored: a date, time-zone offset or number out of range, or a character text may not hold.',
  },
  'request.conflict': { 'zh-CN': '请求与其间保存的数据冲突，请刷新后重试。', en: 'The request conflicts with data stored meanwhile; reload and try again.' },
  'server.internal': { 'zh-CN': '服务器未能完成请求，已记录错误。', en: 'The server could not complete the request; it has been logged.' },
  'database.unavailable': {
    'zh-CN': '数据库暂时无法连接，本次操作未生效，请稍后重试。',
    en: 'The database is not reachable right now; nothing was changed. Try again in a few seconds.',
  },
  'case.ended': { 'zh-CN': '工单已结束，不能再办理任何步骤。', en: 'The case has ended; no further steps are possible.' },
  'case.step-unconfirmed': {
    'zh-CN': '“{step}”步骤未能及时确认（工作进程是否在运行？）。工单流程恢复后仍可能生效，请刷新工单后再重试。',
    en: 'The {action} step was not confirmed in time (is a worker running?). It may still be applied when the case workflow resumes: reload the case before trying again.',
  },
  'field.unknown': { 'zh-CN': '未知字段', en: 'unknown field' },
} as const satisfies MessageTemplates;
