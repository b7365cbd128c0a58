import type { MessageTemplates } from './render';

// The case workflow's refusals of a human step (workflows/caseRules.ts, workflows/inspectionCase.ts): the validator
// throws the code and its params; the API renders the human `detail` in the caller's language and forwards both, so a
// UI can say it in its own words. The English text is also the failure's message in Temporal's history and logs.

export const CASE_STEP_MESSAGES = {
  'case-step.still-opening': { 'zh-CN': '工单仍在创建中，暂不能{step}。', en: '{step} is not possible yet: the case is still being opened.' },
  'case-step.wrong-stage': { 'zh-CN': '工单处于{stage}阶段，不能{step}（需在{stages}阶段）。', en: '{step} is not possible while the case is at {stage}; it needs {stages}.' },
  'case-step.case-over': { 'zh-CN': '工单{stage}，不能{step}。', en: '{step} is not possible: the case is {stage}.' },
  'case-step.role-required': { 'zh-CN': '{step}须由以下角色之一办理：{roles}。', en: '{step} needs one of the roles {roles}.' },
  'case-step.outside-unit': { 'zh-CN': '{user}（{org}）不在本工单所属单位 {station} 的范围内。', en: '{user} ({org}) is outside this case\'s unit {station}.' },
  'case-step.not-assignee': { 'zh-CN': '{step}须由被派单的稽查员（{assignee}）办理，{user} 不能办理。', en: '{step} is for the assigned inspector ({assignee}), not {user}.' },
  'case-step.no-assignee': { 'zh-CN': '{step}须由被派单的稽查员办理（尚未派单），{user} 不能办理。', en: '{step} is for the assigned inspector (nobody yet), not {user}.' },
  'case-step.accept-first': { 'zh-CN': '{step}前请先接单。', en: '{step}: accept the assignment first.' },
  'case-step.invalid-payload': { 'zh-CN': '步骤内容不符合要求：{issues}', en: '{issues}' },
  'case-step.busy': { 'zh-CN': '另一步骤正在办理中（{by}：{busy}），请稍后再{step}。', en: '{step} must wait: another step is in progress ({by}: {busy}); try again in a moment.' },
  'case-step.busy-system': { 'zh-CN': '另一步骤正在办理中（系统：{busy}），请稍后再{step}。', en: '{step} must wait: another step is in progress (system: {busy}); try again in a moment.' },
  'case-step.not-station-inspector': { 'zh-CN': '{user} 不是供电所 {station} 的稽查员。', en: '{user} is not an inspector of station {station}.' },
  'case-step.not-station-lead': { 'zh-CN': '{user} 不是供电所 {station} 的所长/班组长。', en: '{user} is not a station lead of station {station}.' },
  'case-step.no-station-lead': { 'zh-CN': '供电所 {station} 没有所长/班组长，请指定整改责任人。', en: 'Station {station} has no station lead; name the owner.' },
  'case-step.already-accepted-by': { 'zh-CN': '{user} 已接单，请改用改派。', en: '{user} has already accepted; use reassign.' },
  'case-step.assignment-accepted': { 'zh-CN': '已接单。', en: 'The assignment is already accepted.' },
  'case-step.accepted-no-decline': { 'zh-CN': '已接的工单不能退单，请联系供电所长改派。', en: 'An accepted assignment cannot be declined; ask the station lead to reassign.' },
  'case-step.too-many-check-ins': { 'zh-CN': '每次现场最多签到 {max} 次。', en: 'At most {max} check-ins per visit.' },
  'case-step.evidence-conflict': { 'zh-CN': '证据 {evidenceId} 已以不同内容上传。', en: 'Evidence {evidenceId} is already attached with different content.' },
  'case-step.too-many-evidence': { 'zh-CN': '每张工单最多 {max} 项证据。', en: 'At most {max} evidence items per case.' },
  'case-step.problem-type-required': { 'zh-CN': '确认存在问题时须选择问题类型。', en: 'A confirmed problem needs its type (problemType).' },
  'case-step.evidence-incomplete': {
    'zh-CN': '现场证据不完整：{shortfall}。请补齐，或填写说明（工单将转稽查专责复核）。',
    en: 'Evidence incomplete: {shortfall}. Complete it, or give a justification (the case is then flagged for supervisor review).',
  },
  'case-step.shortfall.photos': { 'zh-CN': '有效照片 {photos} 张，至少需要 {required} 张', en: '{photos} verified photo(s); at least {required} needed' },
  'case-step.shortfall.no-check-in': { 'zh-CN': '尚未在客户处签到', en: 'no check-in at the customer yet' },
  'case-step.shortfall.check-in-far': { 'zh-CN': '签到位置距客户 {distanceM} 米，允许 {radiusM} 米', en: 'check-in is {distanceM} m from the customer; limit {radiusM} m' },
  'case-step.shortfall.clock-skew': { 'zh-CN': '签到时终端时钟偏差 {skewS} 秒，允许 {toleranceS} 秒', en: 'the terminal\'s clock was {skewS} s off at check-in; tolerance {toleranceS} s' },
  'case-step.shortfall.imprecise': {
    'zh-CN': '签到位置距客户 {distanceM} 米、定位精度 {accuracyM} 米，二者之和须在 {radiusM} 米以内',
    en: 'check-in is {distanceM} m from the customer with an accuracy of {accuracyM} m; distance + accuracy must be within {radiusM} m',
  },
  'case-step.visit-changed': { 'zh-CN': '核验现场真实性期间现场记录有变化，请重新提交核查结果。', en: 'The visit changed while its proof of presence was being judged; submit the findings again.' },
  'case-step.presence-weak': {
    'zh-CN': '现场真实性存疑（可信度 {confidence}）：{reasons}。请填写说明，工单将转稽查专责复核。',
    en: 'The visit\'s presence verdict is weak (confidence {confidence}): {reasons}. Give a justification; the case then waits for a supervisor\'s review.',
  },
  'case-step.order-issued': { 'zh-CN': '整改通知已下发。', en: 'The rectification order is already issued.' },
  'case-step.under-review': {
    'zh-CN': '现场核查正在接受稽查专责复核（疑似虚假工单），整改通知须待复核结论。',
    en: 'The field visit is under a supervisor\'s review (疑似虚假工单); the order waits for its decision.',
  },
  'case-step.prices-required': {
    'zh-CN': '电价差额追补须有电价（选择电价类别后由系统从电价目录填入）。',
    en: 'A wrong-tariff back-billing needs its prices (the server fills them from the tariff catalogue for the categories given).',
  },
  'case-step.no-order': { 'zh-CN': '尚未下发整改通知。', en: 'No rectification order has been issued yet.' },
  'case-step.amount-typed': {
    'zh-CN': '不再接受追回金额（amountRecoveredYuan）：金额由整改单计算，请填写实收金额及收据号。',
    en: 'amountRecoveredYuan is no longer accepted: the order computes the amount; report collectedYuan and receiptNo.',
  },
  'case-step.no-money-actions': { 'zh-CN': '该整改单没有追补电费或违约使用电费，不能填写收费金额。', en: 'This order has no back-billing or penalty; no amount can be reported.' },
  'case-step.collected-required': { 'zh-CN': '请填写实收金额（应收 {computed} 元）。', en: 'Report the amount collected (computed: {computed} yuan).' },
  'case-step.collected-above-computed': { 'zh-CN': '实收金额 {collected} 元超过应收金额 {computed} 元。', en: 'The amount collected, {collected} yuan, exceeds the computed {computed} yuan.' },
  'case-step.receipt-required': { 'zh-CN': '实收金额大于零时须填写收据（票据）号。', en: 'A receipt number is required when an amount was collected.' },
  'case-step.reject-reason-required': { 'zh-CN': '复核不通过须填写原因。', en: 'A rejected verification needs a reason.' },
  'case-step.confirm-mismatch': { 'zh-CN': '确认的实收金额须与上报的实收金额一致（{collected}）。', en: 'confirmCollectedYuan must be the amount reported collected ({collected}).' },
  'case-step.collected-unconfirmed': {
    'zh-CN': '实收金额 {collected} 元与应收金额 {computed} 元不同，复核通过须确认实收金额。',
    en: 'The amount collected, {collected} yuan, differs from the computed {computed} yuan: confirm it (confirmCollectedYuan) to pass.',
  },
  'case-step.already-holds': { 'zh-CN': '{user} 已是当前处理人。', en: '{user} already holds this step.' },
  'case-step.too-many-notes': { 'zh-CN': '每张工单最多 {max} 条备注。', en: 'At most {max} notes per case.' },
  'case-step.no-pending-review': { 'zh-CN': '本工单没有待复核的现场核查。', en: 'No review of the field visit is pending on this case.' },
  'case-step.cannot-return': { 'zh-CN': '工单已不能退回现场取证。', en: 'The case can no longer go back to field evidence.' },
  'case-step.wait-stages-required': { 'zh-CN': '请至少指定一个要等待的阶段。', en: 'Name at least one stage to wait for.' },
  'case-step.penalty-refused': { 'zh-CN': '违约使用电费无法计算：{reason}', en: '{reason}' },
  'case-step.refused': { 'zh-CN': '该步骤被拒绝：{reason}', en: '{reason}' },
} as const satisfies MessageTemplates;
export type CaseStepCode = keyof typeof CASE_STEP_MESSAGES;
