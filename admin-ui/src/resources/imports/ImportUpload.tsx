import { useRef, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFile';
import { Link as RouterLink } from 'react-router-dom';
import { Title, useDataProvider, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { codedText } from '../../i18n/codedMessages';
import type { ImportKind, JichaDataProvider } from '../../data/dataProvider';
import type { UploadProgress } from '../../data/xhrFetch';
import { formatBytes } from '../../format/bytes';
import { ADMIN_ONLY_KINDS, contentTypeOf, IMPORT_KINDS, type ImportReport } from './importKinds';
import { ImportReportView, rejectedCount } from './ImportReportView';
import { ImportHeaderTable } from './ImportHeaderTable';
import { headerProblemKey, type HeaderFieldError } from './importHeaders';
import { DETAIL_PAGE_SX } from '../customers/pageSx';

/** Percent of the body sent, or null when the browser does not know the size. */
export const uploadPercent = (p: UploadProgress | null): number | null =>
  p && p.total ? Math.min(100, Math.round((p.loaded / p.total) * 100)) : null;

type Phase = { kind: 'idle' } | { kind: 'uploading'; progress: UploadProgress | null } | { kind: 'processing' } | { kind: 'done'; report: ImportReport } | { kind: 'failed'; message: string; fields: string[] };

/** Upload a CSV (or NDJSON / JSON) file of one kind with its progress, then its row report. */
export function ImportUpload() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { permissions } = usePermissions<string[]>();
  const isAdmin = Array.isArray(permissions) && permissions.includes('admin');
  const kinds = IMPORT_KINDS.filter((k) => isAdmin || !ADMIN_ONLY_KINDS.includes(k));
  const [kind, setKind] = useState<ImportKind>('routine-work-orders');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  const upload = async () => {
    if (!file) return;
    setPhase({ kind: 'uploading', progress: { loaded: 0, total: file.size } });
    try {
      const report = await dataProvider.upload(kind, file, contentTypeOf(file.name), (progress) =>
        // All bytes sent: the server is now validating and writing the rows.
        setPhase(progress.total !== null && progress.loaded >= progress.total ? { kind: 'processing' } : { kind: 'uploading', progress }),
      );
      setPhase({ kind: 'done', report });
    } catch (e) {
      const body = (e as { body?: { problemErrors?: HeaderFieldError[]; code?: string; params?: unknown } }).body;
      const worded = (code: string | undefined, params: HeaderFieldError['params']) => {
        const key = headerProblemKey(code);
        return key ? translate(key, { ...params, _: '' }) : '';
      };
      setPhase({
        kind: 'failed',
        // A refusal of the whole file (an encoding that cannot be told, too large…) in the catalogue's words.
        message: worded(body?.code, {}) || codedText(body?.code, body?.params, locale) || (e instanceof Error ? e.message : String(e)),
        fields: (body?.problemErrors ?? []).map((f) => worded(f.code, f.params) || `${f.path ?? ''}: ${f.message ?? ''}`),
      });
    }
  };

  const percent = phase.kind === 'uploading' ? uploadPercent(phase.progress) : null;
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Title title={translate('resources.imports.upload.title')} />
      <Card>
        <CardContent>
          <Stack spacing={2} sx={{ maxWidth: 900 }}>
            <TextField
              select
              label={translate('resources.imports.fields.kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as ImportKind)}
              disabled={busy}
              helperText={translate(`resources.imports.help.${kind}`)}
              data-testid="import-kind"
            >
              {kinds.map((k) => (
                <MenuItem key={k} value={k}>
                  {translate(`resources.imports.enums.kind.${k}`)}
                </MenuItem>
              ))}
            </TextField>
            <ImportHeaderTable kind={kind} />
            <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
              <Button variant="outlined" component="label" disabled={busy} sx={{ minHeight: 44 }}>
                {translate('resources.imports.upload.choose')}
                <input
                  ref={input}
                  hidden
                  type="file"
                  accept=".csv,.ndjson,.jsonl,.json,text/csv,application/json"
                  data-testid="import-file"
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setPhase({ kind: 'idle' });
                  }}
                />
              </Button>
              <Typography variant="body2" color={file ? 'text.primary' : 'text.secondary'}>
                {file ? `${file.name} · ${formatBytes(file.size)}` : translate('resources.imports.upload.noFile')}
              </Typography>
            </Stack>
            <Box>
              <Button variant="contained" startIcon={<UploadIcon />} disabled={!file || busy} onClick={() => void upload()} sx={{ minHeight: 44 }} data-testid="import-start">
                {translate('resources.imports.upload.start')}
              </Button>
            </Box>
            {phase.kind === 'uploading' && (
              <Box data-testid="upload-progress">
                <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} sx={{ height: 8, borderRadius: 4 }} />
                <Typography variant="caption" data-testid="upload-progress-text">
                  {translate('resources.imports.upload.sending', {
                    percent: percent ?? '…',
                    loaded: formatBytes(phase.progress?.loaded ?? 0),
                    total: formatBytes(phase.progress?.total ?? file?.size ?? 0),
                  })}
                </Typography>
              </Box>
            )}
            {phase.kind === 'processing' && (
              <Box data-testid="upload-processing">
                <LinearProgress />
                <Typography variant="caption">{translate('resources.imports.upload.processing')}</Typography>
              </Box>
            )}
            {phase.kind === 'failed' && (
              <Alert severity="error" data-testid="upload-error">
                <strong>{translate('resources.imports.upload.failed')}</strong>
                <div>{phase.message}</div>
                {phase.fields.map((f) => (
                  <div key={f}>{f}</div>
                ))}
              </Alert>
            )}
            {phase.kind === 'done' && (
              <Alert severity={rejectedCount(phase.report) ? 'warning' : 'success'}>
                {translate('resources.imports.upload.done')}{' '}
                <RouterLink to={`/imports/${phase.report.importId}/show`}>{translate('resources.imports.upload.openBatch')}</RouterLink>
              </Alert>
            )}
          </Stack>
        </CardContent>
      </Card>
      {phase.kind === 'done' && <ImportReportView report={phase.report} />}
    </Stack>
  );
}
