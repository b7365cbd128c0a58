import type { AssessmentRuleSetDocument } from './assessmentRules';

/**
 * The pilot's rule set (Xianning, 2016): the audit score weighs 20% of a unit's monthly assessment.
 * db/migrations/030_assessment.sql publishes this very document as version pilot-v1 (a unit test keeps them equal).
 */
export const PILOT_ASSESSMENT_RULE_SET: AssessmentRuleSetDocument = {
  version: 'pilot-v1',
  name: '试点对标考核细则 v1',
  auditWeight: 0.2,
  items: {
    fieldOnTime: { party: 'inspector', points: 2 },
    fieldLateDays: { party: 'inspector', points: -0.5, cap: 5 },
    evidenceComplete: { party: 'inspector', points: 1, incompletePoints: -1 },
    confirmationOverturned: { party: 'inspector', points: -3 },
    rectificationOnTime: { party: 'station', points: 2, latePointsPerDay: -0.5, cap: 5 },
    verificationRounds: { party: 'station', points: -1, cap: 3 },
    escalations: { party: 'county', tierPoints: [-0.5, -1, -2] },
    recoveredAmount: { party: 'station', points: 0.5, cap: 10 },
    customAuditFinding: { party: 'inspector', points: 3 },
    feedbackParticipation: { party: 'inspector', points: 0.5, cap: 2 },
  },
};

/** The pilot rule set is in force from this instant (every case the system can hold closes after it). */
export const PILOT_EFFECTIVE_FROM = '2016-01-01T00:00:00+08:00';
