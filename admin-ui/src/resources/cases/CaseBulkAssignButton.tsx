import { useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import AssignIcon from '@mui/icons-material/PersonAddAlt';
import { useDataProvider, useListContext, usePermissions, useRefresh, useTranslate } from 'react-admin';
import { canAccess } from '../../auth/permissions';
import type { JichaDataProvider } from '../../data/dataProvider';
import { refusalText } from '../../data/refusal';
import { PersonPicker } from '../../ui/people/PersonPicker';
import { assignEach, stationsOf, type BulkCase, type BulkResult } from './bulkAssignModel';

/**
 * 批量派单: the selected cases of one station to one inspector picked by name, one request per case; each case's
 * result is listed, a refused one with the workflow's reason in the user's words.
 */
export function CaseBulkAssignButton() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { selectedIds, data, onUnselectItems } = useListContext<BulkCase>();
  const { permissions } = usePermissions<string[]>();
  const [open, setOpen] = useState(false);
  const [inspector, setInspector] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<BulkResult[]>([]);
  // the same role policy as the case page's 派单 button
  if (!canAccess(Array.isArray(permissions) ? permissions : [], 'cases', 'assign')) return null;
  const t = (k: string, o?: object) => translate(`caseSteps.bulkAssign.${k}`, o);
  const chosen = (data ?? []).filter((c) => selectedIds.includes(c.id));
  const stations = stationsOf(chosen);
  const done = results.length > 0 && !running;

  const close = () => {
    if (running) return;
    if (done) {
      onUnselectItems();
      refresh();
    }
    setOpen(false);
    setResults([]);
    setInspector(null);
  };
  const run = async () => {
    if (!inspector || stations.length !== 1) return;
    setRunning(true);
    setResults([]);
    await assignEach(chosen, (c) => dataProvider.caseAction(c.id, 'assign', { inspector }), (r) => setResults((rs) => [...rs, r]));
    setRunning(false);
  };
  const refused = results.filter((r) => !r.ok).length;

  return (
    <>
      <Button size="small" startIcon={<AssignIcon />} onClick={() => setOpen(true)} data-testid="bulk-assign">
        {t('button')}
      </Button>
      {open && (
        <Dialog open onClose={close} fullWidth maxWidth="sm" aria-labelledby="bulk-assign-title">
          <DialogTitle id="bulk-assign-title">{t('title', { smart_count: chosen.length })}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              {stations.length !== 1 ? (
                <Alert severity="warning" data-testid="bulk-assign-stations">
                  {t('sameStation', { smart_count: stations.length })}
                </Alert>
              ) : (
                <PersonPicker
                  name="inspector"
                  data-testid="person-picker-bulk"
                  label={t('inspector')}
                  required
                  filter={{ role: 'inspector', station: stations[0] }}
                  value={inspector}
                  onChange={setInspector}
                />
              )}
              {results.length > 0 && (
                <>
                  {done && (
                    <Alert severity={refused ? 'warning' : 'success'} data-testid="bulk-assign-summary">
                      {t('summary', { ok: results.length - refused, refused })}
                    </Alert>
                  )}
                  <Table size="small" data-testid="bulk-assign-results">
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('caseNo')}</TableCell>
                        <TableCell>{t('result')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {results.map((r) => {
                        const why = r.ok ? null : refusalText(r.error, translate);
                        return (
                          <TableRow key={r.id} data-case={r.caseNo} data-ok={r.ok}>
                            <TableCell>{r.caseNo}</TableCell>
                            <TableCell sx={{ color: r.ok ? 'success.main' : 'error.main' }}>
                              {r.ok ? t('ok') : `${t('refused')}：${why?.reason ?? why?.detail ?? ''}`}
                            </TableCell>
                          </TableRow>
                        );
                      })}
                    </TableBody>
                  </Table>
                </>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close} disabled={running}>
              {t('close')}
            </Button>
            {!done && (
              <Button variant="contained" onClick={() => void run()} disabled={!inspector || stations.length !== 1 || running} data-testid="bulk-assign-submit">
                {t('submit')}
              </Button>
            )}
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
