import type pg from 'pg';
import type { JudgementRequest, JudgementResult } from '../domain/judgement';

/**
 * Stand-in judgement until judgement rule sets are data (the customer-data/judgement work replaces it):
 * it only reads the customer's archive, so the workflow's first stage runs through the real interface.
 */
export function createBuiltinJudgementActivities({ pool }: { pool: pg.Pool }) {
  return {
    async judgeCase(req: JudgementRequest): Promise<JudgementResult> {
      const r = await pool.query<{ tariff_category: string; whitelist: boolean }>('select tariff_category, whitelist from customers where account_no = $1', [req.customerAccountNo]);
      const c = r.rows[0];
      const reasons = [];
      if (c?.whitelist && c.tariff_category === 'residential') {
        reasons.push({ code: 'WHITELIST_RESIDENTIAL', weight: 40, textZh: '白名单居民用户，需核实用电性质', textEn: 'Whitelisted residential customer: verify the nature of use' });
      }
      if (req.origin === 'custom') reasons.push({ code: 'FIELD_INITIATED', weight: 30, textZh: '现场人员发起的自定义稽查', textEn: 'Custom audit started in the field' });
      const score = Math.min(100, reasons.reduce((s, x) => s + x.weight, 0));
      return {
        ruleSetVersion: 'builtin-0',
        score,
        reasons,
        checkItems: [
          { code: 'TARIFF_NATURE', textZh: '核对用电性质与执行电价', textEn: 'Check the nature of use against the applied tariff' },
          { code: 'METER_SEAL', textZh: '检查计量装置封印', textEn: 'Inspect the meter seals' },
        ],
        priority: score >= 60 ? 'high' : 'normal',
      };
    },
  };
}
