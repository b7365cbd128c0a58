import { Chip, List, ListItem, ListItemText, Stack } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatRate, lineLossText, reasonName, type StoredReason } from './flagModel';
import { FlagEvidenceCharts } from './FlagEvidenceCharts';
import { explainReason } from './flagExplanation';

/**
 * A flag's reasons, each with its 预计查实率 and, for station-area line loss, the data behind it; with `charts` (the
 * customer 360) each reason's small charts below it.
 */
export function FlagReasons({ reasons, ruleName, dense = true, charts }: {
  reasons: StoredReason[]; ruleName?: (code: string) => string | undefined; dense?: boolean; charts?: { accountNo: string; judgedMonth: string };
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <List dense={dense} disablePadding data-testid="flag-reasons">
      {reasons.map((r) => (
        <ListItem key={r.code} disableGutters sx={charts ? { display: 'block' } : undefined}>
          <ListItemText
            primary={
              <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                <span>{reasonName(r, translate, ruleName)}</span>
                <Chip size="small" variant="outlined" label={translate('flags.expectedRateValue', { rate: formatRate(r.expectedRate) })} />
              </Stack>
            }
            secondary={lineLossText(r, translate) ?? (r.explanation && explainReason(r.explanation, locale)) ?? `${r.code} · +${r.weight}`}
          />
          {charts && (
            <FlagEvidenceCharts
              accountNo={charts.accountNo}
              reason={r.explanation ? { family: r.family, reasonCode: r.explanation.reasonCode, params: r.explanation.params } : r}
              judgedMonth={charts.judgedMonth}
            />
          )}
        </ListItem>
      ))}
    </List>
  );
}
