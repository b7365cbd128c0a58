import type pg from 'pg';
import { withTransaction } from '../../db/pool';
import { deleteDraft, getRuleSet, insertDraft, listRuleSets, publishDraft, ruleSetInForceOn, updateDraft, type DraftInput, type RuleSetRecord } from '../../db/ruleSets';
import { RULE_SET_KINDS, type RuleSetDocument, type RuleSetKind } from '../../db/ruleSetKinds';
import { chinaDay, earliestEffectiveDay, isAllowedEffectiveDay } from './effectiveDate';
import { accepted, refused, type RuleSetOutcome } from './outcome';

/** A version as the lifecycle returns it: the stored record, and whether it is the version in force now. */
export interface RuleSetView<Doc> extends RuleSetRecord<Doc> {
  inForce: boolean;
}

/**
 * The one lifecycle of versioned rule sets: draft → edited while a draft → published from an effective day (today or
 * later, China calendar: effectiveDate.ts) → frozen (refused here, and by a trigger in the table). The version in
 * force at an instant or on a day is the published one with the latest effective day at or before that day; one
 * version per effective day.
 */
export interface RuleSetLifecycle<Doc> {
  readonly kind: RuleSetKind;
  /** Drafts first, then published versions by effective day, newest first. */
  list(): Promise<RuleSetView<Doc>[]>;
  get(version: string): Promise<RuleSetOutcome<RuleSetView<Doc>>>;
  createDraft(version: string, draft: DraftInput<Doc>, by: string): Promise<RuleSetOutcome<RuleSetView<Doc>>>;
  updateDraft(version: string, draft: DraftInput<Doc>, by: string): Promise<RuleSetOutcome<RuleSetView<Doc>>>;
  /** From `effectiveFrom`, else the draft's proposed day (penalty), else today. */
  publish(version: string, effectiveFrom: string | undefined, by: string): Promise<RuleSetOutcome<RuleSetView<Doc>>>;
  /** Discards a draft (a published version is never removed: results name it). */
  deleteDraft(version: string): Promise<RuleSetOutcome<{ version: string }>>;
  /** What judgement (case opening), penalty (detection day) and scoring (closure) compute with. */
  inForceAt(at: Date | string): Promise<RuleSetRecord<Doc> | null>;
}

export interface LifecycleDeps {
  pool: pg.Pool;
  /** The clock "today" comes from (tests move it to a day of their own). */
  now?: () => Date;
}

export function ruleSetLifecycle<K extends RuleSetKind>(kind: K, { pool, now = () => new Date() }: LifecycleDeps): RuleSetLifecycle<RuleSetDocument<K>> {
  type Doc = RuleSetDocument<K>;
  const inForceAt = (at: Date | string) => ruleSetInForceOn(pool, kind, chinaDay(at));
  const views = async (records: RuleSetRecord<Doc>[]): Promise<RuleSetView<Doc>[]> => {
    const current = (await inForceAt(now()))?.version;
    return records.map((r) => ({ ...r, inForce: r.version === current }));
  };
  const view = async (r: RuleSetRecord<Doc>) => accepted((await views([r]))[0]);
  /** Why a draft of that version could not be written: it is gone or published. */
  const notADraft = async <T = RuleSetView<Doc>>(version: string) => refused<T>({ reason: (await getRuleSet(pool, kind, version)) ? 'published' : 'missing', version });
  const requireProposal = (d: DraftInput<Doc>) => {
    if (RULE_SET_KINDS[kind].proposesDate && !d.proposedFrom) throw new Error(`a ${kind} rule-set draft needs a proposed effective date`);
  };

  return {
    kind,
    inForceAt,
    async list() {
      return views(await listRuleSets(pool, kind));
    },
    async get(version) {
      const r = await getRuleSet(pool, kind, version);
      return r ? view(r) : refused({ reason: 'missing', version });
    },
    async createDraft(version, draft, by) {
      requireProposal(draft);
      const r = await insertDraft(pool, kind, version, draft, by);
      return r ? view(r) : refused({ reason: 'version_taken', version });
    },
    async updateDraft(version, draft, by) {
      requireProposal(draft);
      const r = await updateDraft(pool, kind, version, draft, by);
      return r ? view(r) : notADraft(version);
    },
    async deleteDraft(version) {
      return (await deleteDraft(pool, kind, version)) ? accepted({ version }) : notADraft<{ version: string }>(version);
    },
    async publish(version, effectiveFrom, by) {
      const draft = await getRuleSet(pool, kind, version);
      if (!draft) return refused({ reason: 'missing', version });
      if (draft.status === 'published') return refused({ reason: 'published', version });
      const at = now();
      const day = effectiveFrom ?? draft.effectiveFrom ?? earliestEffectiveDay(at);
      if (!isAllowedEffectiveDay(day, at)) return refused({ reason: 'date_not_allowed', version, effectiveFrom: day, earliest: earliestEffectiveDay(at) });
      const out = await withTransaction(pool, (tx) => publishDraft(tx, kind, version, day, by));
      if ('published' in out) return view(out.published);
      if ('dayTakenBy' in out) return refused({ reason: 'date_taken', version, effectiveFrom: day, takenBy: out.dayTakenBy });
      // Published or removed between the read above and the locked transaction.
      return refused({ reason: 'missing' in out ? 'missing' : 'published', version });
    },
  };
}

export type { PenaltyRuleSetDocument } from '../../db/ruleSetKinds';
