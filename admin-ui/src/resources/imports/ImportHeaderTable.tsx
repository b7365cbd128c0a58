import { Box, Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useQuery } from '@tanstack/react-query';
import { downloadCSV, useDataProvider, useTranslate } from 'react-admin';
import { ok } from '../../data/api';
import type { ImportKind, JichaDataProvider } from '../../data/dataProvider';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { acceptedValues, templateCsv, templateFileName, type TemplateLanguage } from './importHeaders';

/**
 * A kind's columns as the file may name them: Chinese headers of the monitoring / marketing exports or the English
 * ones, which are required, an example, the values a coded column accepts; with the templates to download in either language.
 */
export function ImportHeaderTable({ kind }: { kind: ImportKind }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const q = useQuery({
    queryKey: ['imports', 'headers'],
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/imports/headers', {})),
    staleTime: Infinity,
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <LoadingState />;
  const columns = q.data.kinds.find((k) => k.kind === kind)?.columns ?? [];
  const download = (lang: TemplateLanguage) => downloadCSV(templateCsv(columns, lang), templateFileName(kind, lang));
  const t = (key: string) => translate(`resources.imports.headers.${key}`);
  return (
    <Box data-testid="import-headers">
      <Typography variant="subtitle2" gutterBottom>{t('title')}</Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>{t('hint')}</Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('field')}</TableCell>
              <TableCell>{t('zh')}</TableCell>
              <TableCell>{t('en')}</TableCell>
              <TableCell>{t('required')}</TableCell>
              <TableCell>{t('example')}</TableCell>
              <TableCell>{t('values')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {columns.map((c) => (
              <TableRow key={c.field} data-testid={`import-header-${c.field}`}>
                <TableCell>{c.zh}</TableCell>
                <TableCell>{[c.zh, ...c.synonyms.filter((s) => /\p{Script=Han}/u.test(s))].join('、')}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{c.field}</TableCell>
                <TableCell>{c.required ? <Chip size="small" color="primary" label={t('yes')} /> : t('no')}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{c.example}</TableCell>
                <TableCell>{acceptedValues(c) ?? t('no')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }} flexWrap="wrap" useFlexGap>
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => download('zh')} data-testid="template-zh">{t('templateZh')}</Button>
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => download('en')} data-testid="template-en">{t('templateEn')}</Button>
      </Stack>
    </Box>
  );
}
