import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { enumLabel } from '../caseEnums';

const COLORS = { 0: 'default', 1: 'warning', 2: 'error', 3: 'error' } as const;

/** 0 = not escalated; 1–3 = 一级/二级/三级督办. */
export function EscalationTierChip({ tier }: { tier: number }) {
  const translate = useTranslate();
  const t = (tier in COLORS ? tier : 0) as keyof typeof COLORS;
  return (
    <Chip
      size="small"
      color={COLORS[t]}
      variant={t === 3 ? 'filled' : 'outlined'}
      label={translate(enumLabel('escalationTier', t))}
      data-testid="escalation-tier"
      data-tier={t}
    />
  );
}
