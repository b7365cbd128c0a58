import { useGetList } from 'react-admin';

export interface RuleSetSummary {
  id: string;
  version: string;
  active: boolean;
  status: 'draft' | 'published';
  document: { campaignMinScore: number; rules: { code: string; textZh: string; textEn: string; weight: number }[] };
}

/** The judgement rule set in force (a campaign picks its rules from it). */
export function useActiveRuleSet() {
  const q = useGetList<RuleSetSummary>('judgement-rule-sets', { pagination: { page: 1, perPage: 100 } });
  return { ...q, active: q.data?.find((r) => r.active) };
}
