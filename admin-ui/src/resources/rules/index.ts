import JudgementIcon from '@mui/icons-material/RuleOutlined';
import PenaltyIcon from '@mui/icons-material/GavelOutlined';
import UsageIcon from '@mui/icons-material/QueryStatsOutlined';
import { JudgementRuleSetList } from './JudgementRuleSetList';
import { JudgementRuleSetShow } from './JudgementRuleSetShow';
import { JudgementRuleSetCreate, JudgementRuleSetEdit } from './JudgementRuleSetCreate';
import { PenaltyRuleSetCreate, PenaltyRuleSetEdit, PenaltyRuleSetList, PenaltyRuleSetShow } from './PenaltyRuleSetPages';
import { RuleUsagePage } from './RuleUsagePage';

export const JUDGEMENT_RULE_SETS_RESOURCE = 'judgement-rule-sets';
export const PENALTY_RULE_SETS_RESOURCE = 'penalty-rule-sets';
export const RULE_VERSIONS_RESOURCE = 'rule-versions';

/** Resource `judgement-rule-sets` (初判规则): versions, a new draft from any version, drafts edited in place, publish from a date. */
export const judgementRuleSets = {
  list: JudgementRuleSetList,
  show: JudgementRuleSetShow,
  create: JudgementRuleSetCreate,
  edit: JudgementRuleSetEdit,
  icon: JudgementIcon,
};

/** Resource `penalty-rule-sets` (违约金规则): versions, drafts edited in place, publish with an effective date. */
export const penaltyRuleSets = {
  list: PenaltyRuleSetList,
  show: PenaltyRuleSetShow,
  create: PenaltyRuleSetCreate,
  edit: PenaltyRuleSetEdit,
  icon: PenaltyIcon,
};

/** Resource `rule-versions` (规则版本使用): which version each case used. */
export const ruleVersions = {
  list: RuleUsagePage,
  icon: UsageIcon,
};
