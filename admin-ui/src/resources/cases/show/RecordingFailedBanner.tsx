import { Alert, AlertTitle } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../../../format/dateTime';
import { enumLabel, type RecordingFailure } from '../caseEnums';

/**
 * The database refused an event of this case (e.g. text with a NUL): the log holds a "recording failed" placeholder
 * in its place and the case went on; supervisors were notified. Shown above every tab so nobody reads the log as
 * complete without knowing.
 */
export function RecordingFailedBanner({ failure }: { failure: RecordingFailure }) {
  const translate = useTranslate();
  const event = translate(enumLabel('eventType', failure.eventType), { _: failure.eventType });
  return (
    <Alert severity="error" variant="outlined" data-testid="recording-failed">
      <AlertTitle>{translate('resources.cases.recordingFailed.title')}</AlertTitle>
      {translate(`resources.cases.recordingFailed.codes.${failure.code}`, {
        _: `${failure.code} · ${failure.eventType} #${failure.seq} · SQLSTATE ${failure.sqlState}`,
        seq: failure.seq,
        event,
        time: formatDateTime(failure.at),
        sqlState: failure.sqlState,
      })}
      {failure.total > 1 && ` ${translate('resources.cases.recordingFailed.total', { smart_count: failure.total })}`}
    </Alert>
  );
}
