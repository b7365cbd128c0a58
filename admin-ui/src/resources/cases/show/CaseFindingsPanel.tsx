import { Alert, Chip, List, ListItem, ListItemIcon, ListItemText, Stack } from '@mui/material';
import PassIcon from '@mui/icons-material/CheckCircleOutline';
import FailIcon from '@mui/icons-material/HighlightOff';
import { useLocaleState, useTranslate } from 'react-admin';
import type { CaseLive, Judgement } from './useCaseQueries';
import { formatDateTime } from '../../../format/dateTime';
import { EmptyState } from '../../../ui/LoadStates';
import { InfoGrid } from '../../../ui/InfoGrid';
import { SectionCard } from '../../../ui/SectionCard';
import { enumLabel } from '../caseEnums';
import { localizedText } from './localizedText';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

/** 现场核查结论: confirmed or not, problem type, checklist, summary, and why evidence is short. */
export function CaseFindingsPanel({
  findings,
  needsReview,
  checkItems = [],
}: {
  findings: CaseLive['findings'];
  needsReview: boolean;
  /** The judgement's suggested check items: name the checklist codes. */
  checkItems?: readonly Judgement['checkItems'][number][];
}) {
  const translate = useTranslate();
  const names = usePersonNames();
  const [locale] = useLocaleState();
  const itemName = (code: string) => {
    const item = checkItems.find((c) => c.code === code);
    return item ? localizedText(item, locale) : code;
  };
  return (
    <SectionCard
      title="resources.cases.findings.title"
      action={
        findings && (
          <Chip
            size="small"
            color={findings.result === 'confirmed' ? 'error' : 'default'}
            label={translate(enumLabel('findingsResult', findings.result))}
          />
        )
      }
      data-testid="case-findings"
    >
      {!findings ? (
        <EmptyState message="resources.cases.findings.none" />
      ) : (
        <Stack spacing={2}>
          {needsReview && <Alert severity="warning">{translate('resources.cases.live.needsReview')}</Alert>}
          <InfoGrid
            items={[
              {
                label: 'resources.cases.findings.problemType',
                value: findings.problemType ? translate(enumLabel('problemType', findings.problemType)) : null,
              },
              { label: 'resources.cases.findings.by', value: `${names.short(findings.by)} · ${formatDateTime(findings.at)}` },
              {
                label: 'resources.cases.findings.lateDays',
                value: translate('resources.cases.findings.days', { smart_count: findings.fieldLateDays }),
              },
              { label: 'resources.cases.findings.summary', value: findings.summary, wide: true },
              ...(findings.justification
                ? [{ label: 'resources.cases.findings.justification', value: findings.justification, wide: true }]
                : []),
            ]}
          />
          {findings.checklist.length > 0 && (
            <List dense disablePadding aria-label={translate('resources.cases.findings.checklist')}>
              {findings.checklist.map((item) => (
                <ListItem key={item.code} disableGutters>
                  <ListItemIcon sx={{ minWidth: 32 }}>
                    {item.passed ? <PassIcon color="success" /> : <FailIcon color="error" />}
                  </ListItemIcon>
                  <ListItemText primary={itemName(item.code)} secondary={item.note} />
                </ListItem>
              ))}
            </List>
          )}
        </Stack>
      )}
    </SectionCard>
  );
}
