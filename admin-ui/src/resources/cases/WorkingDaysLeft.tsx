import { Chip, Stack, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { deadlineLabel, deadlineText, type CaseDeadlineFacts } from './workingDays';

/** The case's remaining working days (or its deadline in China time), with a 暂定 tag when the deadline is provisional. */
export function WorkingDaysLeft({ facts }: { facts: CaseDeadlineFacts }) {
  const translate = useTranslate();
  const label = deadlineLabel(facts);
  const text = deadlineText(label, translate);
  if (!text || label.kind === 'none') return null;
  const color = label.kind === 'at' ? 'default' : label.tone;
  return (
    <Stack direction="row" spacing={0.5} alignItems="center" component="span" data-testid="working-days-left" data-kind={label.kind}>
      <Chip size="small" variant={color === 'default' ? 'outlined' : 'filled'} color={color} label={text} data-testid="working-days-label" />
      {label.provisional && (
        // describeChild: the tag keeps its name (暂定); the hint is its description, read when it takes the focus
        <Tooltip title={translate('resources.calendar.deadline.provisionalHint')} describeChild>
          <Chip
            size="small"
            variant="outlined"
            color="warning"
            label={translate('resources.calendar.deadline.provisional')}
            tabIndex={0}
            data-testid="deadline-provisional"
          />
        </Tooltip>
      )}
    </Stack>
  );
}
