import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../i18n';
import { explainRefusal, renderProblem, type RefusalInput } from './explain';
import { outbox } from '../i18n/areas/outbox';
import explainSrc from './explain.ts?raw';
import engineSrc from './engine.ts?raw';
import panelSrc from './OutboxPanel.tsx?raw';

// The sentences below are the API's own (workflows/caseRules.ts, workflows/inspectionCase.ts, services/…): what a
// sync result carries as `reason` when a step is refused.
const say = (r: RefusalInput, lang: Lang = 'zh-CN') => {
  const ex = explainRefusal(r);
  return { ...ex, text: renderProblem((k, p) => translate(lang, k, p), ex.key, ex.params) };
};

describe('explainRefusal', () => {
  it('case reassigned to someone else', () => {
    const r = say({ status: 403, detail: 'Checking in is for the assigned inspector (inspector2), not inspector.' });
    expect(r.text).toBe('任务已改派给 inspector2，您不能再办理此步骤');
    expect(say({ status: 403, detail: 'Checking in is for the assigned inspector (inspector2), not inspector.' }, 'en').text).toBe('The task was reassigned to inspector2; you can no longer take this step');
    expect(say({ status: 403, detail: 'Accepting is for the assigned inspector (nobody yet), not inspector.' }).text).toBe('任务尚未派给您，不能办理此步骤');
  });

  it('case cancelled, dismissed or closed', () => {
    expect(say({ status: 409, detail: 'Check-in is not possible: the case is cancelled (已取消).' }).text).toBe('任务已结束（已取消），不能再办理');
    expect(say({ status: 409, detail: 'Findings is not possible: the case is dismissed (已撤销).' }).text).toBe('任务已结束（已撤销），不能再办理');
    expect(say({ status: 409, detail: 'Findings is not possible: the case is dismissed (已撤销).' }, 'en').text).toBe('The task has ended (dismissed); no further steps are possible');
    // the workflow is gone (closed long ago, or cancelled): no stage to name, and no placeholder left in the text
    expect(say({ status: 409, detail: 'The case has ended; no further steps are possible.' }).text).toBe('任务已结束（已办结、撤销或终止），不能再办理');
    expect(say({ status: 409, code: 'case.ended', detail: 'whatever the server says' }).text).not.toMatch(/[{}]/);
    expect(say({ status: 404, code: 'case.not-visible', detail: 'No case x among the cases you may see.' }).text).toMatch(/不在您的任务范围内/);
  });

  it('a step that waits for the supervisor\'s review of the visit (case-step:UnderReview), by code or by the workflow\'s words', () => {
    const detail = 'The field visit is under a supervisor\'s review (疑似虚假工单); the order waits for its decision.';
    expect(say({ status: 409, code: 'case-step:UnderReview', detail }).text).toBe('现场取证正在督查复核（疑似虚假工单），复核通过后才能办理此步骤');
    // a sync result carries the reason without a code
    expect(say({ status: 409, detail }).key).toBe('outbox.conflict.underReview');
    expect(say({ status: 409, code: 'case-step:UnderReview', detail }, 'en').text).toBe('The field visit is under a supervisor\'s review (suspected fake field work order); this step can be taken once it is cleared');
    // not taken for "already past this stage": the order can go once the review clears the visit
    expect(say({ status: 409, code: 'case-step:UnderReview', detail: '' }).key).toBe('outbox.conflict.underReview');
  });

  it('evidence refused at confirm by forensics (the bytes are not what was declared, or do not decode)', () => {
    const detail = '证据被拒收：文件内容是 text/plain，不是声明的 image/jpeg；已删除存储的文件。';
    expect(say({ status: 422, code: 'evidence.content-mismatch', detail }).text).toBe('文件内容与声明的类型不符，服务器已拒收并删除，请重新拍摄或改选其他文件');
    expect(say({ status: 422, code: 'evidence.undecodable', detail }, 'en').text).toMatch(/^The image cannot be decoded/);
  });

  it('already past this stage', () => {
    expect(say({ status: 409, detail: 'Findings is not possible while the case is at rectification (督办整改); it needs field evidence (现场取证).' }).text)
      .toBe('任务已处于「督办整改」阶段，此步骤不再适用');
    expect(say({ status: 409, code: 'case-step:WrongStage', detail: 'Evidence is taken at field evidence; case JC-1 is at verification.' }).text)
      .toBe('任务已处于「复核」阶段，此步骤不再适用');
    expect(say({ status: 409, detail: 'The assignment is already accepted.' }).key).toBe('outbox.conflict.alreadyAccepted');
    expect(say({ status: 409, detail: 'Check-in: accept the assignment first.' }).key).toBe('outbox.conflict.acceptFirst');
  });

  it('invalid or incomplete fields, hostile text, too large', () => {
    expect(say({ status: 422, detail: 'A confirmed problem needs its type (problemType).' }).key).toBe('outbox.conflict.incomplete');
    expect(say({ status: 400, detail: 'The findings step has invalid fields: summary: Required.' }).key).toBe('outbox.conflict.invalid');
    expect(say({ status: 422, code: 'text.hostile', detail: '文本含有不允许的字符' }).text).toBe('内容含有不允许的字符（如控制字符），请修改后重新提交');
    expect(say({ status: 413, detail: 'A photo may be at most 15728640 bytes; this one has 20000000.' }).key).toBe('outbox.conflict.tooLarge');
  });

  it('momentary refusals are retried: same key while the first is processed, a new one after a stored refusal', () => {
    expect(say({ status: 409, detail: 'A request with this Idempotency-Key is still being processed; retry later to get its response.' }).transient).toBe('same-key');
    expect(say({ status: 409, detail: '另一步骤正在办理中（取证：上传确认），请稍后重试。/ findings must wait: another step is in progress' }).transient).toBe('new-key');
    expect(say({ status: 409, code: 'case-step:StepInProgress', detail: '' }).transient).toBe('new-key');
    expect(say({ status: 409, detail: 'The rectification order is already issued.' }).transient).toBeUndefined();
  });

  it('falls back to a text per status, keeping the API\'s detail', () => {
    const r = say({ status: 404, detail: 'No case 1 among the cases you may see.' });
    expect(r.text).toBe('任务已不在您的任务范围内（可能已改派、撤销或移交）');
    expect(r.params.detail).toBe('No case 1 among the cases you may see.');
    expect(say({ status: 418, detail: 'teapot' }).key).toBe('outbox.conflict.generic');
  });

  it('every key it can answer has a Chinese and an English text', () => {
    expect(Object.keys(outbox.en).sort()).toEqual(Object.keys(outbox.zh).sort());
    const keys = new Set([...(explainSrc + engineSrc + panelSrc).matchAll(/'(outbox\.[a-zA-Z.]+)'/g)].map((m) => m[1]!));
    expect(keys.size).toBeGreaterThan(30);
    for (const k of keys) expect(outbox.zh[k], k).toBeTruthy();
  });
});
