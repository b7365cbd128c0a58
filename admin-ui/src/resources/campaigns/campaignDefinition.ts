import type { ApiBody } from '../../data/api';
import { percentToShare } from '../../format/percent';

/** The campaign definition POST /api/campaigns and /api/campaigns/preview take. */
export type CampaignDefinition = ApiBody<'/api/campaigns'>;

/** The create form's values (rules as a list of codes; blank optional fields as '' or null). */
export interface CampaignFormValues {
  name?: string;
  theme?: string | null;
  scope?: string[];
  ruleCodes?: string[];
  minScore?: number | null;
  /** 预计查实率 threshold as a percentage (the API takes a share). */
  minExpectedRatePercent?: number | null;
  caseCap?: number | null;
  batchSize?: number | null;
  asOfMonth?: string | null;
  fieldDeadline?: string | null;
  endsOn?: string | null;
}

const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Form values → the API's definition: blanks dropped, rules as {code} (absent = every rule of the active set). */
export function toDefinition(v: CampaignFormValues): CampaignDefinition {
  const def: CampaignDefinition = {
    name: (v.name ?? '').trim(),
    scope: (v.scope ?? []).map((s) => s.trim()).filter(Boolean),
    caseCap: num(v.caseCap) ?? 0,
  };
  const optional = {
    theme: text(v.theme),
    rules: v.ruleCodes?.length ? v.ruleCodes.map((code) => ({ code })) : undefined,
    minScore: num(v.minScore),
    minExpectedRate: num(v.minExpectedRatePercent) === undefined ? undefined : percentToShare(num(v.minExpectedRatePercent)!),
    batchSize: num(v.batchSize),
    asOfMonth: text(v.asOfMonth),
    fieldDeadline: text(v.fieldDeadline),
    endsOn: text(v.endsOn),
  };
  for (const [k, val] of Object.entries(optional)) if (val !== undefined) (def as unknown as Record<string, unknown>)[k] = val;
  return def;
}

/** Whether a preview is worth asking for (the server would refuse anything less with 400). */
export const previewable = (d: CampaignDefinition) => d.name.length >= 2 && d.scope.length > 0 && d.caseCap >= 1;
