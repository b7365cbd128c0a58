import { Chip, List, ListItem, ListItemText, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatRate, lineLossText, reasonName, type StoredReason } from './flagModel';

/** A flag's reasons, each with its 预计查实率 and, for station-area line loss, the data behind it. */
export function FlagReasons({ reasons, ruleName, dense = true }: { reasons: StoredReason[]; ruleName?: (code: string) => string | undefined; dense?: boolean }) {
  const translate = useTranslate();
  return (
    <List dense={dense} disablePadding data-testid="flag-reasons">
      {reasons.map((r) => (
        <ListItem key={r.code} disableGutters>
          <ListItemText
            primary={
              <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                <span>{reasonName(r, translate, ruleName)}</span>
                <Chip size="small" variant="outlined" label={translate('flags.expectedRateValue', { rate: formatRate(r.expectedRate) })} />
              </Stack>
            }
            secondary={lineLossText(r, translate) ?? `${r.code} · +${r.weight}`}
          />
        </ListItem>
      ))}
    </List>
  );
}
