import { Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { FlagReasons } from './FlagReasons';
import { formatRate } from './flagModel';
import { useStoredJudgement } from './useStoredFlags';

/** 每日初判 in the customer 360: score, 预计查实率 and reasons as the stored daily run recorded them (no judging on the spot). */
export function StoredJudgementSection({ accountNo }: { accountNo: string }) {
  const translate = useTranslate();
  const q = useStoredJudgement(accountNo);
  return (
    <SectionCard title="flags.stored.title" data-testid="stored-judgement">
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : !q.data.run ? (
        <Typography variant="body2" color="text.secondary">{translate('flags.stored.noRun')}</Typography>
      ) : !q.data.judgement ? (
        <Typography variant="body2" data-testid="stored-not-flagged">
          {translate('flags.stored.notFlagged', { version: q.data.run.ruleSetVersion, month: q.data.run.asOfMonth })}
        </Typography>
      ) : (
        <Stack spacing={1}>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap alignItems="center">
            <Chip
              color={q.data.judgement.score >= 60 ? 'error' : q.data.judgement.score >= 30 ? 'warning' : 'default'}
              label={translate('resources.customers.judgement.score', { score: q.data.judgement.score })}
            />
            <Chip color="primary" variant="outlined" data-testid="stored-expected-rate" label={translate('flags.expectedRateValue', { rate: formatRate(q.data.judgement.expectedRate) })} />
            <Typography variant="body2" color="text.secondary">
              {translate('flags.stored.basis', { version: q.data.run.ruleSetVersion, month: q.data.run.asOfMonth, at: q.data.run.completedAt ? formatDateTime(q.data.run.completedAt) : '—' })}
            </Typography>
          </Stack>
          <FlagReasons reasons={q.data.judgement.reasons} charts={{ accountNo, judgedMonth: q.data.judgement.asOfMonth }} />
        </Stack>
      )}
    </SectionCard>
  );
}
