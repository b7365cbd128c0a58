import { Alert, Box, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { ok } from '../../data/api';
import { previewFieldProblems, useDebounced } from '../../ui/livePreview';
import type { JichaDataProvider } from '../../data/dataProvider';
import { fromEditorValues, type JudgementEditorValues } from './judgementEditorModel';

export const PREVIEW_DEBOUNCE_MS = 600;
const R = 'resources.judgement-rule-sets.preview';



/** Rows of a draft-against-in-force table: every key of either side, in the draft's order first. */
function joinCounts<T>(draft: T[], inForce: T[], key: (x: T) => string, count: (x: T) => number) {
  const keys = [...new Set([...draft.map(key), ...inForce.map(key)])];
  const d = new Map(draft.map((x) => [key(x), count(x)]));
  const f = new Map(inForce.map((x) => [key(x), count(x)]));
  return keys.map((k) => ({ key: k, draft: d.get(k), inForce: f.get(k) }));
}

function CountsTable({ head, rows, name }: { head: string; rows: { key: string; draft?: number; inForce?: number }[]; name: (key: string) => string }) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={translate(head)}>
      <TableHead>
        <TableRow>
          <TableCell>{translate(head)}</TableCell>
          <TableCell align="right">{translate(`${R}.draft`)}</TableCell>
          <TableCell align="right">{translate(`${R}.inForce`)}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell>{name(r.key)}</TableCell>
            <TableCell align="right">{r.draft ?? '—'}</TableCell>
            <TableCell align="right">{r.inForce ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Before publishing: how many customers of the user's unit the draft as edited selects, against the version in force
 * — in total, per rule, per unit (POST /api/judgement-rule-sets/:version/preview, the campaign preview's engine;
 * nothing is stored). Recomputed a moment after the last change.
 */
export function JudgementPreviewPanel() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<string[]>();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const values = useWatch() as JudgementEditorValues;
  const body = useDebounced(JSON.stringify(fromEditorValues(values)), PREVIEW_DEBOUNCE_MS);
  const document = JSON.parse(body) as ReturnType<typeof fromEditorValues>;
  const allowed = Array.isArray(permissions) && (permissions.includes('manager') || permissions.includes('supervisor'));
  const ready = allowed && Boolean(document.version) && (document.rules?.length ?? 0) > 0;
  const q = useQuery({
    queryKey: ['judgement-rule-sets', 'preview', body],
    queryFn: async () =>
      ok(
        await dataProvider.callApi('post', '/api/judgement-rule-sets/{version}/preview', {
          params: { path: { version: document.version } },
          body: { document: document as unknown as Record<string, unknown> },
        }),
      ),
    enabled: ready,
    retry: false,
    staleTime: 30_000,
  });
  if (!allowed) return null;
  const zh = locale.startsWith('zh');
  const ruleText = new Map((values.rules ?? []).map((r) => [r.code, zh ? r.textZh : r.textEn]));
  return (
    <Box data-testid="judgement-preview" aria-live="polite" sx={{ p: 2, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.default', width: '100%' }}>
      <Typography variant="subtitle2" gutterBottom>
        {translate(`${R}.title`)}
      </Typography>
      {!ready ? (
        <Typography variant="body2" color="text.secondary">
          {translate(`${R}.incomplete`)}
        </Typography>
      ) : q.error ? (
        <Alert severity="warning">
          {translate(`${R}.refused`)}
          {previewFieldProblems(q.error, /^document\./).map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Alert>
      ) : !q.data ? (
        <LinearProgress />
      ) : (
        <Stack spacing={1}>
          {q.isFetching && <LinearProgress />}
          <Typography variant="h6" data-testid="preview-totals">
            {translate(`${R}.totals`, { draft: q.data.draft.total, inForce: q.data.inForce.total, scope: q.data.scope })}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate(`${R}.basis`, {
              month: q.data.asOfMonth,
              draftVersion: q.data.draft.version,
              draftScore: q.data.draft.minScore,
              inForceVersion: q.data.inForce.version,
              inForceScore: q.data.inForce.minScore,
            })}
          </Typography>
          <CountsTable
            head={`${R}.byRule`}
            rows={joinCounts(q.data.draft.byRule, q.data.inForce.byRule, (x) => x.code, (x) => x.count)}
            name={(code) => (ruleText.get(code) ? `${code}（${ruleText.get(code)}）` : code)}
          />
          <CountsTable
            head={`${R}.byUnit`}
            rows={joinCounts(q.data.draft.byUnit, q.data.inForce.byUnit, (x) => x.unitId, (x) => x.count)}
            name={(id) => {
              const u = [...q.data.draft.byUnit, ...q.data.inForce.byUnit].find((x) => x.unitId === id);
              return (zh ? u?.nameZh : u?.nameEn) ?? id;
            }}
          />
        </Stack>
      )}
    </Box>
  );
}
