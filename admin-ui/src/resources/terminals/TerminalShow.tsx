import { useState } from 'react';
import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import LinkIcon from '@mui/icons-material/LinkOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOffOutlined';
import { Confirm, EditButton, Show, TopToolbar, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { InfoGrid } from '../../ui/InfoGrid';
import { EmptyState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { formatDateTime } from '../../format/dateTime';
import { EnumText } from '../content/StatusChip';
import { errorMessage, useRecordAction } from '../content/useRecordAction';
import { TerminalBindDialog } from './TerminalBindDialog';

interface BindingChange {
  username: string | null;
  changedBy: string;
  changedAt: string;
}

function BindingButtons() {
  const r = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const unbind = useRecordAction('terminals');
  const [binding, setBinding] = useState(false);
  const [confirmUnbind, setConfirmUnbind] = useState(false);
  if (!r) return null;
  const t = (k: string, o?: object) => translate(`resources.terminals.bind.${k}`, o);
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
      <Button variant="contained" startIcon={<LinkIcon />} onClick={() => setBinding(true)} sx={{ minHeight: 44 }}>
        {t(r.boundUser ? 'rebind' : 'button')}
      </Button>
      {r.boundUser && (
        <Button variant="outlined" color="warning" startIcon={<LinkOffIcon />} onClick={() => setConfirmUnbind(true)} sx={{ minHeight: 44 }}>
          {t('unbind')}
        </Button>
      )}
      <TerminalBindDialog terminalId={String(r.id)} boundUser={r.boundUser ?? null} suggestedUser={r.boundUser ? null : r.registeredBy} open={binding} onClose={() => setBinding(false)} />
      <Confirm
        isOpen={confirmUnbind}
        title="resources.terminals.bind.unbindTitle"
        content="resources.terminals.bind.unbindContent"
        translateOptions={{ id: String(r.id), user: r.boundUser ?? '' }}
        loading={unbind.isPending}
        onClose={() => setConfirmUnbind(false)}
        onConfirm={() =>
          unbind.mutate(
            { id: String(r.id), action: 'unbind' },
            {
              onSuccess: () => notify('resources.terminals.bind.unbound', { type: 'success' }),
              onError: (e) => notify(errorMessage(e), { type: 'error' }),
              onSettled: () => setConfirmUnbind(false),
            },
          )
        }
      />
    </Stack>
  );
}

function Body() {
  const r = useRecordContext();
  const translate = useTranslate();
  if (!r) return null;
  const f = (k: string) => `resources.terminals.fields.${k}`;
  const history = (r.history ?? []) as BindingChange[];
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between" flexWrap="wrap" useFlexGap>
        <Typography variant="h6">{`${r.label}（${r.id}）`}</Typography>
        <BindingButtons />
      </Stack>
      <InfoGrid
        items={[
          { label: f('platform'), value: <EnumText resource="terminals" source="platform" /> },
          { label: f('model'), value: r.model },
          { label: f('boundUser'), value: r.boundUser ?? translate('resources.terminals.unbound') },
          { label: f('boundAt'), value: r.boundAt ? `${formatDateTime(r.boundAt)} · ${r.boundBy ?? ''}` : null },
          { label: f('lastSeenAt'), value: r.lastSeenAt ? formatDateTime(r.lastSeenAt) : translate('resources.terminals.neverSeen') },
          { label: f('registeredAt'), value: `${formatDateTime(r.registeredAt)} · ${r.registeredBy}` },
        ]}
      />
      <SectionCard title="resources.terminals.history.title">
        {history.length === 0 ? (
          <EmptyState message="resources.terminals.history.empty" />
        ) : (
          <Table size="small" data-testid="terminal-history">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.terminals.history.changedAt')}</TableCell>
                <TableCell>{translate('resources.terminals.history.username')}</TableCell>
                <TableCell>{translate('resources.terminals.history.changedBy')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.map((h, i) => (
                <TableRow key={`${h.changedAt}-${i}`}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.changedAt)}</TableCell>
                  <TableCell>{h.username ?? translate('resources.terminals.history.unbound')}</TableCell>
                  <TableCell>{h.changedBy}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </SectionCard>
    </Stack>
  );
}

export function TerminalShow() {
  return (
    <Show actions={<TopToolbar><EditButton /></TopToolbar>}>
      <Body />
    </Show>
  );
}
