import { chinaDateIn, PublishVersionButton } from '../../ui/PublishVersionButton';

const R = 'resources.assessment-rule-sets';

/** Tomorrow on the China calendar, YYYY-MM-DD: the earliest effective date the API accepts. */
export const chinaTomorrow = (now = new Date()) => chinaDateIn(1, now);

/** Publishes a draft from an effective date on (tomorrow or later); the version is frozen from then. */
export function PublishAssessmentButton({ version }: { version: string }) {
  return (
    <PublishVersionButton
      resource="assessment-rule-sets"
      version={version}
      earliest={chinaTomorrow()}
      texts={{
        button: `${R}.publish.button`,
        title: `${R}.publish.title`,
        hint: `${R}.publish.hint`,
        dateLabel: `${R}.fields.effectiveFrom`,
        dateHelp: `${R}.publish.effectiveHelp`,
        confirm: `${R}.publish.confirm`,
        done: `${R}.publish.done`,
      }}
    />
  );
}
