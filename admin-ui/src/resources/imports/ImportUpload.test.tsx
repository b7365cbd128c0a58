// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpError } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import type { UploadProgress } from '../../data/xhrFetch';
import { ImportUpload, uploadPercent } from './ImportUpload';
import { contentTypeOf, type DataImportReport } from './importKinds';

const CSV = 'account_no,month,kwh,amount_yuan,tariff_category\n4210000001,2026-03,120,67.2,residential\n';
const REPORT: DataImportReport = {
  importId: '00000000-0000-4000-8000-00000000000a',
  kind: 'monthly-consumption',
  rows: 3,
  inserted: 1,
  updated: 1,
  unchanged: 0,
  rejected: [{ line: 4, errors: [{ field: 'kwh', message: 'must not be negative' }] }],
};

function chooseFile(name = 'bills.csv') {
  const file = new File([CSV], name, { type: 'text/csv' });
  fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
  return file;
}

describe('<ImportUpload>', () => {
  it('knows the percentage only when the size is known', () => {
    expect(uploadPercent({ loaded: 512, total: 2048 })).toBe(25);
    expect(uploadPercent({ loaded: 512, total: null })).toBeNull();
    expect(uploadPercent(null)).toBeNull();
    expect(contentTypeOf('x.CSV')).toBe('text/csv');
    expect(contentTypeOf('rows.ndjson')).toBe('application/x-ndjson');
    expect(contentTypeOf('rows.json')).toBe('application/json');
  });

  it('shows the upload progress as the bytes go, then the row report', async () => {
    let progress!: (p: UploadProgress) => void;
    let finish!: (r: DataImportReport) => void;
    const upload = vi.fn((_kind: string, _file: Blob, _type: string, onProgress?: (p: UploadProgress) => void) => {
      progress = onProgress!;
      return new Promise<DataImportReport>((resolve) => {
        finish = resolve;
      });
    });
    renderWithAdmin(<ImportUpload />, { dataProvider: { upload } as never, roles: ['manager'] });
    fireEvent.mouseDown(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: '月度电量电费' }));
    const file = chooseFile();
    fireEvent.click(screen.getByTestId('import-start'));

    expect(upload).toHaveBeenCalledWith('monthly-consumption', file, 'text/csv', expect.any(Function));
    act(() => progress({ loaded: file.size / 4, total: file.size }));
    expect(screen.getByTestId('upload-progress').querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('upload-progress-text').textContent).toMatch(/^上传中 25%/);
    expect(screen.getByTestId('import-start').hasAttribute('disabled')).toBe(true);

    act(() => progress({ loaded: file.size, total: file.size }));
    expect(screen.getByTestId('upload-processing')).toBeTruthy();

    await act(async () => finish(REPORT));
    const report = await screen.findByTestId('import-report');
    expect(report.textContent).toContain('新增 1');
    expect(screen.getByTestId('rejected-count').textContent).toBe('拒收 1');
    expect(screen.getByTestId('rejected-rows').textContent).toContain('kwh: must not be negative');
    expect(screen.queryByTestId('upload-progress')).toBeNull();
  }, 30_000);

  it('shows the server\'s reason and the offending columns when the file is refused', async () => {
    const upload = vi.fn(async () => {
      throw new HttpError('The CSV header does not match: columns are account_no, month.', 400, {
        problemErrors: [{ path: 'header.kwhh', message: 'unknown column' }],
      });
    });
    renderWithAdmin(<ImportUpload />, { dataProvider: { upload } as never, roles: ['manager'] });
    chooseFile();
    fireEvent.click(screen.getByTestId('import-start'));
    const alert = await screen.findByTestId('upload-error');
    expect(alert.textContent).toContain('The CSV header does not match');
    expect(alert.textContent).toContain('header.kwhh: unknown column');
    await waitFor(() => expect(screen.getByTestId('import-start').hasAttribute('disabled')).toBe(false));
  });

  it('words a refused header row from the codes: the unknown and the missing columns', async () => {
    const upload = vi.fn(async () => {
      throw new HttpError('表头与“routine-work-orders”的列不符', 400, {
        code: 'import.header.mismatch',
        problemErrors: [
          { path: 'header.稽查人员', message: '第 3 列表头“稽查人员”无法识别', code: 'import.header.unknown', params: { column: 3, header: '稽查人员' } },
          { path: 'header.anomaly_type', message: 'x', code: 'import.header.missing', params: { field: 'anomaly_type', zh: '异常类型' } },
        ],
      });
    });
    renderWithAdmin(<ImportUpload />, { dataProvider: { upload } as never, roles: ['manager'] });
    chooseFile('orders.csv');
    fireEvent.click(screen.getByTestId('import-start'));
    const alert = await screen.findByTestId('upload-error');
    expect(alert.textContent).toContain('表头与所选数据类型的列不符');
    expect(alert.textContent).toContain('第 3 列表头“稽查人员”无法识别');
    expect(alert.textContent).toContain('缺少必填列“异常类型”（anomaly_type）');
    expect(alert.textContent).not.toContain('header.anomaly_type');
  });

  it('offers org units only to admins', async () => {
    renderWithAdmin(<ImportUpload />, { dataProvider: {}, roles: ['manager'] });
    fireEvent.mouseDown(screen.getByRole('combobox'));
    await screen.findByRole('option', { name: '客户档案' });
    expect(screen.queryByRole('option', { name: '组织机构' })).toBeNull();
  });
});
