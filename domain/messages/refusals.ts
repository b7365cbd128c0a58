import type { MessageTemplates } from './render';

// The back office's and the terminal API's refusals by area (#16): content (公告, 法规, 咨询, 反馈), imports, rule
// sets, evidence uploads, terminals and devices, judgement runs, unknown routes. Their words: PARAM_CODES in render.ts.

export const REFUSAL_MESSAGES = {
  // 工单立案：已有未办结工单的客户另立案件
  'case-open:DuplicateReasonNotAllowed': {
    'zh-CN': '只有稽查专责或营销部管理人员可以为已有未办结工单的客户另立案件。',
    en: 'Only a supervisor or manager may open a second case for a customer with an open case (duplicateReason).',
  },
  // 信息公告
  'announcement.everyone-top-level-only': { 'zh-CN': '只有顶层单位可以向全体单位发布公告。', en: 'Only a top-level unit may address everyone.' },
  'announcement.not-visible': { 'zh-CN': '您的单位范围内没有公告 {id}。', en: 'No announcement {id} for your org unit.' },
  'announcement.above-unit': { 'zh-CN': '公告 {id} 发往 {unit}，高于您的单位 {org}，您不能修改。', en: 'Announcement {id} is addressed to {unit}, above your org unit {org}.' },
  'announcement.everyone-above-unit': { 'zh-CN': '公告 {id} 发往全体单位，高于您的单位 {org}，您不能修改。', en: 'Announcement {id} is addressed to everyone, above your org unit {org}.' },
  // 法规制度
  'regulation.unknown': { 'zh-CN': '没有编号为 {id} 的法规制度或通知。', en: 'No regulation or notice {id}.' },
  'regulation.exists': { 'zh-CN': '编号为 {id} 的法规制度或通知已存在。', en: 'A regulation or notice with id {id} already exists.' },
  // 业务咨询、意见反馈
  'consultation.not-visible': { 'zh-CN': '您的单位范围内没有咨询 {id}。', en: 'No consultation {id} in your org unit.' },
  'consultation.not-asker': { 'zh-CN': '只有提问人、稽查专责或营销部管理人员可以关闭咨询。', en: 'Only the asker, a supervisor or a manager may close a consultation.' },
  'feedback.not-visible': { 'zh-CN': '您的单位范围内没有意见反馈 {id}。', en: 'No feedback {id} in your org unit.' },
  'feedback.reply-required': { 'zh-CN': '“{contentAction}”须填写答复。', en: '"{contentAction}" needs a reply.' },
  'feedback.reply-not-taken': { 'zh-CN': '“{contentAction}”不填写答复。', en: '"{contentAction}" takes no reply.' },
  'content.not-visible': { 'zh-CN': '您的单位范围内没有该{contentKind}。', en: 'No {contentKind} in your org unit.' },
  'content.illegal-transition': {
    'zh-CN': '该{contentKind}当前为“{contentStatus}”；只有在“{contentStatuses}”时才能“{contentAction}”。',
    en: 'The {contentKind} is {contentStatus}; "{contentAction}" applies only when it is {contentStatuses}.',
  },
  'content-kind.feedback': { 'zh-CN': '意见反馈', en: 'feedback' },
  'content-kind.consultation': { 'zh-CN': '咨询', en: 'consultation' },
  'content-status.open': { 'zh-CN': '待处理', en: 'open' },
  'content-status.in_progress': { 'zh-CN': '处理中', en: 'in_progress' },
  'content-status.answered': { 'zh-CN': '已答复', en: 'answered' },
  'content-status.closed': { 'zh-CN': '已关闭', en: 'closed' },
  'content-action.start': { 'zh-CN': '开始处理', en: 'start' },
  'content-action.answer': { 'zh-CN': '答复', en: 'answer' },
  'content-action.close': { 'zh-CN': '关闭', en: 'close' },
  'content-action.reopen': { 'zh-CN': '重新打开', en: 'reopen' },
  // 数据导入
  'import.role-required': { 'zh-CN': '导入{importKind}须由以下角色之一办理：{roles}。', en: 'Importing {importKind} needs one of the roles: {roles}.' },
  'import.legacy-role-required': { 'zh-CN': '导入历史工单须由以下角色之一办理：{roles}。', en: 'Importing legacy cases needs one of the roles: {roles}.' },
  'import-kind.org-units': { 'zh-CN': '单位', en: 'org-units' },
  'import-kind.customers': { 'zh-CN': '客户档案', en: 'customers' },
  'import-kind.station-areas': { 'zh-CN': '台区', en: 'station-areas' },
  'import-kind.area-supply': { 'zh-CN': '台区供电量', en: 'area-supply' },
  'import-kind.monthly-consumption': { 'zh-CN': '月度电量', en: 'monthly-consumption' },
  'import-kind.daily-readings': { 'zh-CN': '日冻结示数', en: 'daily-readings' },
  'import-kind.payments': { 'zh-CN': '缴费记录', en: 'payments' },
  'import-kind.arrears': { 'zh-CN': '欠费记录', en: 'arrears' },
  'import-kind.work-orders': { 'zh-CN': '异常工单', en: 'work-orders' },
  'import-kind.meter-events': { 'zh-CN': '计量异常事件', en: 'meter-events' },
  'import-kind.metering-work-orders': { 'zh-CN': '计量工单', en: 'metering-work-orders' },
  'import.not-visible': { 'zh-CN': '您的单位范围内没有导入批次 {id}。', en: 'No import {id} in your org unit.' },
  'import.unreadable': { 'zh-CN': '无法读取上传的文件：{reason}。', en: 'The upload cannot be read: {reason}.' },
  'import.unsupported-type': {
    'zh-CN': '请上传 CSV 文件（首行为列名）、逐行 JSON 文件（每行一个对象）或 JSON 数组（行对象数组，最大 256 kB）。',
    en: 'Send text/csv (first line: column names), application/x-ndjson (one object per line) or application/json (an array of row objects, up to 256 kB).',
  },
  // 上传文件的编码与大小：GBK / GB18030（营销系统导出常见）自动识别；无法识别的整体拒收，什么也不导入
  'import.encoding.unknown': {
    'zh-CN': '文件编码无法识别：既不是 UTF-8，也不是 GBK/GB18030。未导入任何数据，请将文件另存为 UTF-8 或 GBK 后重新上传。',
    en: 'The file\'s encoding cannot be told: it is neither UTF-8 nor GBK/GB18030. Nothing was imported; save the file as UTF-8 or GBK and upload it again.',
  },
  'import.encoding.invalid': {
    'zh-CN': '文件内容不是声明的编码 {charset}。未导入任何数据，请按实际编码上传，或不声明编码由系统识别（UTF-8、GBK）。',
    en: 'The file is not in the declared charset {charset}. Nothing was imported; declare its real encoding, or none and let it be detected (UTF-8, GBK).',
  },
  'import.encoding.unsupported': {
    'zh-CN': '不支持声明的编码 {charset}。请将文件另存为 UTF-8 或 GBK 后重新上传。',
    en: 'The declared charset {charset} is not supported. Save the file as UTF-8 or GBK and upload it again.',
  },
  'import.too-large': { 'zh-CN': '上传文件超过 {limitMb} MB，请拆分后分批导入。', en: 'The upload is larger than {limitMb} MB; split it and import the parts one by one.' },
  // 导入报告中未逐条列出的拒收行：按原因代码计数；没有专门代码的原因记在此代码下
  'import.row.rejected': { 'zh-CN': '行被拒收（其他原因）', en: 'row rejected (other reasons)' },
  // 计量工单导入：已完成的工单须有现场完成时间（初判据此排除本次装拆、校验留下的开盖等事件）
  'import.metering.done-at-required': { 'zh-CN': '工单状态为已完成时，须填写完成时间（带时区）', en: 'required when the order is completed (a date-time with offset)' },
  // 规则版本（初判规则、违约金规则、考核规则、时限政策）
  'rule-set.missing': { 'zh-CN': '没有{ruleSetKind} {version}。', en: 'No {ruleSetKind} {version}.' },
  'rule-set.version-taken': { 'zh-CN': '{ruleSetKind}版本 {version} 已存在，请换一个版本号。', en: 'The {ruleSetKind} version {version} already exists; choose a new version.' },
  'rule-set.published': { 'zh-CN': '{ruleSetKind} {version} 已发布，不能再修改，请另存为新版本。', en: 'The {ruleSetKind} {version} is published and can no longer change; write a new version.' },
  'rule-set.date-not-allowed': { 'zh-CN': '规则最早于今天（{earliest}，北京时间）生效。', en: 'A rule set takes effect today ({earliest}, China time) or later.' },
  'rule-set.date-taken': { 'zh-CN': '{ruleSetKind} {takenBy} 已定于 {effectiveFrom} 生效，请另选日期。', en: 'The {ruleSetKind} {takenBy} already takes effect on {effectiveFrom}; choose another day.' },
  'rule-set.version-mismatch': { 'zh-CN': '规则内容的版本须与路径中的版本 {version} 一致。', en: 'The document is the version of the path ({version}).' },
  'rule-set.draft-keeps-version': { 'zh-CN': '草稿的版本号 {version} 不能修改；如需新版本请另存。', en: 'A draft keeps its version ({version}); save it as a new version instead.' },
  'rule-set.version-fixed': { 'zh-CN': '版本号 {version} 不能修改。', en: 'The version cannot change ({version}).' },
  'rule-set.copy-unknown': { 'zh-CN': '没有可复制的时限政策 {version}。', en: 'No case policy {version} to copy.' },
  'rule-set.copy-none-in-force': { 'zh-CN': '当前没有生效的时限政策可复制。', en: 'No case policy is in force to copy.' },
  'rule-set-kind.judgement': { 'zh-CN': '初判规则', en: 'judgement rule set' },
  'rule-set-kind.penalty': { 'zh-CN': '违约金规则', en: 'penalty rule set' },
  'rule-set-kind.assessment': { 'zh-CN': '考核规则', en: 'assessment rule set' },
  'rule-set-kind.case-policy': { 'zh-CN': '时限政策', en: 'case policy' },
  // 现场证据上传
  'evidence.upload-unknown': { 'zh-CN': '工单 {caseNo} 中没有您的上传 {id}。', en: 'No upload {id} of yours on case {caseNo}.' },
  'evidence.upload-rejected': { 'zh-CN': '上传 {id} 已被拒收（{reason}），请重新申请上传。', en: 'Upload {id} was rejected ({reason}); request a new upload.' },
  'evidence.not-uploaded': { 'zh-CN': '上传 {id} 尚未收到文件，请先上传文件。', en: 'Nothing is stored for upload {id} yet; PUT the bytes to the upload URL first.' },
  'evidence.upload-expired': { 'zh-CN': '上传 {id} 尚未收到文件且上传地址已过期，请重新申请上传。', en: 'Nothing is stored for upload {id} yet; its upload URL has expired, request a new upload.' },
  'evidence.size-mismatch': {
    'zh-CN': '证据被拒收：存储的文件为 {actual} 字节，不是声明的 {declared} 字节；已删除存储的文件。',
    en: 'Evidence refused: the stored object has {actual} bytes, not the declared {declared}; the object was deleted.',
  },
  'evidence.sha256-mismatch': {
    'zh-CN': '证据被拒收：存储文件的校验值（SHA-256）为 {actual}，不是声明的 {declared}；已删除存储的文件。',
    en: 'Evidence refused: the stored object\'s SHA-256 is {actual}, not the declared {declared}; the object was deleted.',
  },
  'evidence.type-not-allowed': { 'zh-CN': '{evidenceKind}须为以下格式之一：{allowed}。', en: 'A {evidenceKind} must be one of {allowed}.' },
  'evidence.too-large': { 'zh-CN': '{evidenceKind}最大 {max} 字节，此文件为 {size} 字节。', en: 'A {evidenceKind} may be at most {max} bytes; this one has {size}.' },
  'evidence.too-many-uploads': { 'zh-CN': '每张工单最多 {max} 个证据上传。', en: 'At most {max} evidence uploads per case.' },
  // 工作日历
  'calendar.date-outside-year': { 'zh-CN': '日期 {date} 不在 {year} 年内。', en: 'The date {date} is not in {year}.' },
  'calendar.workday-not-weekend': { 'zh-CN': '调休上班日 {date} 必须是星期六或星期日。', en: 'The make-up working day {date} must be a Saturday or a Sunday.' },
  'calendar.duplicate-date': { 'zh-CN': '日期 {date} 重复出现。', en: 'The date {date} appears more than once.' },
  'calendar.year-unknown': { 'zh-CN': '{year} 年的工作日历尚未发布。', en: 'The working-day calendar of {year} is not published.' },
  'case-policy.invalid': { 'zh-CN': '时限政策有不符合要求的字段。', en: 'The case policy has invalid fields.' },
  // 终端与设备
  'terminal.already-registered': { 'zh-CN': '终端 {id} 已登记。', en: 'Terminal {id} is already registered.' },
  'device.already-registered': { 'zh-CN': '设备 {id} 已登记。', en: 'Device {id} is already registered.' },
  // One answer for "someone else's id" and "your id with another key": either tells an outsider only that the id
  // exists, never whose it is or with which key.
  'device.taken': {
    'zh-CN': '终端编号 {id} 已被登记，不能再次登记。请在终端上重新生成终端标识，或联系管理员。',
    en: 'Terminal id {id} is registered already and cannot be registered again. Make a new terminal identity on the device, or ask an administrator.',
  },
  'device.key-invalid': { 'zh-CN': '终端公钥无效：不是 P-256 曲线上的点。', en: 'The terminal\'s public key is invalid: not a point on the P-256 curve.' },
  'device.key-missing': {
    'zh-CN': '终端 {id} 没有登记公钥，不能绑定。请在该终端上打开移动作业终端，由它自动登记；或在登记终端时提供它的公钥。',
    en: 'Terminal {id} has no registered public key, so it cannot be bound. Open 移动作业终端 on the terminal so that it registers itself, or give its public key when registering it.',
  },
  // The same words whatever the reason: unknown id, not bound, bound to someone else, no key, another key.
  'device.not-bound': {
    'zh-CN': '此终端未绑定到当前账号，或请求不是由该终端登记的密钥签名的。请在终端上打开移动作业终端完成登记，并请管理员在终端人员维护中绑定。',
    en: 'This terminal is not bound to your account, or the request is not signed by the key the terminal registered. Open 移动作业终端 on the terminal to register it, and ask an administrator to bind it (终端人员维护).',
  },
  // 系统初判运行
  'judgement-run.rule-set-unknown': { 'zh-CN': '没有初判规则 {version}。', en: 'No judgement rule set {version}.' },
  'judgement-run.not-found': { 'zh-CN': '没有已完成的初判运行 {run}。', en: 'No completed judgement run {run}.' },
  'org.not-visible': { 'zh-CN': '您的单位范围内没有单位 {unit}。', en: 'No org unit {unit} in your org unit.' },
  'period.range-over-max': { 'zh-CN': '统计期间最多 {max} 个月（{from}…{to}）。', en: 'A period may span at most {max} months ({from}…{to}).' },
  // 专项稽查、考核期间
  'campaign.control-refused': { 'zh-CN': '专项稽查未能暂停或继续：{reason}。', en: 'The campaign refused the change: {reason}.' },
  'period.close-failed': { 'zh-CN': '{period} 未能关账：{reason}。', en: '{period} was not closed: {reason}.' },
  // 终端重复提交
  'idempotency.key-reused': {
    'zh-CN': '该 Idempotency-Key 已用于另一个请求（{method} {path}，内容不同）；新的操作请使用新的值。',
    en: 'This Idempotency-Key was already used for a different request ({method} {path} with another body); use a new key for a new request.',
  },
  'idempotency.in-progress': { 'zh-CN': '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试以取得结果。', en: 'A request with this Idempotency-Key is still being processed; retry later to get its response.' },
  // 地址
  'route.unknown': { 'zh-CN': '没有此接口：{method} {path}。', en: 'No route {method} {path}.' },
  'terminal-app.file-unknown': { 'zh-CN': '没有文件 {path}。', en: 'No file {path}.' },
  'terminal-app.not-built': {
    'zh-CN': '移动作业终端尚未在本服务器上构建，请管理员先构建终端应用。',
    en: 'The terminal app has not been built on this server (cd terminal-app && npm run build).',
  },
} as const satisfies MessageTemplates;
