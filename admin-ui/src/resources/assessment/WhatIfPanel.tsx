import { useState } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import CompareIcon from '@mui/icons-material/CompareArrows';
import { useDataProvider, useTranslate } from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { LoadingState } from '../../ui/LoadStates';
import { lastMonth, type WhatIfResult } from './assessmentModel';
import { WhatIfDiff } from './WhatIfDiff';

const W = 'resources.assessment-rule-sets.whatIf';

/** Choose a past month, re-score it under this version, and show the ranking diff (nothing is stored). */
export function WhatIfPanel({ version }: { version: string }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const [period, setPeriod] = useState(lastMonth());
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(ok(await dataProvider.callApi('post', '/api/assessment-rule-sets/{version}/what-if', { params: { path: { version } }, body: { period } })));
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{translate(`${W}.hint`)}</Typography>
      <Stack direction="row" spacing={2} alignItems="center">
        <TextField type="month" size="small" label={translate(`${W}.period`)} value={period} onChange={(e) => setPeriod(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: lastMonth() } }} data-testid="what-if-period" />
        <Button variant="outlined" startIcon={<CompareIcon />} onClick={() => void run()} disabled={busy || !period} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} data-testid="what-if-run">
          {translate(`${W}.run`)}
        </Button>
      </Stack>
      {busy && <LoadingState />}
      {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
      {result && !busy && <Box sx={{ mt: 2 }}><WhatIfDiff result={result} /></Box>}
    </Box>
  );
}
