import { useState } from 'react';
import { Alert, Autocomplete, TextField, Typography } from '@mui/material';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { errorMessage, fieldErrorsOf, useRecordAction } from '../content/useRecordAction';
import { ActionDialog } from '../content/ActionDialog';

export interface PersonOption {
  id: string;
  displayName: string;
  role: string;
  orgUnitId: string;
  orgUnitName?: string | null;
  devices?: string[];
}

export interface TerminalBindDialogProps {
  terminalId: string;
  /** Who holds it now: binding someone else replaces them (the history keeps both). */
  boundUser: string | null;
  /**
   * Who to preselect: the person who registered a waiting terminal from the terminal app (usually its user). Only
   * an active person of the personnel list is preselected; the admin may pick anyone else.
   */
  suggestedUser?: string | null;
  open: boolean;
  onClose: () => void;
}

/** Problem codes of a refused binding that the catalogue words itself (resources.terminals.problems.<code>). */
const CODED = new Set(['device.key-missing']);

/** The refusal to show: the catalogue's text for a known problem code, else the server's `detail`. */
function refusalOf(error: unknown, translate: (key: string, options?: object) => string, terminalId: string): unknown {
  const code = (error as { body?: { code?: unknown } } | null)?.body?.code;
  if (typeof code !== 'string' || !CODED.has(code)) return error;
  return new Error(translate(`resources.terminals.problems.${code}`, { id: terminalId, _: errorMessage(error) }));
}

/**
 * Pick an active person of the caller's unit (searched by name or username) and bind the terminal
 * to them. The API refuses unknown or inactive people (422) and people outside the unit (403); the
 * reason shows in the dialog, which stays open; a terminal registered without its key (422 device.key-missing) is
 * told in the catalogue's words, with what to do. Each opening starts with an empty search.
 */
export function TerminalBindDialog(props: TerminalBindDialogProps) {
  return props.open ? <BindForm {...props} /> : null;
}

function BindForm({ terminalId, boundUser, suggestedUser, onClose }: TerminalBindDialogProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const mutation = useRecordAction('terminals');
  const [search, setSearch] = useState('');
  // undefined: nothing picked yet (the suggestion stands); null: cleared by the admin
  const [picked, setPicked] = useState<PersonOption | null | undefined>(undefined);
  const people = useGetList<PersonOption>('personnel', {
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'displayName', order: 'ASC' },
    filter: { active: true, ...(search.trim() ? { q: search.trim() } : {}) },
  });
  const suggestion = useGetList<PersonOption>(
    'personnel',
    { pagination: { page: 1, perPage: 1 }, sort: { field: 'displayName', order: 'ASC' }, filter: { active: true, id: suggestedUser } },
    { enabled: !!suggestedUser && suggestedUser !== boundUser },
  );
  const suggested = suggestedUser && suggestedUser !== boundUser ? suggestion.data?.find((p) => p.id === suggestedUser) ?? null : null;
  const person = picked === undefined ? suggested : picked;
  const options = person && !(people.data ?? []).some((p) => p.id === person.id) ? [person, ...(people.data ?? [])] : people.data ?? [];
  const t = (k: string, o?: object) => translate(`resources.terminals.bind.${k}`, o);
  const fieldError = mutation.isError ? fieldErrorsOf(mutation.error).username : undefined;
  const send = () => {
    if (!person) return;
    mutation.mutate(
      { id: terminalId, action: 'bind', body: { username: person.id } },
      {
        onSuccess: () => {
          notify('resources.terminals.bind.done', { type: 'success', messageArgs: { name: person.displayName } });
          onClose();
        },
      },
    );
  };
  const label = (p: PersonOption) => `${p.displayName}（${p.id}）· ${translate(`app.roles.${p.role}`, { _: p.role })} · ${p.orgUnitName ?? p.orgUnitId}`;
  return (
    <ActionDialog
      title={t('title', { id: terminalId })}
      testId="terminal-bind-form"
      error={mutation.isError ? refusalOf(mutation.error, translate, terminalId) : null}
      refusedLabel="resources.terminals.bind.refused"
      submitLabel={t('submit')}
      pending={mutation.isPending}
      canSubmit={!!person}
      onSubmit={send}
      onClose={onClose}
    >
      {suggested && picked === undefined && (
        <Typography variant="body2" color="text.secondary" data-testid="terminal-bind-suggested">
          {t('suggested', { name: suggested.displayName, user: suggested.id })}
        </Typography>
      )}
      {boundUser && (
        <Typography variant="body2" color="warning.main" data-testid="terminal-bind-replaces">
          {t('replaces', { user: boundUser })}
        </Typography>
      )}
      {people.error ? (
        <Alert severity="error">{errorMessage(people.error)}</Alert>
      ) : (
        <Autocomplete
          options={options}
          loading={people.isPending}
          value={person}
          onChange={(_, v) => setPicked(v)}
          onInputChange={(_, v, reason) => reason === 'input' && setSearch(v)}
          filterOptions={(x) => x}
          getOptionLabel={label}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          getOptionDisabled={(p) => p.id === boundUser}
          noOptionsText={translate('ra.navigation.no_results')}
          renderInput={(params) => <TextField {...params} label={t('person')} required autoFocus error={!!fieldError} helperText={fieldError ?? t('helper')} />}
        />
      )}
    </ActionDialog>
  );
}
