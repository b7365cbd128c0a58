import { useState } from 'react';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useTranslate } from 'react-admin';
import { parseNotice, type ParsedNotice } from './noticeParser';

const K = 'resources.calendar.editor';

/** Pasting the State Council's notice: its numbered lines become the draft's ranges and make-up days. */
export function NoticePaste({ year, onRead }: { year: number; onRead(parsed: ParsedNotice): void }) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ParsedNotice | null>(null);
  const read = () => {
    const parsed = parseNotice(text, year);
    setResult(parsed);
    if (parsed.holidays.length > 0) onRead(parsed);
  };
  return (
    <Accordion disableGutters variant="outlined" data-testid="notice-paste">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>{translate(`${K}.paste`)}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Stack spacing={1}>
          <Typography variant="body2" color="text.secondary">
            {translate(`${K}.pasteHint`)}
          </Typography>
          <TextField
            multiline
            minRows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            label={translate(`${K}.paste`)}
            slotProps={{ htmlInput: { 'data-testid': 'notice-text' } }}
          />
          <Box>
            <Button onClick={read} disabled={!text.trim()} data-testid="notice-read">
              {translate(`${K}.pasteRead`)}
            </Button>
          </Box>
          {result && (
            <Alert severity={result.holidays.length === 0 ? 'warning' : result.unread.length ? 'info' : 'success'} data-testid="notice-result">
              {result.holidays.length === 0
                ? translate(`${K}.pasteNothing`)
                : translate(`${K}.pasteDone`, { holidays: result.holidays.length, workdays: result.makeups.length })}
              {result.unread.length > 0 && <div>{translate(`${K}.pasteUnread`, { lines: result.unread.join('；') })}</div>}
            </Alert>
          )}
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}
