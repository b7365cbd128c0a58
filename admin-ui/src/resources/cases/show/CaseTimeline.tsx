import { Box, Chip, Step, StepLabel, Stepper, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CaseEvent } from './useCaseQueries';
import { formatDateTime } from '../../../format/dateTime';
import { enumLabel, type CaseStage } from '../caseEnums';
import { describeEvent, stageProgress } from './caseTimelineModel';
import { EmptyState } from '../../../ui/LoadStates';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

/** Colour of an event's dot: the clock's events stand out, endings are dark. */
function eventColor(type: string): string {
  if (type === 'escalated') return 'error.main';
  if (type === 'reminded') return 'warning.main';
  if (type === 'dismissed' || type === 'cancelled') return 'grey.700';
  if (type === 'closed' || type === 'verified') return 'success.main';
  if (type === 'note_added') return 'info.main';
  return 'primary.main';
}

/** Stage path with entry times, then every case-log row in order. */
export function CaseTimeline({ events, currentStage }: { events: readonly CaseEvent[]; currentStage: CaseStage }) {
  const translate = useTranslate();
  const names = usePersonNames();
  const steps = stageProgress(events, currentStage);
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const activeStep = steps.findIndex((s) => s.status === 'current');
  return (
    <Box data-testid="case-timeline">
      <Box sx={{ overflowX: 'auto', pb: 1 }}>
        <Stepper
          alternativeLabel
          activeStep={activeStep === -1 ? steps.length : activeStep}
          sx={{ minWidth: 560 }}
          data-testid="stage-progress"
        >
          {steps.map((step) => (
            <Step
              key={step.stage}
              completed={step.status === 'done'}
              disabled={step.status === 'skipped' || step.status === 'pending'}
              data-stage={step.stage}
              data-status={step.status}
            >
              <StepLabel
                optional={
                  <Typography variant="caption" color="text.secondary" component="div">
                    {step.status === 'skipped'
                      ? translate('resources.cases.timeline.skipped')
                      : step.enteredAt
                        ? formatDateTime(step.enteredAt)
                        : ''}
                    {step.entries > 1 && ` · ${translate('resources.cases.timeline.entries', { smart_count: step.entries })}`}
                  </Typography>
                }
              >
                {translate(enumLabel('stage', step.stage))}
              </StepLabel>
            </Step>
          ))}
        </Stepper>
      </Box>

      {ordered.length === 0 ? (
        <EmptyState message="resources.cases.timeline.empty" />
      ) : (
        <Box component="ol" sx={{ listStyle: 'none', m: 0, mt: 2, p: 0 }}>
          {ordered.map((event, i) => {
            const summary = describeEvent(event, translate, names.full);
            return (
              <Box
                component="li"
                key={event.seq}
                data-testid="timeline-event"
                data-event-type={event.type}
                sx={{ display: 'flex', gap: 1.5, position: 'relative', pb: 2 }}
              >
                <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }}>
                  <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: eventColor(event.type), flexShrink: 0 }} />
                  {i < ordered.length - 1 && <Box sx={{ width: 2, flexGrow: 1, bgcolor: 'divider', mt: 0.5 }} />}
                </Box>
                <Box sx={{ minWidth: 0, flexGrow: 1 }}>
                  <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
                    <Typography variant="body2" fontWeight={600}>
                      {translate(enumLabel('eventType', event.type), { _: event.type })}
                    </Typography>
                    <Chip size="small" variant="outlined" label={translate(enumLabel('stage', event.stage))} />
                    <Typography variant="caption" color="text.secondary">
                      {formatDateTime(event.occurredAt)} · {event.actor ? names.short(event.actor) : translate('resources.cases.timeline.system')}
                    </Typography>
                  </Box>
                  {summary && (
                    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {summary}
                    </Typography>
                  )}
                  <Tooltip title={event.hash}>
                    <Typography variant="caption" color="text.disabled" sx={{ fontFamily: 'monospace' }}>
                      #{event.seq} {event.hash.slice(0, 12)}
                    </Typography>
                  </Tooltip>
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
    </Box>
  );
}
