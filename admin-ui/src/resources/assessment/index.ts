import RuleIcon from '@mui/icons-material/FactCheckOutlined';
import RankingIcon from '@mui/icons-material/LeaderboardOutlined';
import { AssessmentRuleSetCreate, AssessmentRuleSetEdit, AssessmentRuleSetList, AssessmentRuleSetShow } from './AssessmentRuleSetPages';
import { AssessmentRankingsPage } from './AssessmentRankingsPage';

export const ASSESSMENT_RULE_SETS_RESOURCE = 'assessment-rule-sets';
export const ASSESSMENT_RANKINGS_RESOURCE = 'assessment-rankings';

/** Resource `assessment-rule-sets` (考核细则): drafts edited in place, what-if preview, publish with an effective date. */
export const assessmentRuleSets = {
  list: AssessmentRuleSetList,
  show: AssessmentRuleSetShow,
  create: AssessmentRuleSetCreate,
  edit: AssessmentRuleSetEdit,
  icon: RuleIcon,
};

/** Resource `assessment-rankings` (考核排名): a month's ranking, each party's breakdown, the month's close. */
export const assessmentRankings = {
  list: AssessmentRankingsPage,
  icon: RankingIcon,
};
