import { useState, type ReactNode } from 'react';
import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { personLabel } from './personLabel';
import { usePeople, type PeopleFilter, type PickablePerson } from './usePeople';

export interface PersonPickerProps {
  /** The chosen person's user name (what a step names), or null. */
  value: string | null;
  onChange: (username: string | null) => void;
  /** Whom to offer: a role and the customer's station. */
  filter: PeopleFilter;
  label: ReactNode;
  helperText?: ReactNode;
  error?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  name?: string;
  'data-testid'?: string;
}

/** 李稽查（温泉供电所）· 3 件在办 */
const optionText = (p: PickablePerson, translate: (k: string, o?: object) => string) =>
  `${personLabel(p)} · ${translate('people.openCases', { smart_count: p.openCases })}`;

/**
 * Choose a person by the name people know them by (李稽查), searched by the server in the caller's scope; the value
 * stays the user name the API takes. Most idle first, each with their station and the cases open on them.
 */
export function PersonPicker({ value, onChange, filter, label, helperText, error, required, autoFocus, name, ...rest }: PersonPickerProps) {
  const translate = useTranslate();
  const [input, setInput] = useState('');
  const [chosen, setChosen] = useState<PickablePerson | null>(null);
  const people = usePeople(filter, chosen && input === personLabel(chosen) ? '' : input);
  const options = people.data ?? [];
  const current = value === null ? null : chosen?.id === value ? chosen : options.find((p) => p.id === value) ?? null;
  return (
    <Autocomplete<PickablePerson>
      options={options}
      value={current}
      loading={people.isFetching}
      autoHighlight
      fullWidth
      filterOptions={(x) => x}
      getOptionLabel={(p) => personLabel(p)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_, p) => {
        setChosen(p);
        onChange(p?.id ?? null);
      }}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      noOptionsText={translate(people.error ? 'people.loadError' : 'people.noOptions')}
      loadingText={translate('people.loading')}
      renderOption={({ key, ...li }, p) => (
        <li key={key} {...li} data-person={p.id}>
          <Box>
            <Typography variant="body2" component="span">
              {personLabel(p)}
            </Typography>{' '}
            <Typography variant="caption" component="span" color="text.secondary">
              · {translate('people.openCases', { smart_count: p.openCases })}
            </Typography>
          </Box>
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          name={name}
          label={label}
          required={required}
          autoFocus={autoFocus}
          error={error || !!people.error}
          placeholder={translate('people.placeholder')}
          helperText={people.error ? translate('people.loadError') : helperText ?? (current ? optionText(current, translate) : undefined)}
          inputProps={{ ...params.inputProps, 'data-testid': rest['data-testid'] }}
        />
      )}
    />
  );
}
