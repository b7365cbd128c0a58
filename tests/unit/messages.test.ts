import { MESSAGE_CODES, MESSAGE_TEMPLATES, hasMessage, renderMessage } from '../../domain/messages';
import { PARAM_CODES } from '../../domain/messages/render';
import { scoreReasonCode } from '../../domain/messages/scores';
import { CASE_STAGES } from '../../domain/case';
import { ROLES } from '../../domain/roles';

// Messages as codes with parameters (#16): every code of the domain catalogue has a zh-CN and an English text.
describe('the domain message catalogue', () => {
  it('has a zh-CN and an English text for every code', () => {
    expect(MESSAGE_CODES.length).toBeGreaterThan(150);
    for (const code of MESSAGE_CODES) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = renderMessage(code, {}, lang);
        expect(`${code} ${lang}: ${text}`).not.toBe(`${code} ${lang}: `);
        expect(`${code} ${lang}: ${text}`).not.toBe(`${code} ${lang}: ${code}`);
      }
    }
  });

  it('has no English left in a zh-CN template beyond its placeholders and terms', () => {
    for (const [code, t] of Object.entries(MESSAGE_TEMPLATES)) {
      const words = t['zh-CN'].replace(/\{\w+\}/g, '').match(/[A-Za-z]{4,}/g) ?? [];
      // the field names a client sends are quoted in parentheses for the one who reads the API's answer
      expect(`${code}: ${words.filter((w) => !['SQLSTATE', 'JSON', 'Authorization', 'Bearer', 'DPoP', 'Idempotency', 'ASCII', 'POST', 'amountRecoveredYuan', 'cursor', 'range'].includes(w)).join(' ')}`).toBe(`${code}: `);
      expect(Object.keys(t).sort()).toEqual(['en', 'zh-CN']);
    }
  });

  it('names every stage and role a refusal may quote', () => {
    for (const s of CASE_STAGES) expect(hasMessage(`stage.${s}`)).toBe(true);
    for (const r of ROLES) expect(hasMessage(`role.${r}`)).toBe(true);
    for (const { prefix } of Object.values(PARAM_CODES)) if (prefix) expect(MESSAGE_CODES.some((c) => c.startsWith(prefix))).toBe(true);
  });

  it('renders a workflow refusal in both languages from its code and params', () => {
    const params = { user: 'inspector2', station: 'HB.XN.XA.WQ' };
    expect(renderMessage('case-step.not-station-inspector', params, 'zh-CN')).toBe('inspector2 不是供电所 HB.XN.XA.WQ 的稽查员。');
    expect(renderMessage('case-step.not-station-inspector', params, 'en')).toBe('inspector2 is not an inspector of station HB.XN.XA.WQ.');
    const stage = { step: 'verify', stage: 'rectification', stages: 'verification' };
    expect(renderMessage('case-step.wrong-stage', stage, 'zh-CN')).toBe('工单处于督办整改阶段，不能复核（需在复核阶段）。');
    expect(renderMessage('case-step.wrong-stage', stage, 'en')).toBe('Verification is not possible while the case is at rectification (督办整改); it needs verification (复核).');
    expect(renderMessage('case-step.role-required', { step: 'dismiss', roles: 'supervisor,manager' }, 'zh-CN')).toBe('撤销工单须由以下角色之一办理：稽查专责、营销部管理人员。');
  });

  it('fills the parts of a code-valued list from the same params', () => {
    const p = { shortfall: 'photos,check-in-far', photos: 1, required: 2, distanceM: 812, radiusM: 200, accuracyM: 10, skewS: 0, toleranceS: 300 };
    expect(renderMessage('case-step.evidence-incomplete', p, 'en')).toMatch(/^Evidence incomplete: 1 verified photo\(s\); at least 2 needed; check-in is 812 m from the customer; limit 200 m\./);
    expect(renderMessage('case-step.evidence-incomplete', p, 'zh-CN')).toBe('现场证据不完整：有效照片 1 张，至少需要 2 张；签到位置距客户 812 米，允许 200 米。请补齐，或填写说明（工单将转稽查专责复核）。');
  });

  it('answers for the older text modules\' codes and shows an unknown code as itself', () => {
    expect(renderMessage('rectification.unknown-tariff', { code: 'banana', province: 'HB' }, 'zh-CN')).toBe('电价类别“banana”不在HB的电价目录中');
    expect(renderMessage('checkin.none', {}, 'en')).toBe('no on-site check-in');
    expect(renderMessage('list.bad-cursor', {}, 'en')).toMatch(/^The page cursor is invalid/);
    expect(renderMessage('no.such-code', {}, 'zh-CN')).toBe('no.such-code');
    expect(renderMessage('case-step.already-accepted-by', { user: null }, 'zh-CN')).toBe('— 已接单，请改用改派。');
  });
});

describe('score reasons', () => {
  it('reads every stored English reason back to its code and figures', () => {
    const samples: Record<string, Record<string, number>> = {
      'score.reason.field-late': { days: 3 }, 'score.reason.rectified-late': { days: 1 }, 'score.reason.verification-rejected': { rounds: 2 },
      'score.reason.escalated': { tier: 2 }, 'score.reason.recovered': { yuan: 12345.6 }, 'score.reason.feedback': { count: 4 },
    };
    const reasons = Object.keys(MESSAGE_TEMPLATES).filter((c) => c.startsWith('score.reason.'));
    expect(reasons.length).toBeGreaterThan(10);
    for (const code of reasons) {
      const params = samples[code] ?? {};
      expect(scoreReasonCode(renderMessage(code, params, 'en'))).toEqual({ code, params });
    }
    expect(scoreReasonCode('something else')).toBeNull();
    expect(renderMessage('score.reason.field-late', { days: 3 }, 'zh-CN')).toBe('现场核查超期 3 个工作日');
  });
});
