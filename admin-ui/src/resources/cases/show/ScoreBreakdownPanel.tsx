import { Box, Chip, Table, TableBody, TableCell, TableFooter, TableHead, TableRow } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { codedText } from '../../../i18n/codedMessages';
import type { CaseLive } from './useCaseQueries';
import { EmptyState } from '../../../ui/LoadStates';
import { SectionCard } from '../../../ui/SectionCard';
import { enumLabel } from '../caseEnums';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** 对标考核: points per party (inspector, station, county) under the scoring rule set. */
export function ScoreBreakdownPanel({ score }: { score: CaseLive['score'] }) {
  const translate = useTranslate();
  const names = usePersonNames();
  const [locale] = useLocaleState();
  const t = (k: string, o?: object) => translate(`resources.cases.score.${k}`, o);
  return (
    <SectionCard
      title="resources.cases.score.title"
      action={score && <Chip size="small" variant="outlined" label={t('ruleSet', { version: score.ruleSetVersion })} />}
      data-testid="case-score"
    >
      {!score ? (
        <EmptyState message="resources.cases.score.none" />
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('party')}</TableCell>
                <TableCell>{t('item')}</TableCell>
                <TableCell align="right">{t('points')}</TableCell>
                <TableCell>{t('reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {score.lines.map((line, i) => (
                <TableRow key={i}>
                  <TableCell>
                    {translate(enumLabel('scoreParty', line.party.kind))} · {line.party.kind === 'inspector' ? names.short(line.party.id) : line.party.id}
                  </TableCell>
                  <TableCell>{translate(`resources.assessment-rule-sets.items.${line.item}`, { _: line.item })}</TableCell>
                  <TableCell align="right" sx={{ color: line.points < 0 ? 'error.main' : undefined }}>
                    {signed(line.points)}
                  </TableCell>
                  <TableCell>{codedText(line.code, line.params, locale) ?? line.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter sx={{ '& .MuiTableCell-root': { color: 'text.primary', fontWeight: 600, fontSize: '0.875rem' } }}>
              <TableRow>
                <TableCell colSpan={2}>{t('total')}</TableCell>
                <TableCell align="right" data-testid="score-total">
                  {signed(score.total)}
                </TableCell>
                <TableCell />
              </TableRow>
            </TableFooter>
          </Table>
        </Box>
      )}
    </SectionCard>
  );
}
