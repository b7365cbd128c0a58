import { useState } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, Stack, TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import {
  categoryKey, categoryName, emptyPriceDraft, PRICE_MAX, priceErrorKey, serverPriceErrors, toPriceBody, validatePriceDraft,
  type PriceDraft, type PriceField, type PriceFieldError, type ServerFieldError, type TariffEntry,
} from './tariffModel';
import { TARIFFS_KEY } from './useTariffQueries';

const K = 'resources.tariffs.add';
const DATE_SLOT = { inputLabel: { shrink: true } } as const;

type FormError = Omit<PriceFieldError, 'field'> & { field: PriceField | null };

export interface AddTariffPriceDialogProps {
  open: boolean;
  /** The catalogue's categories (the picker's choices). */
  entries: readonly TariffEntry[];
  /** The form's first effective date (the day the screen shows). */
  defaultDate: string;
  /** The category the dialog was opened from, if any. */
  defaultCategory?: string;
  onClose(): void;
}

/**
 * 新增电价版本: a category, an effective date, the price (and the basic fee of a two-part category), the notice it
 * comes from; checked as the API checks it, confirmed, then POSTed. A refusal (409 tariff.price-exists on the date,
 * 422 tariff.unknown-category on the category) is shown on its field in the user's language.
 */
export function AddTariffPriceDialog({ open, entries, defaultDate, defaultCategory = '', onClose }: AddTariffPriceDialogProps) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const [draft, setDraft] = useState<PriceDraft>(() => emptyPriceDraft(defaultDate, defaultCategory));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const category = entries.find((e) => categoryKey(e) === draft.category);
  const text = (e: FormError) => {
    const key = priceErrorKey(e.code);
    return key ? translate(key, { ...e.params, _: e.message ?? e.code }) : (e.message ?? e.code);
  };
  const errorOf = (field: PriceField) => errors.filter((e) => e.field === field).map(text).join(' ') || undefined;
  const general = errors.filter((e) => e.field === null);
  const set = (patch: Partial<PriceDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (errors.length) setErrors(validatePriceDraft(next, entries));
  };

  const close = () => {
    if (busy) return;
    setConfirming(false);
    setErrors([]);
    setDraft(emptyPriceDraft(defaultDate, defaultCategory));
    onClose();
  };

  const askToAdd = () => {
    const found = validatePriceDraft(draft, entries);
    setErrors(found);
    if (found.length === 0) setConfirming(true);
  };

  const add = async () => {
    setBusy(true);
    const body = toPriceBody(draft, entries);
    try {
      await dataProvider.addTariffPrice(body);
      await queryClient.invalidateQueries({ queryKey: TARIFFS_KEY });
      notify(`${K}.added`, { type: 'success', messageArgs: { code: body.code, date: body.effectiveFrom } });
      setBusy(false);
      setConfirming(false);
      setErrors([]);
      setDraft(emptyPriceDraft(defaultDate, defaultCategory));
      onClose();
    } catch (e) {
      const b = (e as { body?: { problemErrors?: ServerFieldError[]; code?: string } }).body;
      const found = serverPriceErrors(b?.problemErrors, b?.code);
      setErrors(found.length ? found : [{ field: null, code: '', message: e instanceof Error ? e.message : String(e) }]);
      setBusy(false);
      setConfirming(false);
    }
  };

  const fieldProps = (field: PriceField) => ({
    error: errors.some((e) => e.field === field),
    helperText: errorOf(field),
    size: 'small' as const,
    fullWidth: true,
  });

  return (
    <Dialog open={open} onClose={close} aria-labelledby="tariff-add-title" fullWidth maxWidth="sm">
      <DialogTitle id="tariff-add-title">{translate(confirming ? `${K}.confirmTitle` : `${K}.title`)}</DialogTitle>
      {confirming && category ? (
        <DialogContent data-testid="tariff-add-confirm">
          <DialogContentText>
            {translate(`${K}.confirmBody`, { name: categoryName(category, locale), code: category.code, date: draft.effectiveFrom, price: draft.price.trim() })}
          </DialogContentText>
          {draft.basicFee.trim() !== '' && <DialogContentText>{translate(`${K}.confirmBasicFee`, { fee: draft.basicFee.trim() })}</DialogContentText>}
          <DialogContentText>{translate(`${K}.confirmSource`, { source: draft.source.trim() })}</DialogContentText>
        </DialogContent>
      ) : (
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }} data-testid="tariff-add-form">
            <DialogContentText>{translate(`${K}.hint`)}</DialogContentText>
            <TextField
              select
              label={translate(`${K}.category`)}
              value={draft.category}
              onChange={(e) => set({ category: e.target.value })}
              slotProps={{ htmlInput: { 'data-testid': 'tariff-add-category' } }}
              {...fieldProps('category')}
            >
              {entries.map((e) => (
                <MenuItem key={categoryKey(e)} value={categoryKey(e)}>
                  {`${categoryName(e, locale)}（${e.province} · ${e.code}）`}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              type="date"
              label={translate(`${K}.effectiveFrom`)}
              value={draft.effectiveFrom}
              onChange={(e) => set({ effectiveFrom: e.target.value })}
              slotProps={{ ...DATE_SLOT, htmlInput: { 'data-testid': 'tariff-add-date' } }}
              {...fieldProps('effectiveFrom')}
            />
            <TextField
              label={translate(`${K}.price`, { max: PRICE_MAX })}
              value={draft.price}
              onChange={(e) => set({ price: e.target.value })}
              slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'tariff-add-price' } }}
              {...fieldProps('price')}
            />
            {(category?.twoPart || draft.basicFee !== '') && (
              <TextField
                label={translate(`${K}.basicFee`)}
                value={draft.basicFee}
                onChange={(e) => set({ basicFee: e.target.value })}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'tariff-add-basic-fee' } }}
                {...fieldProps('basicFee')}
              />
            )}
            <TextField
              label={translate(`${K}.source`)}
              placeholder={translate(`${K}.sourcePlaceholder`)}
              value={draft.source}
              onChange={(e) => set({ source: e.target.value })}
              slotProps={{ htmlInput: { 'data-testid': 'tariff-add-source' } }}
              {...fieldProps('source')}
            />
          </Stack>
        </DialogContent>
      )}
      {general.length > 0 && (
        <Box sx={{ px: 3 }}>
          <Alert severity="error" data-testid="tariff-add-failure">
            {general.map(text).join(' ')}
          </Alert>
        </Box>
      )}
      <DialogActions>
        <Button onClick={confirming ? () => setConfirming(false) : close} disabled={busy}>
          {translate(`${K}.cancel`)}
        </Button>
        {confirming ? (
          <Button variant="contained" onClick={() => void add()} disabled={busy} data-testid="tariff-add-confirm-button">
            {translate(`${K}.confirm`)}
          </Button>
        ) : (
          <Button variant="contained" onClick={askToAdd} disabled={busy} data-testid="tariff-add-submit">
            {translate(`${K}.submit`)}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
