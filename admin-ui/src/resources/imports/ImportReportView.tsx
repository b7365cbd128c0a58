import { Chip, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useLocaleState, useTranslate } from 'react-admin';
import { codedText } from '../../i18n/codedMessages';
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

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Every rejected row, counted: the report's count, or (reports stored before bounded reports) the rows it lists. */
export const rejectedCount = (r: ImportReport) => r.rejectedRows ?? r.rejected.length;

/** A reason code's name for the counts beyond the rows listed: this app's words, else the domain catalogue's, else the code. */
export function reasonName(code: string, translate: Translate, locale: string): string {
  return translate(`resources.imports.report.reason.${code.replace(/\./g, '-')}`, { _: codedText(code, {}, locale) ?? code });
}

/**
 * The rejected rows a report does not list (beyond the first ones), as lines "另有 N 条同类错误" per reason, then per
 * field; empty when every rejected row is listed.
 */
export function omittedLines(report: ImportReport, translate: Translate, locale: string): string[] {
  const o = report.rejectedOmitted;
  if (!o || o.rows === 0) return [];
  const byCount = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    translate('resources.imports.report.omitted', { smart_count: o.rows, shown: report.rejected.length }),
    ...byCount(o.byCode).map(([code, n]) => translate('resources.imports.report.omittedReason', { smart_count: n, reason: reasonName(code, translate, locale) })),
    translate('resources.imports.report.omittedFields', { fields: byCount(o.byField).map(([f, n]) => `${f} ${n}`).join(' · ') }),
  ];
}

/** The row report of one import: what was taken, the first rejected rows with their line and reasons, the rest counted. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const t = (key: string, n: number) => translate(`resources.imports.report.${key}`, { smart_count: n });
  const omitted = omittedLines(report, translate, locale);
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
          <Chip color={rejectedCount(report) ? 'error' : 'default'} label={t('rejected', rejectedCount(report))} data-testid="rejected-count" />
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
          {omitted.length > 0 && (
            <Stack spacing={0.5} sx={{ mt: 1 }} data-testid="rejected-omitted">
              {omitted.map((line) => (
                <Typography key={line} variant="body2" color="text.secondary">{line}</Typography>
              ))}
            </Stack>
          )}
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
