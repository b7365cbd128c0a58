import { Fragment, useMemo, useState } from 'react';
import {
  Alert, Box, Button, Card, Chip, IconButton, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import { Title, TopToolbar, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { chinaDateIn } from '../../ui/PublishVersionButton';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { DETAIL_PAGE_SX } from '../customers/pageSx';
import { AddTariffPriceDialog } from './AddTariffPriceDialog';
import { categoryKey, categoryName, type TariffEntry, type TariffPrice } from './tariffModel';
import { useTariffHistory, useTariffsOn } from './useTariffQueries';

const K = 'resources.tariffs';
const DATE_SLOT = { inputLabel: { shrink: true } } as const;

const yuan = (n: number | null | undefined, digits: number) => (n === null || n === undefined ? '—' : n.toFixed(digits));

function PriceCells({ price }: { price: TariffPrice | null }) {
  const translate = useTranslate();
  if (!price) {
    return (
      <TableCell colSpan={4} sx={{ color: 'text.secondary' }} data-testid="tariff-no-price">
        {translate(`${K}.values.noPrice`)}
      </TableCell>
    );
  }
  return (
    <>
      <TableCell align="right" data-testid="tariff-price">{yuan(price.priceYuanPerKwh, 4)}</TableCell>
      <TableCell align="right" data-testid="tariff-basic-fee">{yuan(price.basicFeeYuanPerKvaMonth, 2)}</TableCell>
      <TableCell data-testid="tariff-effective-from">{price.effectiveFrom}</TableCell>
      <TableCell>{price.source}</TableCell>
    </>
  );
}

/** The versions of one category, newest first; the one in force on the chosen day is marked. */
function TariffHistory({ entry, inForce }: { entry: TariffEntry; inForce: string | null }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const q = useTariffHistory(entry, true);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Typography variant="body2">{translate(`${K}.history.loading`)}</Typography>;
  if (q.data.length === 0) return <Typography variant="body2">{translate(`${K}.history.empty`)}</Typography>;
  return (
    <Box data-testid="tariff-history">
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {translate(`${K}.history.title`, { name: categoryName(entry, locale) })}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${K}.fields.effectiveFrom`)}</TableCell>
            <TableCell align="right">{translate(`${K}.fields.price`)}</TableCell>
            <TableCell align="right">{translate(`${K}.fields.basicFee`)}</TableCell>
            <TableCell>{translate(`${K}.fields.source`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {q.data.map((v) => (
            <TableRow key={v.effectiveFrom} data-testid="tariff-version" data-effective-from={v.effectiveFrom}>
              <TableCell>
                {v.effectiveFrom}{' '}
                {v.effectiveFrom === inForce && <Chip size="small" color="primary" label={translate(`${K}.history.current`)} />}
              </TableCell>
              <TableCell align="right">{yuan(v.priceYuanPerKwh, 4)}</TableCell>
              <TableCell align="right">{yuan(v.basicFeeYuanPerKvaMonth, 2)}</TableCell>
              <TableCell>{v.source}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export interface TariffCataloguePageProps {
  /** Today on the China calendar (tests give a fixed day). */
  today?: string;
}

/**
 * 电价目录: every category with its code, names and the price in force on a chosen day (today, China time, unless
 * another day is picked), each category's price versions on demand, and for admins and managers 新增电价版本.
 */
export function TariffCataloguePage({ today = chinaDateIn(0) }: TariffCataloguePageProps) {
  const translate = useTranslate();
  const [day, setDay] = useState(today);
  const [province, setProvince] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const { canAccess: mayAdd } = useCanAccess({ resource: 'tariffs', action: 'create' });
  const q = useTariffsOn(day);
  const provinces = useMemo(() => [...new Set((q.data ?? []).map((e) => e.province))], [q.data]);
  const shown = (q.data ?? []).filter((e) => !province || e.province === province);

  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Title title={translate(`${K}.list.title`)} />
      {mayAdd && (
        <TopToolbar>
          <Button startIcon={<AddIcon />} onClick={() => setAdding(true)} disabled={!q.data?.length} data-testid="tariff-add">
            {translate(`${K}.add.button`)}
          </Button>
        </TopToolbar>
      )}
      <Stack direction="row" spacing={2} alignItems="center" useFlexGap flexWrap="wrap">
        <TextField
          type="date"
          size="small"
          label={translate(`${K}.list.on`)}
          value={day}
          onChange={(e) => setDay(e.target.value)}
          slotProps={{ ...DATE_SLOT, htmlInput: { 'data-testid': 'tariff-day' } }}
        />
        {provinces.length > 1 && (
          <TextField select size="small" label={translate(`${K}.list.province`)} value={province} onChange={(e) => setProvince(e.target.value)} sx={{ minWidth: 140 }}>
            <MenuItem value="">{translate(`${K}.list.allProvinces`)}</MenuItem>
            {provinces.map((p) => (
              <MenuItem key={p} value={p}>
                {p}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Typography variant="body2" color="text.secondary">
          {translate(`${K}.list.hint`)}
        </Typography>
      </Stack>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : shown.length === 0 ? (
        <Alert severity="info">{translate(`${K}.list.empty`)}</Alert>
      ) : (
        <Card variant="outlined" sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="tariff-table">
            <TableHead>
              <TableRow>
                {provinces.length > 1 && <TableCell>{translate(`${K}.list.province`)}</TableCell>}
                <TableCell>{translate(`${K}.fields.code`)}</TableCell>
                <TableCell>{translate(`${K}.fields.nameZh`)}</TableCell>
                <TableCell>{translate(`${K}.fields.nameEn`)}</TableCell>
                <TableCell>{translate(`${K}.fields.twoPart`)}</TableCell>
                <TableCell align="right">{translate(`${K}.fields.price`)}</TableCell>
                <TableCell align="right">{translate(`${K}.fields.basicFee`)}</TableCell>
                <TableCell>{translate(`${K}.fields.effectiveFrom`)}</TableCell>
                <TableCell>{translate(`${K}.fields.source`)}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((e) => {
                const key = categoryKey(e);
                const expanded = open === key;
                return (
                  <Fragment key={key}>
                    <TableRow data-testid="tariff-row" data-code={e.code} data-province={e.province}>
                      {provinces.length > 1 && <TableCell>{e.province}</TableCell>}
                      <TableCell sx={{ fontFamily: 'monospace' }}>{e.code}</TableCell>
                      <TableCell>{e.nameZh}</TableCell>
                      <TableCell>{e.nameEn}</TableCell>
                      <TableCell>{translate(`${K}.values.${e.twoPart ? 'twoPart' : 'singlePart'}`)}</TableCell>
                      <PriceCells price={e.price} />
                      <TableCell>
                        <IconButton
                          size="small"
                          aria-label={translate(`${K}.history.${expanded ? 'hide' : 'show'}`)}
                          aria-expanded={expanded}
                          onClick={() => setOpen(expanded ? null : key)}
                          data-testid="tariff-history-toggle"
                        >
                          {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
                        </IconButton>
                      </TableCell>
                    </TableRow>
                    {expanded && (
                      <TableRow>
                        <TableCell colSpan={provinces.length > 1 ? 10 : 9}>
                          <TariffHistory entry={e} inForce={e.price?.effectiveFrom ?? null} />
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      )}
      {mayAdd && q.data && adding && (
        <AddTariffPriceDialog open={adding} entries={q.data} defaultDate={today} onClose={() => setAdding(false)} />
      )}
    </Stack>
  );
}
