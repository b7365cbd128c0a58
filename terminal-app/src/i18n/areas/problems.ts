import type { Area } from './area';

// Problem codes the API answers with (`code`, else the problem type's tail after urn:jicha:), as `problem.<code>`.

export const problems: Area = {
  zh: {
    // Case steps refused by the workflow's validators (services/cases/caseSteps.ts → urn:jicha:case-step:<kind>).
    'problem.case-step:WrongStage': '任务当前环节不允许此操作（可能已被改派、撤销，或尚未接受任务）',
    'problem.case-step:WrongActor': '此操作只能由任务的处理人进行（任务可能已改派给他人）',
    'problem.case-step:IncompleteStep': '信息不完整：证据不足时须填写情况说明，问题属实时须选择问题类型',
    'problem.case-step:InvalidStep': '提交的内容不符合要求',
    'problem.case-step:StepInProgress': '该任务的另一项操作正在处理，请稍后重试',
    'problem.case-step:PresenceWeak': '现场真实性存疑：请填写情况说明后重新提交，任务将转稽查专责复核',
    'problem.case-step:UnderReview': '现场取证正在督查复核（疑似虚假工单），复核通过后才能办理此步骤',
    'problem.case-step:refused': '操作被拒绝',
    'problem.case.ended': '任务已结束（已办结、撤销或终止），不能再办理',
    'problem.case.not-visible': '找不到该任务：它不在您的任务范围内（可能已改派、撤销，或尚未派给您）',
    'problem.case-workflow:unavailable': '工单服务暂时不可用，请稍后重试',
    // Evidence uploads (services/evidence/evidenceService.ts).
    'problem.evidence:size-mismatch': '上传的文件大小与登记不符，已删除，请重新上传',
    'problem.evidence:sha256-mismatch': '上传的文件内容校验不符，已删除，请重新上传',
    'problem.evidence:rejected': '该证据已被拒收',
    'problem.evidence:not-uploaded': '文件尚未上传完成',
    'problem.text.hostile': '内容含有无法保存的控制字符，请删除后重新输入',
    // The device and its proof (#15, DPoP): one answer for an unknown, unbound or foreign device, or a proof from another
    // key than the registered one; the proof missing or refused (401, not an expired login: no new login helps).
    'problem.device.not-bound': '此终端未绑定到您的账号（或终端密钥与登记的不符），请联系管理员在「终端人员维护」中绑定。',
    'problem.dpop.proof-required': '本终端无法出具设备签名（浏览器不支持安全密钥）。请通过 HTTPS 地址打开移动作业终端，或更换浏览器。',
    'problem.dpop.invalid-proof': '服务器未通过本终端的设备签名校验（可能是手机时间不准，或终端数据已变更）。请校准手机时间后重试；仍不行时请联系管理员。',
  },
  en: {
    'problem.case-step:WrongStage': 'The task\'s stage does not allow this (it may have been reassigned or cancelled, or not accepted yet)',
    'problem.case-step:WrongActor': 'Only the task\'s handler may do this (it may have been reassigned)',
    'problem.case-step:IncompleteStep': 'Incomplete: give a justification when evidence is short, and the problem type when confirmed',
    'problem.case-step:InvalidStep': 'What was sent does not meet the requirements',
    'problem.case-step:StepInProgress': 'Another step of this task is being processed; try again shortly',
    'problem.case-step:PresenceWeak': 'The proof of presence is doubtful: add a justification and submit again; the task then goes to a supervisor for review',
    'problem.case-step:UnderReview': 'The field visit is under a supervisor\'s review (suspected fake field work order); this step can be taken once it is cleared',
    'problem.case-step:refused': 'The step was refused',
    'problem.case.ended': 'The task has ended (closed, cancelled or dismissed); no further steps are possible',
    'problem.case.not-visible': 'Task not found: it is not among your tasks (reassigned, cancelled, or not yet assigned to you)',
    'problem.case-workflow:unavailable': 'The case service is unavailable; try again later',
    'problem.evidence:size-mismatch': 'The uploaded file\'s size did not match; it was deleted, upload it again',
    'problem.evidence:sha256-mismatch': 'The uploaded file\'s checksum did not match; it was deleted, upload it again',
    'problem.evidence:rejected': 'This evidence was rejected',
    'problem.evidence:not-uploaded': 'The file has not been uploaded yet',
    'problem.text.hostile': 'The text contains control characters that cannot be saved; delete them and type again',
    'problem.device.not-bound': 'This terminal is not bound to your account (or its key differs from the registered one); ask an administrator to bind it under Terminal personnel.',
    'problem.dpop.proof-required': 'This terminal cannot sign its requests (the browser offers no secure key store). Open the terminal app through its HTTPS address, or use another browser.',
    'problem.dpop.invalid-proof': 'The server did not accept this terminal\'s signature (the phone\'s clock may be wrong, or the terminal data changed). Set the phone\'s time correctly and try again; if it persists, ask an administrator.',
  },
};
