import { Box, Chip, LinearProgress, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { Judgement } from './useCaseQueries';
import { EmptyState } from '../../../ui/LoadStates';
import { SectionCard } from '../../../ui/SectionCard';
import { enumLabel } from '../caseEnums';
import { localizedText } from './localizedText';
import { formatRate } from '../../flags/flagModel';
import { explainReason } from '../../flags/flagExplanation';
import { FlagEvidenceCharts } from '../../flags/FlagEvidenceCharts';

/**
 * 系统初判: suspicion score, reasons with weights, their explanation in words and, with the customer's account, small
 * charts of the data behind them (#21 item 4), suggested check items, rule-set version.
 */
export function CaseJudgementPanel({ judgement, accountNo }: { judgement: Judgement | null; accountNo?: string | null }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <SectionCard
      title="resources.cases.judgement.title"
      action={judgement && <Chip size="small" variant="outlined" label={translate('resources.cases.judgement.ruleSet', { version: judgement.ruleSetVersion })} />}
      data-testid="case-judgement"
    >
      {!judgement ? (
        <EmptyState message="resources.cases.judgement.none" />
      ) : (
        <Stack spacing={2}>
          <Box>
            <Stack direction="row" justifyContent="space-between" alignItems="baseline">
              <Typography variant="body2">{translate('resources.cases.judgement.score')}</Typography>
              <Typography variant="h6" component="span">
                {judgement.score} / 100
              </Typography>
            </Stack>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, Math.max(0, judgement.score))}
              color={judgement.score >= 70 ? 'error' : judgement.score >= 40 ? 'warning' : 'primary'}
              sx={{ height: 8, borderRadius: 4 }}
            />
            <Typography variant="caption" color="text.secondary">
              {translate('resources.cases.fields.priority')}：{translate(enumLabel('priority', judgement.priority))}
            </Typography>
            {judgement.expectedRate !== undefined && (
              <Typography variant="caption" color="text.secondary" display="block" data-testid="case-expected-rate">
                {translate('flags.expectedRateValue', { rate: formatRate(judgement.expectedRate) })}
              </Typography>
            )}
          </Box>
          <Box>
            <Typography variant="subtitle2">{translate('resources.cases.judgement.reasons')}</Typography>
            {judgement.reasons.length === 0 ? (
              <EmptyState message="resources.cases.judgement.noReasons" />
            ) : (
              <List dense disablePadding>
                {judgement.reasons.map((r) => {
                  const explanation = explainReason(r, locale);
                  return (
                    <ListItem key={r.code} disableGutters sx={{ display: 'block' }} data-testid="case-judgement-reason">
                      <Stack direction="row" spacing={1} alignItems="flex-start" justifyContent="space-between">
                        <ListItemText
                          primary={localizedText(r, locale)}
                          secondary={
                            <>
                              {explanation && <Typography component="span" variant="body2" display="block" data-testid="reason-explanation">{explanation}</Typography>}
                              {r.expectedRate === undefined ? r.code : `${r.code} · ${translate('flags.expectedRateValue', { rate: formatRate(r.expectedRate) })}`}
                            </>
                          }
                        />
                        <Chip size="small" label={`+${r.weight}`} />
                      </Stack>
                      {accountNo && <FlagEvidenceCharts accountNo={accountNo} reason={r} judgedMonth={null} />}
                    </ListItem>
                  );
                })}
              </List>
            )}
          </Box>
          <Box>
            <Typography variant="subtitle2">{translate('resources.cases.judgement.checkItems')}</Typography>
            <List dense disablePadding>
              {judgement.checkItems.map((c) => (
                <ListItem key={c.code} disableGutters>
                  <ListItemText primary={localizedText(c, locale)} secondary={c.code} />
                </ListItem>
              ))}
            </List>
          </Box>
        </Stack>
      )}
    </SectionCard>
  );
}
