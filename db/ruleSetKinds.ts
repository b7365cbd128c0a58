import { z } from 'zod';
import { JudgementRuleSet } from '../domain/judgementRules';
import { PenaltyRuleSet } from '../domain/penalty';
import { AssessmentRuleSetDocument } from '../domain/assessmentRules';
import { CasePolicy } from '../domain/casePolicy';

/** What a manager edits in a penalty rule-set draft: the version and the effective date are the lifecycle's. */
export const PenaltyRuleSetDocument = PenaltyRuleSet.pick({ source: true, rules: true });
export type PenaltyRuleSetDocument = z.infer<typeof PenaltyRuleSetDocument>;

/**
 * How each kind of rule set is stored. The lifecycle SQL (db/ruleSets.ts) takes its table and column names from here
 * only — a fixed whitelist, never from a request. The tables grew separately, hence the differences:
 * - `effective`: `date` columns hold the China-calendar day; assessment's `timestamptz` holds that day's midnight in
 *   China time (migration 030), so it is written and read through Asia/Shanghai.
 * - `proposesDate`: a penalty draft carries a proposed effective date (not null in its table), the default when it is
 *   published; the other kinds' drafts have none.
 * - the document's columns: judgement keeps the whole document in `document`; penalty splits it into `source` and
 *   `rules`; assessment keeps the whole document and copies its name into `name`; a case policy (deadlines,
 *   escalation, evidence rules; migration 056) keeps the whole document in `policy`, its `effective_from` a
 *   `timestamptz` like assessment's.
 */
interface KindSpec<Doc> {
  table: 'judgement_rule_sets' | 'penalty_rule_sets' | 'assessment_rule_sets' | 'case_policies';
  effective: 'date' | 'instant';
  proposesDate: boolean;
  documentColumns: readonly string[];
  schema: z.ZodType<Doc>;
  /** Values for `documentColumns`, in order (jsonb columns as JSON text). */
  toColumns(doc: Doc): unknown[];
  /** The document as read back, before the schema parses it. */
  fromColumns(row: Record<string, unknown>): unknown;
}

const spec = <Doc>(s: KindSpec<Doc>) => s;

export const RULE_SET_KINDS = {
  judgement: spec<JudgementRuleSet>({
    table: 'judgement_rule_sets', effective: 'date', proposesDate: false, documentColumns: ['document'], schema: JudgementRuleSet,
    toColumns: (d) => [JSON.stringify(d)], fromColumns: (r) => r.document,
  }),
  penalty: spec<PenaltyRuleSetDocument>({
    table: 'penalty_rule_sets', effective: 'date', proposesDate: true, documentColumns: ['source', 'rules'], schema: PenaltyRuleSetDocument,
    toColumns: (d) => [d.source, JSON.stringify(d.rules)], fromColumns: (r) => ({ source: r.source, rules: r.rules }),
  }),
  assessment: spec<AssessmentRuleSetDocument>({
    table: 'assessment_rule_sets', effective: 'instant', proposesDate: false, documentColumns: ['name', 'document'], schema: AssessmentRuleSetDocument,
    toColumns: (d) => [d.name, JSON.stringify(d)], fromColumns: (r) => r.document,
  }),
  casePolicy: spec<CasePolicy>({
    table: 'case_policies', effective: 'instant', proposesDate: false, documentColumns: ['policy'], schema: CasePolicy,
    toColumns: (d) => [JSON.stringify(d)], fromColumns: (r) => r.policy,
  }),
};

export type RuleSetKind = keyof typeof RULE_SET_KINDS;
export type RuleSetDocument<K extends RuleSetKind> = (typeof RULE_SET_KINDS)[K] extends KindSpec<infer Doc> ? Doc : never;
