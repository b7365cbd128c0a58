import { earliestEffectiveDate, PublishVersionButton, type PublishableResource } from '../../ui/PublishVersionButton';
import type { RuleSetKind } from './RuleVersionCases';

/** Today on the China calendar, YYYY-MM-DD: the earliest effective date, proposed for a new penalty draft. */
export const chinaToday = () => earliestEffectiveDate();

const RESOURCE: Record<RuleSetKind, PublishableResource> = { judgement: 'judgement-rule-sets', penalty: 'penalty-rule-sets' };

/** Publishes a judgement or penalty rule-set draft from a chosen date (today or later, China calendar). */
export function PublishRuleSetButton({ kind, version, proposedDate }: { kind: RuleSetKind; version: string; proposedDate?: string }) {
  return (
    <PublishVersionButton
      resource={RESOURCE[kind]}
      version={version}
      proposedDate={proposedDate}
      texts={{
        button: 'resources.judgement-rule-sets.publish.button',
        title: 'resources.judgement-rule-sets.publish.title',
        hint: kind === 'penalty' ? 'resources.penalty-rule-sets.publishHint' : 'resources.judgement-rule-sets.publish.hint',
        dateLabel: 'resources.penalty-rule-sets.fields.effectiveFrom',
        dateHelp: 'resources.penalty-rule-sets.effectiveHelp',
        confirm: 'resources.judgement-rule-sets.publish.confirm',
        done: 'resources.judgement-rule-sets.publish.done',
      }}
    />
  );
}
