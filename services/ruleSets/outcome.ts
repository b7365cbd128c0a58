/**
 * Why a rule-set lifecycle call was refused — the same reasons for every kind, so the HTTP adapters answer them
 * alike (api/ruleSetHttp.ts).
 */
export type RuleSetRefusal =
  | { reason: 'missing'; version: string }
  /** A new draft under a version that exists already: versions are never overwritten. */
  | { reason: 'version_taken'; version: string }
  /** Editing or publishing a published version: it is frozen. */
  | { reason: 'published'; version: string }
  | { reason: 'date_not_allowed'; version: string; effectiveFrom: string; earliest: string }
  /** Another version is published from that day: one version per effective day. */
  | { reason: 'date_taken'; version: string; effectiveFrom: string; takenBy: string };

export type RuleSetOutcome<T> = { ok: true; value: T } | { ok: false; refusal: RuleSetRefusal };

export const accepted = <T>(value: T): RuleSetOutcome<T> => ({ ok: true, value });
export const refused = <T>(refusal: RuleSetRefusal): RuleSetOutcome<T> => ({ ok: false, refusal });
