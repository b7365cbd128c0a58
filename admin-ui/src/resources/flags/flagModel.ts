import type { ApiResponse } from '../../data/api';
import { formatShare } from '../../format/percent';

/** The stored judgement of a customer (GET /api/customers/:accountNo/stored-judgement). */
export type StoredJudgementAnswer = ApiResponse<'/api/customers/{accountNo}/stored-judgement'>;
/** One page of a campaign's preview customers (GET /api/campaigns/:id/preview/customers). */
export type PreviewCustomersPage = ApiResponse<'/api/campaigns/{id}/preview/customers'>;
export type StoredReason = NonNullable<StoredJudgementAnswer['judgement']>['reasons'][number];

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** 0.4321 → "43.2%": expected rates are estimates, one decimal is plenty. */
export const formatRate = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : formatShare(Math.round(rate * 1000) / 1000));

const kwh = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n));

/** The words of a line-loss reason from its data (area, loss against the norm, the customer's drop); null for other reasons. */
export function lineLossText(r: StoredReason, translate: Translate): string | null {
  const p = r.params;
  if (!p) return null;
  return translate('flags.lineLoss', {
    area: p.areaName ? `${p.areaName} ${p.areaId}` : p.areaId,
    areaType: translate(`flags.areaType.${p.areaType}`),
    month: p.month,
    loss: formatRate(p.lossRate),
    norm: formatRate(p.norm),
    monthKwh: kwh(p.monthKwh),
    baselineKwh: kwh(p.baselineAvgKwh),
    drop: formatRate(p.drop),
  });
}

/** A reason's name: its rule's text when the rule set is at hand, else its family, else its code. */
export function reasonName(r: Pick<StoredReason, 'code' | 'family'>, translate: Translate, ruleName?: (code: string) => string | undefined): string {
  return ruleName?.(r.code) ?? translate(`flags.family.${r.family}`, { _: r.code });
}
