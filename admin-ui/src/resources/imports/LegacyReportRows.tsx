import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { SectionCard } from '../../ui/SectionCard';
import { RowsTable } from '../customers/RowsTable';
import type { LegacyImportReport } from './importKinds';

const CaseLink = ({ caseId }: { caseId: string | null }) => {
  const translate = useTranslate();
  return caseId ? <Link component={RouterLink} to={`/cases/${caseId}/show`}>{translate('resources.imports.openCase')}</Link> : <>—</>;
};

type LegacyDuplicate = LegacyImportReport['duplicates'][number];

/** Why a source case was not imported, in the UI's words (the server's text as the fallback). */
export const legacyDuplicateReason = (d: LegacyDuplicate, translate: (key: string, options?: Record<string, unknown>) => string) =>
  translate(`resources.imports.legacyDuplicate.${d.code.slice('import.duplicate.'.length)}`, { ...d.params, _: d.reason });

/** 历史工单导入's report: the cases imported (历史导入) and the source case numbers that were there already. */
export function LegacyReportRows({ report }: { report: LegacyImportReport }) {
  const translate = useTranslate();
  return (
    <>
      <SectionCard title="resources.imports.report.importedRows">
        <RowsTable
          rows={report.imported}
          rowKey={(r) => r.sourceCaseNo}
          empty="resources.imports.report.none"
          testId="imported-rows"
          columns={[
            { key: 'line', label: 'resources.imports.fields.line', render: (r) => r.line, align: 'right' },
            { key: 'sourceCaseNo', label: 'resources.imports.fields.sourceCaseNo', render: (r) => r.sourceCaseNo },
            { key: 'case', label: 'resources.imports.fields.case', render: (r) => <CaseLink caseId={r.caseId} /> },
          ]}
        />
      </SectionCard>
      {report.duplicates.length > 0 && (
        <SectionCard title="resources.imports.report.duplicateCases">
          <RowsTable
            rows={report.duplicates}
            rowKey={(r) => `${r.line}-${r.sourceCaseNo}`}
            empty="resources.imports.report.none"
            columns={[
              { key: 'line', label: 'resources.imports.fields.line', render: (r) => r.line, align: 'right' },
              { key: 'sourceCaseNo', label: 'resources.imports.fields.sourceCaseNo', render: (r) => r.sourceCaseNo },
              {
                key: 'reason', label: 'resources.imports.fields.reason', wrap: true,
                render: (r) => legacyDuplicateReason(r, translate),
              },
              { key: 'case', label: 'resources.imports.fields.case', render: (r) => <CaseLink caseId={r.caseId} /> },
            ]}
          />
        </SectionCard>
      )}
    </>
  );
}
