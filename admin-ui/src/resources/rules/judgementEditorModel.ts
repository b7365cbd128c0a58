import type { ApiResponse } from '../../data/api';
import { valuesOf } from '../../data/enumValues';
import type { FieldPatterns } from './serverErrorMapping';

/** A judgement rule set as GET /api/judgement-rule-sets/:version answers it. */
export type JudgementRuleSetRecord = ApiResponse<'/api/judgement-rule-sets/{version}'>;
export type JudgementRuleSetDocument = JudgementRuleSetRecord['document'];
type JudgementRule = JudgementRuleSetDocument['rules'][number];

export const RULE_KINDS = valuesOf<JudgementRule['kind']>()(['consumption_level', 'consumption_drop', 'zero_consumption', 'capacity_exceeded', 'meter_events']);
export const ANOMALY_TYPES = valuesOf<JudgementRule['anomalyType']>()(['tariff_misuse', 'theft', 'zero_consumption', 'over_capacity', 'whitelist_large', 'meter_tamper']);

/** A rule in the editor: what every kind of rule has, and its params as JSON text (each kind has its own). */
export type EditorRule = Omit<JudgementRule, 'params'> & { paramsJson: string };
export type JudgementEditorValues = Omit<JudgementRuleSetDocument, 'rules'> & { rules: EditorRule[] };
/** The document as the editor sends it: each rule's params as typed, for the server to check against its kind. */
export type EditedDocument = Omit<JudgementRuleSetDocument, 'rules'> & { rules: (Omit<JudgementRule, 'params'> & { params: unknown })[] };

/** The inputs of the judgement rule-set editor, in screen order (see serverErrorMapping). */
export const JUDGEMENT_EDITOR_FIELDS: FieldPatterns = [
  'version',
  'source',
  'priorityThresholds.urgent',
  'priorityThresholds.high',
  'priorityThresholds.normal',
  'campaignMinScore',
  'rules.*.code',
  'rules.*.kind',
  'rules.*.anomalyType',
  'rules.*.weight',
  'rules.*.textZh',
  'rules.*.textEn',
  'rules.*.params:paramsJson',
  'rules.*.checkItems.*.code',
  'rules.*.checkItems.*.textZh',
  'rules.*.checkItems.*.textEn',
];

/** A stored document as editor values; `version` cleared when it becomes the base of a new version. */
export function toEditorValues(doc: EditedDocument, opts: { newVersion?: string } = {}): JudgementEditorValues {
  return {
    ...doc,
    version: opts.newVersion ?? doc.version,
    rules: doc.rules.map(({ params, ...rule }) => ({ ...rule, paramsJson: JSON.stringify(params, null, 2) })),
  };
}

/** Editor values as the document POST /api/judgement-rule-sets takes (the server validates the rest). */
export function fromEditorValues(v: JudgementEditorValues): EditedDocument {
  return {
    version: v.version?.trim(),
    source: v.source,
    priorityThresholds: v.priorityThresholds,
    campaignMinScore: v.campaignMinScore,
    rules: (v.rules ?? []).map(({ paramsJson, ...rule }) => ({ ...rule, checkItems: rule.checkItems ?? [], params: parseParams(paramsJson) })),
  };
}

/** Parsed params, or the text itself when it is not a JSON object (the input's own check reports it first). */
export function parseParams(text: string | undefined): unknown {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return v;
  } catch {
    return text;
  }
}

/** Input-level check of a params box: a JSON object. */
export const validParamsJson = (text: unknown) => {
  const v = parseParams(typeof text === 'string' ? text : '');
  return v && typeof v === 'object' && !Array.isArray(v) ? undefined : 'resources.judgement-rule-sets.validation.paramsJson';
};

/** Suggests the next version name: "jicha-default-2026.1" → "jicha-default-2026.2"; otherwise "-2". */
export function nextVersion(version: string): string {
  const m = /^(.*?)(\d+)$/.exec(version);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${version}-2`;
}
