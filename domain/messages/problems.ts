import type { MessageTemplates } from './render';

// The API's own refusals that are not about one domain: a body that cannot be read, fields a schema refuses, a value
// the database cannot store, a conflict with data stored meanwhile, a server fault (http/problem.ts), and the steps'
// and terminals' generic answers.

export const PROBLEM_MESSAGES = {
  'request.invalid-fields': { 'zh-CN': '请求中有不符合要求的字段。', en: 'The request has invalid fields.' },
  'request.invalid-path-fields': { 'zh-CN': '请求路径中有不符合要求的参数。', en: 'The request has invalid path fields.' },
  'request.invalid-query-fields': { 'zh-CN': '查询条件中有不符合要求的参数。', en: 'The request has invalid query fields.' },
  'request.invalid-body-fields': { 'zh-CN': '请求内容中有不符合要求的字段。', en: 'The request has invalid body fields.' },
  'auth.token-required': {
    'zh-CN': '请先登录：请求须附带访问令牌（Authorization: Bearer <令牌>，或 DPoP <令牌> 并附 DPoP 证明）。',
    en: 'An access token is required (Authorization: Bearer <token>, or DPoP <token> with a DPoP proof).',
  },
  'auth.bad-authorization': { 'zh-CN': 'Authorization 请求头须为 “Bearer <令牌>” 或 “DPoP <令牌>”。', en: 'The Authorization header must be "Bearer <token>" or "DPoP <token>".' },
  'auth.token-rejected': { 'zh-CN': '访问令牌无效或已过期，请重新登录。', en: 'Token rejected: {reason}.' },
  'auth.role-required': { 'zh-CN': '此操作须由以下角色之一办理：{roles}。', en: 'This action needs one of the roles: {roles}.' },
  'case.not-visible': { 'zh-CN': '您可查看的工单中没有 {id}。', en: 'No case {id} among the cases you may see.' },
  'case.workflow-gone': { 'zh-CN': '工单流程已不再保留，请查看工单日志。', en: 'The case workflow is no longer retained; see the case log.' },
  'case.workflow-not-answering': {
    'zh-CN': '工单流程未能及时响应（工作进程是否在运行？）；工单列表和工单日志仍可查看。',
    en: 'The case workflow did not answer in time (is a worker running?); the read model and the case log are still available.',
  },
  'customer.unknown': { 'zh-CN': '没有户号为 {accountNo} 的客户。', en: 'No customer with account number {accountNo}.' },
  'customer.outside-unit': { 'zh-CN': '客户 {accountNo} 属于 {station}，不在您的单位 {org} 范围内。', en: 'Customer {accountNo} belongs to {station}, outside your org unit {org}.' },
  'customer.not-visible': { 'zh-CN': '您的单位范围内没有客户 {accountNo}。', en: 'No customer {accountNo} in your org unit.' },
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
  'request.idempotency-key-invalid': { 'zh-CN': 'Idempotency-Key 请求头无效。', en: 'The Idempotency-Key header is invalid.' },
  'request.idempotency-key-other-case': { 'zh-CN': '该 Idempotency-Key 已用于另一张工单。', en: 'This Idempotency-Key was already used for a different case.' },
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
  'request.rate-limited.auth': {
    'zh-CN': '此地址缺少或使用无效令牌的请求过多，请 {seconds} 秒后重试。',
    en: 'Too many requests with a missing or rejected token from this address; try again in {seconds} s.',
  },
  'request.rate-limited.expensive': { 'zh-CN': '{user} 本分钟的大查询额度已用完，请 {seconds} 秒后重试。', en: '{user} has used this minute\'s budget for expensive requests; try again in {seconds} s.' },
  'request.rate-limited.changes': { 'zh-CN': '{user} 本分钟的修改额度已用完，请 {seconds} 秒后重试。', en: '{user} has used this minute\'s budget for changes; try again in {seconds} s.' },
  'terminal.device-id-missing': { 'zh-CN': '终端请求须在 {header} 请求头中附带已登记的终端编号。', en: 'Terminal requests carry the device\'s registered id in the {header} header.' },
  'terminal.device-id-invalid': { 'zh-CN': '{header} 请求头须为 4–100 个字符（A–Z a–z 0–9 . _ : -）。', en: 'The {header} header must be 4–100 characters of A–Z a–z 0–9 . _ : -.' },
  'terminal.wrong-client': { 'zh-CN': '此接口只接受 {clients} 客户端的令牌，当前为 {client}。', en: 'This endpoint takes tokens of the {clients} client, not {client}.' },
  'terminal.idempotency-key-missing': {
    'zh-CN': '终端的每个 POST 请求须附带 Idempotency-Key 请求头（每个操作一个新的随机值，重试时沿用）。',
    en: 'Every terminal POST carries an Idempotency-Key header (a new random value per action; the same value when retrying it).',
  },
  'terminal.idempotency-key-invalid': { 'zh-CN': 'Idempotency-Key 请求头须为 8–200 个可打印 ASCII 字符。', en: 'The Idempotency-Key header must be 8–200 printable ASCII characters.' },
  'track.not-your-visit': {
    'zh-CN': '工单 {caseNo} 派给了 {assignee}，不是 {user}；轨迹由被派单的稽查员记录。',
    en: 'Case {caseNo} is assigned to {assignee}, not {user}; its track is recorded by the assigned inspector.',
  },
  'customer.not-in-archive': { 'zh-CN': '客户档案中没有户号 {accountNo}。', en: 'Customer {accountNo} is not in the archive.' },
  'presence-review.none': { 'zh-CN': '工单 {caseNo} 的现场核查未提交复核。', en: 'The field visit of case {caseNo} has not been put on review.' },
} as const satisfies MessageTemplates;
