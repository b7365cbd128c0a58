import { downloadCSV, useTranslate, type Exporter } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { toCsv } from '../../export/toCsv';
import { enumLabel } from './caseEnums';
import type { CaseRecord } from './caseEnums';

/** Columns of the CSV export, in order; enum values and dates as the UI shows them. */
const COLUMNS: ReadonlyArray<{ field: keyof CaseRecord; kind?: 'origin' | 'stage' | 'priority' | 'time' }> = [
  { field: 'caseNo' },
  { field: 'customerAccountNo' },
  { field: 'customerName' },
  { field: 'origin', kind: 'origin' },
  { field: 'stage', kind: 'stage' },
  { field: 'priority', kind: 'priority' },
  { field: 'orgUnitName' },
  { field: 'createdAt', kind: 'time' },
  { field: 'updatedAt', kind: 'time' },
  { field: 'note' },
  { field: 'id' },
];

type Translate = ReturnType<typeof useTranslate>;

export function caseCsv(records: readonly CaseRecord[], translate: Translate): string {
  const header = COLUMNS.map((c) => translate(`resources.cases.fields.${c.field}`));
  const rows = records.map((r) =>
    COLUMNS.map(({ field, kind }) => {
      const value = r[field];
      if (value === null || value === undefined) return '';
      if (kind === 'time') return formatDateTime(String(value));
      if (kind) return translate(enumLabel(kind, String(value)));
      return value;
    }),
  );
  return toCsv(header, rows);
}

/** react-admin exporter writing 稽查工单-YYYYMMDD.csv in the UI language. */
export function useCaseExporter(): Exporter<CaseRecord> {
  const translate = useTranslate();
  return (records) => {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    downloadCSV(caseCsv(records, translate), `${translate('resources.cases.exportFileName')}-${day}`);
  };
}
