import { Chip, Link, Stack } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { SectionCard } from '../../ui/SectionCard';
import { RowsTable } from '../customers/RowsTable';
import { isLegacyReport, isRoutineReport, type ImportReport } from './importKinds';
import { LegacyReportRows } from './LegacyReportRows';
import { headerProblemKey } from './importHeaders';

const CaseLink = ({ caseId }: { caseId: string | null }) => {
  const translate = useTranslate();
  return caseId ? (
    <Link component={RouterLink} to={`/cases/${caseId}/show`}>
      {translate('resources.imports.openCase')}
    </Link>
  ) : (
    <>—</>
  );
};

type Duplicate = Extract<ImportReport, { opened: unknown }>['duplicates'][number];

/** A duplicate's reason in the UI's words when the report carries its code (older stored reports: the server's text). */
export function duplicateReason(d: Duplicate, translate: (key: string, options?: Record<string, unknown>) => string): string {
  if (!d.code) return d.reason;
  const p = d.params ?? {};
  const anomaly = typeof p.anomalyType === 'string'
    ? translate(`resources.judgement-rule-sets.enums.anomalyType.${p.anomalyType}`, { _: String(p.anomalyTypeName ?? p.anomalyType) })
    : '';
  const origin = typeof p.origin === 'string' ? translate(`resources.cases.enums.origin.${p.origin}`, { _: p.origin }) : '';
  return translate(`resources.imports.duplicate.${d.code.slice('import.duplicate.'.length)}`, { ...p, anomaly, origin, caseNo: p.caseNo ?? '', _: d.reason });
}

type RowError = ImportReport['rejected'][number]['errors'][number];

/** A rejected row's reason in the UI's words when it has a code the catalogue words (an unknown value); else the server's text. */
export function rowErrorText(e: RowError, translate: (key: string, options?: Record<string, unknown>) => string): string {
  const key = headerProblemKey(e.code);
  return `${e.field}: ${key ? translate(key, { ...e.params, _: e.message }) : e.message}`;
}

/** The row report of one import: what was taken, and every rejected row with its line and reasons. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const translate = useTranslate();
  const t = (key: string, n: number) => translate(`resources.imports.report.${key}`, { smart_count: n });
  return (
    <Stack spacing={2} data-testid="import-report">
      <SectionCard title="resources.imports.report.title">
        <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
          <Chip label={`${translate(`resources.imports.enums.kind.${report.kind}`, { _: report.kind })}`} variant="outlined" />
          <Chip label={t('rows', report.rows)} />
          {isLegacyReport(report) ? (
            <>
              <Chip color="success" label={t('imported', report.imported.length)} />
              <Chip color={report.duplicates.length ? 'warning' : 'default'} label={t('duplicates', report.duplicates.length)} />
              {report.unscored > 0 && <Chip color="warning" label={t('unscored', report.unscored)} />}
            </>
          ) : isRoutineReport(report) ? (
            <>
              <Chip color="success" label={t('opened', report.opened.length)} />
              <Chip color={report.duplicates.length ? 'warning' : 'default'} label={t('duplicates', report.duplicates.length)} />
            </>
          ) : (
            <>
              <Chip color="success" label={t('inserted', report.inserted)} />
              <Chip color="info" label={t('updated', report.updated)} />
              <Chip label={t('unchanged', report.unchanged)} />
            </>
          )}
          <Chip color={report.rejected.length ? 'error' : 'default'} label={t('rejected', report.rejected.length)} data-testid="rejected-count" />
        </Stack>
      </SectionCard>
      {report.rejected.length > 0 && (
        <SectionCard title="resources.imports.report.rejectedRows">
          <RowsTable
            rows={report.rejected}
            rowKey={(r) => String(r.line)}
            empty="resources.imports.report.none"
            testId="rejected-rows"
            columns={[
              { key: 'line', label: 'resources.imports.fields.line', render: (r) => r.line, align: 'right' },
              { key: 'errors', label: 'resources.imports.fields.errors', render: (r) => r.errors.map((e) => rowErrorText(e, translate)).join('；'), wrap: true },
            ]}
          />
        </SectionCard>
      )}
      {isLegacyReport(report) && <LegacyReportRows report={report} />}
      {isRoutineReport(report) && (
        <>
          <SectionCard title="resources.imports.report.openedRows">
            <RowsTable
              rows={report.opened}
              rowKey={(r) => r.orderNo}
              empty="resources.imports.report.none"
              columns={[
                { key: 'line', label: 'resources.imports.fields.line', render: (r) => r.line, align: 'right' },
                { key: 'orderNo', label: 'resources.imports.fields.orderNo', render: (r) => r.orderNo },
                { key: 'case', label: 'resources.imports.fields.case', render: (r) => <CaseLink caseId={r.caseId} /> },
              ]}
            />
          </SectionCard>
          {report.duplicates.length > 0 && (
            <SectionCard title="resources.imports.report.duplicateRows">
              <RowsTable
                rows={report.duplicates}
                rowKey={(r) => `${r.line}-${r.orderNo}`}
                empty="resources.imports.report.none"
                columns={[
                  { key: 'line', label: 'resources.imports.fields.line', render: (r) => r.line, align: 'right' },
                  { key: 'orderNo', label: 'resources.imports.fields.orderNo', render: (r) => r.orderNo },
                  { key: 'reason', label: 'resources.imports.fields.reason', render: (r) => duplicateReason(r, translate), wrap: true },
                  { key: 'case', label: 'resources.imports.fields.case', render: (r) => <CaseLink caseId={r.caseId} /> },
                ]}
              />
            </SectionCard>
          )}
        </>
      )}
    </Stack>
  );
}
