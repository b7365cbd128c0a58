import { useState } from 'react';
import { Autocomplete, Button, Stack, TextField } from '@mui/material';
import { Confirm, useCanAccess, useGetList, useNotify, useTranslate } from 'react-admin';
import { errorMessage, fieldErrorsOf, useRecordAction } from '../content/useRecordAction';
import { ActionDialog } from '../content/ActionDialog';

export interface ConsultationActionsProps {
  record: { id: string; actions?: readonly string[] };
}

/**
 * Answer (supervisors, managers: the text and optionally the regulation it rests on) and close (the
 * asker too). The API's `actions` say what this caller may do now; a refusal shows the server's reason.
 */
export function ConsultationActions({ record }: ConsultationActionsProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const answerAccess = useCanAccess({ resource: 'consultations', action: 'answer' });
  const close = useRecordAction('consultations');
  const [answering, setAnswering] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const canAnswer = !!record.actions?.includes('answer') && !!answerAccess.canAccess;
  const canClose = !!record.actions?.includes('close');
  if (!canAnswer && !canClose) return null;
  const t = (k: string) => translate(`resources.consultations.${k}`);
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap data-testid="consultation-actions">
      {canAnswer && (
        <Button variant="contained" onClick={() => setAnswering(true)} sx={{ minHeight: 44 }}>
          {t('enums.action.answer')}
        </Button>
      )}
      {canClose && (
        <Button variant="outlined" onClick={() => setConfirmClose(true)} disabled={close.isPending} sx={{ minHeight: 44 }}>
          {t('enums.action.close')}
        </Button>
      )}
      {answering && <AnswerDialog id={record.id} onClose={() => setAnswering(false)} />}
      <Confirm
        isOpen={confirmClose}
        title="resources.consultations.closeTitle"
        content="resources.consultations.closeContent"
        loading={close.isPending}
        onClose={() => setConfirmClose(false)}
        onConfirm={() =>
          close.mutate(
            { id: record.id, action: 'close' },
            {
              onSuccess: () => notify('resources.consultations.done', { type: 'success', messageArgs: { action: t('enums.action.close') } }),
              onError: (e) => notify(errorMessage(e), { type: 'error' }),
              onSettled: () => setConfirmClose(false),
            },
          )
        }
      />
    </Stack>
  );
}

interface RegulationOption {
  id: string;
  title: string;
  docNo?: string | null;
}

function AnswerDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const mutation = useRecordAction('consultations');
  const [answer, setAnswer] = useState('');
  const [search, setSearch] = useState('');
  const [regulation, setRegulation] = useState<RegulationOption | null>(null);
  const regulations = useGetList<RegulationOption>('regulations', {
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'effectiveOn', order: 'DESC' },
    filter: search.trim() ? { q: search.trim() } : {},
  });
  const errors = mutation.isError ? fieldErrorsOf(mutation.error) : {};
  const t = (k: string, o?: object) => translate(`resources.consultations.${k}`, o);
  const send = () =>
    mutation.mutate(
      { id, action: 'answer', body: { answer: answer.trim(), ...(regulation ? { regulationId: regulation.id } : {}) } },
      {
        onSuccess: () => {
          notify('resources.consultations.done', { type: 'success', messageArgs: { action: t('enums.action.answer') } });
          onClose();
        },
      },
    );
  return (
    <ActionDialog
      title={t('enums.action.answer')}
      testId="consultation-answer-form"
      error={mutation.isError ? mutation.error : null}
      refusedLabel="resources.consultations.refused"
      submitLabel={t('submit')}
      pending={mutation.isPending}
      canSubmit={answer.trim().length >= 2}
      onSubmit={send}
      onClose={onClose}
    >
      <TextField
        label={t('fields.answer')}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        required
        multiline
        minRows={5}
        fullWidth
        autoFocus
        error={!!errors.answer}
        helperText={errors.answer ?? t('helpers.answer')}
        slotProps={{ htmlInput: { maxLength: 10_000 } }}
      />
      <Autocomplete
        options={regulations.data ?? []}
        loading={regulations.isPending}
        value={regulation}
        onChange={(_, v) => setRegulation(v)}
        onInputChange={(_, v, reason) => reason === 'input' && setSearch(v)}
        filterOptions={(x) => x}
        getOptionLabel={(o) => (o.docNo ? `${o.title}（${o.docNo}）` : o.title)}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        noOptionsText={translate('ra.navigation.no_results')}
        renderInput={(params) => (
          <TextField {...params} label={t('fields.regulationId')} error={!!errors.regulationId} helperText={errors.regulationId ?? t('helpers.regulationId')} />
        )}
      />
    </ActionDialog>
  );
}
