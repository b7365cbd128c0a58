import { PublishVersionButton } from '../../ui/PublishVersionButton';

const R = 'resources.assessment-rule-sets';

/** Publishes a draft from an effective date on (today or later, China calendar); the version is frozen from then. */
export function PublishAssessmentButton({ version }: { version: string }) {
  return (
    <PublishVersionButton
      resource="assessment-rule-sets"
      version={version}
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
