import { useState } from 'react';
import { Alert, Box, Button, IconButton, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowUpIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownIcon from '@mui/icons-material/ArrowDownward';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import type { ProblemType } from '../cases/caseEnums';
import { enumLabel } from '../cases/caseEnums';
import {
  emptyItem, errorKey, ITEMS_MAX, ITEMS_MIN, moveItem, serverErrorsOnRows, toItemsBody, validateItems,
  type ItemError, type ItemField, type MustCheckConfig, type MustCheckItem, type ServerFieldError,
} from './mustCheckModel';
import { MUST_CHECK_KEY } from './useMustCheckQueries';

const K = 'resources.must-check-items';
const FIELDS: readonly ItemField[] = ['code', 'textZh', 'textEn'];

export interface MustCheckEditorProps {
  problemType: ProblemType;
  initial: readonly MustCheckItem[];
  onSaved(config: MustCheckConfig): void;
  onCancel(): void;
}

/**
 * The items of one problem type as editable rows (add, remove, move up and down, edit the code and both texts),
 * checked as the API checks them before the PUT; the API's 422 field errors land on the rows they name.
 */
export function MustCheckEditor({ problemType, initial, onSaved, onCancel }: MustCheckEditorProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const [items, setItems] = useState<MustCheckItem[]>(() => (initial.length ? initial.map((i) => ({ ...i })) : [emptyItem()]));
  const [errors, setErrors] = useState<ItemError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const type = translate(enumLabel('problemType', problemType));

  const text = (e: ItemError) => translate(errorKey(e.code), e.params);
  const update = (next: MustCheckItem[]) => {
    setItems(next);
    // marks follow the rows they concern: checked again on every change once shown
    if (errors.length) setErrors(validateItems(next));
  };
  const setField = (row: number, field: ItemField, value: string) => update(items.map((it, i) => (i === row ? { ...it, [field]: value } : it)));

  const save = async () => {
    setFailure(null);
    const found = validateItems(items);
    setErrors(found);
    if (found.length) {
      setFailure(translate(`${K}.editor.fixErrors`));
      return;
    }
    setBusy(true);
    try {
      const body = toItemsBody(items);
      const saved = await dataProvider.putMustCheckItems(problemType, body);
      await queryClient.invalidateQueries({ queryKey: MUST_CHECK_KEY });
      notify(`${K}.editor.saved`, { type: 'success', messageArgs: { type, smart_count: body.length } });
      onSaved(saved);
    } catch (e) {
      const onRows = serverErrorsOnRows((e as { body?: { problemErrors?: ServerFieldError[] } }).body?.problemErrors);
      setErrors(onRows);
      setFailure(onRows.length ? translate(`${K}.editor.fixErrors`) : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const listErrors = errors.filter((e) => e.row === null);
  return (
    <Stack spacing={1.5} data-testid="must-check-editor" data-problem-type={problemType}>
      <Typography variant="subtitle2">{translate(`${K}.editor.title`, { type })}</Typography>
      {items.map((item, row) => {
        const rowErrors = errors.filter((e) => e.row === row);
        const errorsId = `must-check-errors-${problemType}-${row}`;
        return (
          <Box key={row} data-testid="must-check-row" data-row={row}>
            <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
              <Typography variant="body2" sx={{ width: 24, textAlign: 'right' }}>
                {row + 1}.
              </Typography>
              {FIELDS.map((field) => (
                <TextField
                  key={field}
                  size="small"
                  label={translate(`${K}.fields.${field}`)}
                  value={item[field]}
                  onChange={(e) => setField(row, field, field === 'code' ? e.target.value.toUpperCase() : e.target.value)}
                  error={rowErrors.some((e) => e.field === field)}
                  title={field === 'code' ? translate(`${K}.editor.codeHint`) : undefined}
                  sx={field === 'code' ? { width: 200 } : { flex: 1, minWidth: 200 }}
                  slotProps={{ htmlInput: { 'data-testid': `must-check-${field}`, 'aria-describedby': errorsId } }}
                />
              ))}
              <IconButton aria-label={translate(`${K}.editor.up`)} disabled={row === 0} onClick={() => update(moveItem(items, row, -1))} data-testid="must-check-up">
                <ArrowUpIcon />
              </IconButton>
              <IconButton
                aria-label={translate(`${K}.editor.down`)}
                disabled={row === items.length - 1}
                onClick={() => update(moveItem(items, row, 1))}
                data-testid="must-check-down"
              >
                <ArrowDownIcon />
              </IconButton>
              <IconButton aria-label={translate(`${K}.editor.remove`)} onClick={() => update(items.filter((_, i) => i !== row))} data-testid="must-check-remove">
                <DeleteIcon />
              </IconButton>
            </Stack>
            {rowErrors.length > 0 && (
              <Box id={errorsId} role="alert" sx={{ color: 'error.main', fontSize: 13, mt: 0.5, ml: 4 }} data-testid="row-errors">
                {rowErrors.map((e, i) => (
                  <div key={i} data-code={e.code} data-field={e.field ?? ''}>
                    {text(e)}
                  </div>
                ))}
              </Box>
            )}
          </Box>
        );
      })}
      {listErrors.length > 0 && (
        <Box role="alert" sx={{ color: 'error.main', fontSize: 13 }} data-testid="list-errors">
          {listErrors.map((e, i) => (
            <div key={i} data-code={e.code}>
              {text(e)}
            </div>
          ))}
        </Box>
      )}
      <Stack direction="row" spacing={1} alignItems="center">
        <Button startIcon={<AddIcon />} onClick={() => update([...items, emptyItem()])} disabled={items.length >= ITEMS_MAX} data-testid="must-check-add">
          {translate(`${K}.editor.add`)}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {translate(`${K}.editor.count`, { count: items.length, min: ITEMS_MIN, max: ITEMS_MAX })}
        </Typography>
      </Stack>
      {failure && (
        <Alert severity="error" data-testid="must-check-failure">
          {failure}
        </Alert>
      )}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="must-check-save">
          {translate(`${K}.editor.save`)}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {translate(`${K}.editor.cancel`)}
        </Button>
      </Stack>
    </Stack>
  );
}
