import { describe, expect, it } from 'vitest';
import { MESSAGE_KEY, translate, type Lang } from '../i18n';
import { explainRefusal, renderProblem, type RefusalInput } from './explain';

// Messages as codes with params (#16). The domain's catalogue, loaded at run time only (the app bundles the generated
// client/messages.gen.ts, never server code): a code there the terminal cannot say in both languages fails.
const CATALOGUE = new URL('../../../domain/messages/templates.ts', import.meta.url).pathname;
const { MESSAGE_TEMPLATES } = (await import(/* @vite-ignore */ CATALOGUE)) as { MESSAGE_TEMPLATES: Record<string, Record<Lang, string>> };

const say = (r: RefusalInput, lang: Lang = 'zh-CN') => {
  const ex = explainRefusal(r);
  return { ...ex, text: renderProblem((k, p) => translate(lang, k, p), ex.key, ex.params) };
};

describe('coded refusals', () => {
  it('every code of the domain catalogue reads in zh-CN and in English', () => {
    const codes = Object.keys(MESSAGE_TEMPLATES);
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = translate(lang, MESSAGE_KEY + code, {});
        expect(text, `${lang} ${code}`).not.toBe(code);
        if (!text.includes('—') && !/\{/.test(MESSAGE_TEMPLATES[code]![lang])) expect(text).toBe(MESSAGE_TEMPLATES[code]![lang]);
      }
    }
  });

  it('a workflow refusal from a sync result reads from its code and params, in the language chosen when shown', () => {
    const r: RefusalInput = {
      status: 422, code: 'case-step.too-many-check-ins', params: { max: 20 }, detail: '每次现场最多签到 20 次。',
    };
    expect(say(r).text).toBe('每次现场最多签到 20 次。');
    expect(say(r, 'en').text).toBe('At most 20 check-ins per visit.');
  });

  it('the workflow refusals the outbox has its own words for keep them, with the params the code carries', () => {
    const reassigned = say({ status: 403, code: 'case-step.not-assignee', params: { step: 'check-in', assignee: 'inspector2', user: 'inspector' }, detail: '…' });
    expect(reassigned.key).toBe('outbox.conflict.reassigned');
    expect(reassigned.text).toContain('inspector2');
    expect(say({ status: 409, code: 'case-step.wrong-stage', params: { step: 'check-in', stage: 'rectification', stages: 'field_evidence' } }).params.stage).toBe('rectification');
  });

  it('a step refused while another is half-way is asked again later with a new key', () => {
    const busy = say({ status: 409, code: 'case-step.busy', params: { step: 'findings', busy: 'decline', by: 'inspector' } });
    expect(busy.transient).toBe('new-key');
    expect(busy.text).toBe('另一步骤正在办理中（inspector：退单），请稍后再提交核查结果。');
  });

  it('the workflow\'s own presence and review refusals keep their pages\' texts', () => {
    expect(explainRefusal({ status: 422, code: 'case-step.presence-weak' }).key).toBe('outbox.conflict.presenceWeak');
    expect(explainRefusal({ status: 409, code: 'case-step.under-review' }).key).toBe('outbox.conflict.underReview');
  });
});
