import type { ApiResponse } from '../../data/api';
import { valuesOf } from '../../data/enumValues';
import type { FieldPatterns } from './serverErrorMapping';
import { PARAM_SPECS, paramsFromForm, paramsToForm, type EditorParams } from './ruleParamSpecs';

/** A judgement rule set as GET /api/judgement-rule-sets/:version answers it. */
export type JudgementRuleSetRecord = ApiResponse<'/api/judgement-rule-sets/{version}'>;
export type JudgementRuleSetDocument = JudgementRuleSetRecord['document'];
type JudgementRule = JudgementRuleSetDocument['rules'][number];

export const RULE_KINDS = valuesOf<JudgementRule['kind']>()(['consumption_level', 'consumption_drop', 'zero_consumption', 'capacity_exceeded', 'meter_events', 'consumption_trend', 'consumption_norm', 'zero_unexplained', 'area_line_loss', 'zero_signals']);
export const ANOMALY_TYPES = valuesOf<JudgementRule['anomalyType']>()(['tariff_misuse', 'theft', 'zero_consumption', 'over_capacity', 'whitelist_large', 'meter_tamper']);

/**
 * A rule in the editor: what every kind of rule has, its params as its kind's form shows them (ruleParamSpecs), and
 * — in the expert mode only admins see — the same params as JSON text.
 */
export type EditorRule = Omit<JudgementRule, 'params'> & { params: EditorParams; paramsJson?: string };
/** `expert`: the params are edited as JSON (paramsJson) rather than as forms; never sent. */
export type JudgementEditorValues = Omit<JudgementRuleSetDocument, 'rules'> & { rules: EditorRule[]; expert?: boolean };
/** The document as the editor sends it: each rule's params as typed, for the server to check against its kind. */
export type EditedDocument = Omit<JudgementRuleSetDocument, 'rules'> & { rules: (Omit<JudgementRule, 'params'> & { params: unknown })[] };

const PARAM_NAMES = [...new Set(Object.values(PARAM_SPECS).flatMap((specs) => specs.map((s) => s.name)))];

/** The inputs of the judgement rule-set editor, in screen order (see serverErrorMapping); params as forms or as JSON. */
export const judgementEditorFields = (expert: boolean): FieldPatterns =>
  JUDGEMENT_EDITOR_FIELDS.flatMap((f) => (f === 'rules.*.params:paramsJson' && !expert ? PARAM_NAMES.map((n) => `rules.*.params.${n}`) : [f]));

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
    rules: doc.rules.map(({ params, ...rule }) => ({ ...rule, params: paramsToForm(rule.kind, params as Record<string, unknown>) })),
  };
}

/** The params box of the expert mode for a rule of the form, and back. */
export const toParamsJson = (r: EditorRule) => JSON.stringify(paramsFromForm(r.kind, r.params), null, 2);
export function fromParamsJson(r: EditorRule): EditorParams {
  const v = parseParams(r.paramsJson);
  return v && typeof v === 'object' && !Array.isArray(v) ? paramsToForm(r.kind, v as Record<string, unknown>) : r.params;
}

/** Editor values as the document POST /api/judgement-rule-sets takes (the server validates the rest). */
export function fromEditorValues(v: JudgementEditorValues): EditedDocument {
  return {
    version: v.version?.trim(),
    source: v.source,
    priorityThresholds: v.priorityThresholds,
    campaignMinScore: v.campaignMinScore,
    rules: (v.rules ?? []).map(({ paramsJson, params, ...rule }) => ({
      ...rule,
      checkItems: rule.checkItems ?? [],
      params: v.expert ? parseParams(paramsJson) : paramsFromForm(rule.kind, params),
    })),
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
