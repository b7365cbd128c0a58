// 规则版本使用: which judgement and penalty rule-set version each case used, and how many cases used each.
export { casesUsingVersion, ruleVersionUsage } from '../../db/ruleUsage';
