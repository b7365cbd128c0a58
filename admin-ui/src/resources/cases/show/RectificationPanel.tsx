import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { bilingualPart } from '../../../format/bilingual';
import type { CaseLive } from './useCaseQueries';
import { formatDate, formatDateTime } from '../../../format/dateTime';
import { formatYuan } from '../../../format/money';
import { EmptyState } from '../../../ui/LoadStates';
import { InfoGrid } from '../../../ui/InfoGrid';
import { SectionCard } from '../../../ui/SectionCard';
import { enumLabel, type RectificationAction } from '../caseEnums';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

type Rectification = NonNullable<CaseLive['rectification']>;
type PenaltyComputation = Rectification['computations'][number];

function actionDetail(action: RectificationAction, translate: (k: string, o?: object) => string): string {
  switch (action.kind) {
    case 'tariff_reclassification':
      return translate('resources.cases.rectification.reclassify', {
        from: translate(`resources.customers.enums.tariffCategory.${action.fromCategory}`, { _: action.fromCategory }),
        to: translate(`resources.customers.enums.tariffCategory.${action.toCategory}`, { _: action.toCategory }),
        date: formatDate(action.effectiveDate),
      });
    case 'back_billing_and_penalty':
      return translate(enumLabel('problemType', action.penalty.kind));
    default:
      return action.note ?? '';
  }
}

/**
 * The filled-in formula in the user's language: from its code and figures (orders since #17), else the English text
 * the order recorded.
 */
export function formulaText(c: Pick<PenaltyComputation, 'formula' | 'formulaCode' | 'formulaParams'>, translate: (k: string, o?: Record<string, unknown>) => string): string {
  if (!c.formulaCode || !c.formulaParams) return c.formula;
  return translate(`resources.cases.rectification.formulas.${c.formulaCode.split('.').pop()}`, { ...c.formulaParams, _: c.formula });
}

/** The penalty computation table: amounts in ¥, the rule set (version and source), the filled-in formula. */
export function PenaltyComputations({ computations }: { computations: readonly PenaltyComputation[] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = (k: string) => translate(`resources.cases.rectification.${k}`);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="penalty-computations">
        <TableHead>
          <TableRow>
            <TableCell>{t('kind')}</TableCell>
            <TableCell align="right">{t('backBilling')}</TableCell>
            <TableCell align="right">{t('penalty')}</TableCell>
            <TableCell align="right">{t('total')}</TableCell>
            <TableCell>{t('ruleSet')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {computations.map((c, i) => (
            <TableRow key={i}>
              <TableCell>
                {translate(enumLabel('problemType', c.input.kind))}
                {c.usedDefaultPeriod && (
                  <Chip size="small" color="warning" variant="outlined" sx={{ ml: 1 }} label={t('usedDefaultPeriod')} />
                )}
                <Typography variant="caption" display="block" color="text.secondary" sx={{ fontFamily: 'monospace', whiteSpace: 'normal' }}>
                  {formulaText(c, translate)}
                </Typography>
              </TableCell>
              <TableCell align="right">{formatYuan(c.backBillingYuan)}</TableCell>
              <TableCell align="right">{formatYuan(c.penaltyYuan)}</TableCell>
              <TableCell align="right">
                <strong>{formatYuan(c.backBillingYuan + c.penaltyYuan)}</strong>
              </TableCell>
              <TableCell>
                <Typography variant="body2">{c.ruleSetVersion}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {bilingualPart(c.ruleSource, locale)}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** 整改通知单: owner, round, actions, penalty computations and the owner's report. */
export function RectificationPanel({ rectification }: { rectification: Rectification | null }) {
  const translate = useTranslate();
  const names = usePersonNames();
  const t = (k: string, o?: object) => translate(`resources.cases.rectification.${k}`, o);
  return (
    <SectionCard
      title="resources.cases.rectification.title"
      action={rectification && <Chip size="small" label={t('round', { round: rectification.round })} />}
      data-testid="case-rectification"
    >
      {!rectification ? (
        <EmptyState message="resources.cases.rectification.none" />
      ) : (
        <Stack spacing={2}>
          <InfoGrid
            items={[
              { label: 'resources.cases.rectification.owner', value: names.full(rectification.owner) },
              { label: 'resources.cases.rectification.issued', value: `${names.short(rectification.issuedBy)} · ${formatDateTime(rectification.issuedAt)}` },
            ]}
          />
          <Box>
            <Typography variant="subtitle2">{t('actions')}</Typography>
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {rectification.actions.map((a, i) => (
                <li key={i}>
                  <Typography variant="body2">
                    {translate(enumLabel('rectificationAction', a.kind))}
                    {actionDetail(a, translate) && `：${actionDetail(a, translate)}`}
                  </Typography>
                </li>
              ))}
            </Box>
          </Box>
          {rectification.computations.length > 0 && (
            <Box>
              <Typography variant="subtitle2">{t('computations')}</Typography>
              <PenaltyComputations computations={rectification.computations} />
            </Box>
          )}
          <Box>
            <Typography variant="subtitle2" gutterBottom>
              {t('report')}
            </Typography>
            {!rectification.report ? (
              <EmptyState message="resources.cases.rectification.noReport" />
            ) : (
              <InfoGrid
                items={[
                  { label: 'resources.cases.rectification.reportedBy', value: `${names.short(rectification.report.by)} · ${formatDateTime(rectification.report.at)}` },
                  { label: 'resources.cases.rectification.tariffChangedOn', value: rectification.report.tariffChangedOn ? formatDate(rectification.report.tariffChangedOn) : null },
                  // reports before #17 carry a typed amount; since then the amount collected of the computed total, with its receipt
                  {
                    label: 'resources.cases.rectification.amountRecovered',
                    value: rectification.report.amountRecoveredYuan !== undefined ? formatYuan(rectification.report.amountRecoveredYuan) : null,
                  },
                  { label: 'resources.cases.rectification.collected', value: rectification.report.collectedYuan !== undefined ? formatYuan(rectification.report.collectedYuan) : null },
                  { label: 'resources.cases.rectification.receiptNo', value: rectification.report.receiptNo ?? null },
                  { label: 'resources.cases.rectification.lateDays', value: t('days', { smart_count: rectification.report.lateDays }) },
                  { label: 'resources.cases.rectification.summary', value: rectification.report.summary, wide: true },
                ]}
              />
            )}
          </Box>
        </Stack>
      )}
    </SectionCard>
  );
}
