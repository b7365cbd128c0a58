import { useEffect, useRef } from 'react';
import { Box, Typography } from '@mui/material';
import { BooleanInput, CheckboxGroupInput, NumberInput, SelectInput, useSourceContext, useTranslate } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { checkParam, DEFAULT_PARAMS, PARAM_SPECS, paramAt, paramsToForm, type ParamSpec, type RuleKind } from './ruleParamSpecs';

const R = 'resources.judgement-rule-sets';
const GRID = { display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, width: '100%' } as const;
/** Where each picker's Chinese names live (the customer pages' enums, and this page's own). */
const CHOICE_KEYS = {
  tariffCategory: 'resources.customers.enums.tariffCategory',
  status: 'resources.customers.enums.status',
  meterEventKind: 'resources.customers.enums.meterEventKind',
  whitelist: `${R}.enums.whitelist`,
} as const;

function Unit({ unit }: { unit: string }) {
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
      {translate(`${R}.units.${unit}`)}
    </Typography>
  );
}

/** react-admin validator of one parameter: the schema's bounds, said in the user's language. */
const validatorOf = (s: ParamSpec) => (v: unknown) => {
  const e = checkParam(s, v);
  return e ? { message: e.key, args: e.args ?? {} } : undefined;
};
const VALIDATORS = new Map(Object.values(PARAM_SPECS).flat().map((s) => [s, validatorOf(s)]));

function ParamInput({ spec, source }: { spec: ParamSpec; source: string }) {
  const label = `${R}.params.${spec.text ?? spec.name}`;
  const helperText = `${R}.paramHelp.${spec.text ?? spec.name}`;
  const validate = VALIDATORS.get(spec);
  switch (spec.type) {
    case 'number':
      // No min/max on the input: the browser's range check would speak the browser's language; the validator speaks the user's.
      return (
        <NumberInput
          source={source}
          label={label}
          helperText={helperText}
          validate={validate}
          step={spec.integer ? 1 : 'any'}
          slotProps={{ input: { endAdornment: <Unit unit={spec.unit} /> } }}
        />
      );
    case 'multi':
      return (
        <Box sx={{ gridColumn: { sm: 'span 3' } }}>
          <CheckboxGroupInput
            source={source}
            label={label}
            helperText={helperText}
            validate={validate}
            choices={spec.values.map((id) => ({ id, name: `${CHOICE_KEYS[spec.choices]}.${id}` }))}
          />
        </Box>
      );
    case 'select':
      return (
        <SelectInput
          source={source}
          label={label}
          helperText={helperText}
          validate={validate}
          choices={spec.values.map((id) => ({ id, name: `${CHOICE_KEYS[spec.choices]}.${id}` }))}
        />
      );
    case 'boolean':
      return <BooleanInput source={source} label={label} helperText={helperText} />;
  }
}

/**
 * The parameters of one rule as its kind's form. When the rule's kind changes, its parameters start from the
 * built-in values of the new kind (the old kind's parameters mean nothing to it).
 */
export function RuleParamsFields() {
  const { setValue } = useFormContext();
  // Inside the rules' iterator: "kind" is "rules.N.kind" for the watcher; inputs get the prefix themselves.
  const { getSource } = useSourceContext();
  const kind = useWatch({ name: getSource('kind') }) as RuleKind | undefined;
  const first = useRef(kind);
  useEffect(() => {
    if (!kind || kind === first.current) return;
    first.current = kind;
    setValue(getSource('params'), paramsToForm(kind, DEFAULT_PARAMS[kind] as Record<string, unknown>), { shouldDirty: true });
  }, [kind, getSource, setValue]);
  const specs = kind ? PARAM_SPECS[kind] : undefined;
  if (!specs) return null;
  return (
    <Box sx={GRID} data-testid="rule-params">
      {specs.map((s) => (
        <ParamInput key={`${kind}.${s.name}`} spec={s} source={`params.${s.name}`} />
      ))}
    </Box>
  );
}

/** A rule's parameters in words, for the version's page: "统计月数 12 个月；月均电量不低于 450 千瓦时；…". */
export function useParamsText() {
  const translate = useTranslate();
  return (kind: RuleKind, params: Record<string, unknown>): string => {
    const specs = PARAM_SPECS[kind];
    if (!specs) return JSON.stringify(params);
    const shown = paramsToForm(kind, params);
    return specs
      .map((s) => {
        const label = translate(`${R}.params.${s.text ?? s.name}`);
        const v = paramAt(shown, s.name);
        switch (s.type) {
          case 'number':
            return v === '' || v === null || v === undefined ? `${label} ${translate(`${R}.anyValue`)}` : `${label} ${String(v)}${s.unit === 'percent' ? '%' : ` ${translate(`${R}.units.${s.unit}`)}`}`;
          case 'multi':
          case 'select':
            return `${label}：${(Array.isArray(v) ? v : [v]).map((x) => translate(`${CHOICE_KEYS[s.choices]}.${String(x)}`, { _: String(x) })).join('、')}`;
          case 'boolean':
            return v ? label : '';
        }
      })
      .filter(Boolean)
      .join('；');
  };
}

/** The rule set's source in the user's words: the built-in set's English note has a Chinese name. */
export function useSourceText() {
  const translate = useTranslate();
  return (source: string) => (source.startsWith('jicha built-in defaults') ? translate(`${R}.sourceDefault`) : source);
}
