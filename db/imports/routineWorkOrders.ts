import crypto from 'node:crypto';
import type pg from 'pg';
import { RoutineWorkOrderRow } from '../../domain/customerData';
import { routineCaseId } from '../../domain/caseIds';
import { anomalyTypeName } from '../../domain/importValues';
import type { Lang } from '../../domain/text';
import type { InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { releaseCaseOpening, reserveCaseOpening } from '../caseOpenings';
import { checkCustomerRefs } from './importKinds';
import { RowValidator, type RowFeed } from './importRows';
import { RejectionLog, rejectionFields, type OmittedRejections, type RowRejection } from '../../domain/importReport';

export interface RoutineDuplicate {
  line: number;
  orderNo: string;
  reason: string;
  /** The reason as a code and the figures it quotes, for the UI's own words. */
  code: 'import.duplicate.in-file' | 'import.duplicate.imported-before' | 'import.duplicate.open-routine-case' | 'import.duplicate.open-case';
  params: Record<string, string | number | null>;
  /** The case the earlier work order opened (null: an earlier line of this file was rejected). */
  caseId: string | null;
}

export interface RoutineImportReport {
  importId: string;
  kind: 'routine-work-orders';
  rows: number;
  opened: { line: number; orderNo: string; caseId: string }[];
  duplicates: RoutineDuplicate[];
  /** The first rejected rows in full; all counted in rejectedRows, the ones left out in rejectedOmitted (domain/importReport.ts). */
  rejected: RowRejection[];
  rejectedRows: number;
  rejectedOmitted: OmittedRejections;
}

const TERMINAL = ['closed', 'dismissed', 'cancelled'];

/**
 * Routine audits (常态稽查): each anomaly work order of the monitoring system opens one case (origin routine).
 * Duplicates are reported, not opened: the same work order again (in the file or imported before), or a second
 * order for a customer and anomaly type whose routine case is still open, or a customer with an open case of another
 * origin (custom, special: no problem family before findings, so they clash with every anomaly type; the guard in
 * db/caseOpenings.ts, which also serialises this import against a custom audit opened at the same moment). The case id comes from the order
 * number, and the workflow starts before the order is recorded, so a request that dies half-way is repaired by
 * importing the file again.
 */
export async function importRoutineWorkOrders(
  pool: pg.Pool,
  feed: RowFeed,
  meta: { contentType: string; by: string; orgUnit: string; lang: Lang; reportFullRows?: number },
  startCase: (input: InspectionCaseInput) => Promise<void>,
): Promise<RoutineImportReport> {
  // An anomaly type named in Chinese (零电量, 高价低接…) is stored as its code (RowValidator); the case note shows its Chinese name.
  const rejections = new RejectionLog(meta.reportFullRows);
  const duplicates: RoutineDuplicate[] = [];
  // In-file repeats of an order number are duplicates, not errors.
  const validator = new RowValidator({ schema: RoutineWorkOrderRow, key: ['order_no'] }, {
    name: 'routine-work-orders', lang: meta.lang, rejections,
    onDuplicate: (line, first, orderNo) => duplicates.push({ line, orderNo, reason: `the same work order as line ${first}`, code: 'import.duplicate.in-file', params: { line: first }, caseId: null }),
  });
  const { sha256 } = await feed((r) => validator.take(r));
  const { valid } = validator;
  const report = { importId: crypto.randomUUID(), kind: 'routine-work-orders' as const, rows: validator.rows, opened: [] as RoutineImportReport['opened'], duplicates };
  const verdicts = await checkCustomerRefs(pool, valid.map((v) => v.row), meta.orgUnit);
  const ok = valid.filter((v, i) => {
    const bad = verdicts[i];
    if (bad) rejections.add({ line: v.line, errors: [{ field: bad[0], message: bad[1] }] });
    return !bad;
  });
  const orderNos = ok.map((v) => v.row.order_no as string);
  const known = new Map((await pool.query<{ order_no: string; case_id: string }>('select order_no, case_id from routine_work_orders where order_no = any($1)', [orderNos])).rows.map((x) => [x.order_no, x.case_id]));
  const open = new Map((await pool.query<{ account_no: string; anomaly_type: string; case_id: string }>(
    `select w.account_no, w.anomaly_type, w.case_id from routine_work_orders w left join cases c on c.id = w.case_id
      where w.account_no = any($1) and coalesce(c.stage, 'judgement') <> all($2)`,
    [ok.map((v) => v.row.account_no), TERMINAL],
  )).rows.map((x) => [`${x.account_no}/${x.anomaly_type}`, x.case_id]));
  // Duplicates referring to a line of this file get that line's case once it is known.
  for (const d of report.duplicates) d.caseId = known.get(d.orderNo) ?? null;

  for (const { line, row } of ok) {
    const orderNo = row.order_no as string;
    const accountNo = row.account_no as string;
    const anomaly = row.anomaly_type as string;
    const already = known.get(orderNo);
    if (already) {
      report.duplicates.push({ line, orderNo, reason: 'this work order was imported before', code: 'import.duplicate.imported-before', params: {}, caseId: already });
      continue;
    }
    const openCase = open.get(`${accountNo}/${anomaly}`);
    if (openCase) {
      report.duplicates.push({
        line, orderNo, reason: `the customer already has an open routine case for ${anomaly}`,
        code: 'import.duplicate.open-routine-case', params: { anomalyType: anomaly, anomalyTypeName: anomalyTypeName(anomaly, 'zh-CN') }, caseId: openCase,
      });
      continue;
    }
    const caseId = routineCaseId(orderNo);
    const opening = await reserveCaseOpening(pool, { caseId, accountNo, origin: 'routine', family: anomaly, by: meta.by });
    if (!opening.reserved) {
      const o = opening.existing;
      report.duplicates.push({
        line, orderNo, reason: `the customer already has an open ${o.origin} case${o.caseNo ? ` ${o.caseNo}` : ''}`,
        code: 'import.duplicate.open-case', params: { origin: o.origin, caseNo: o.caseNo }, caseId: o.id,
      });
      continue;
    }
    const note = `${anomalyTypeName(anomaly, 'zh-CN')}${row.description ? `：${row.description as string}` : ''}`.slice(0, 500);
    await startCase({ caseId, customerAccountNo: accountNo, origin: 'routine', note, createdBy: meta.by, requestedAt: new Date().toISOString() }).catch(async (e: unknown) => {
      await releaseCaseOpening(pool, caseId);
      throw e;
    });
    await pool.query(
      `insert into routine_work_orders (order_no, account_no, anomaly_type, detected_on, description, case_id, import_id)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (order_no) do nothing`,
      [orderNo, accountNo, anomaly, row.detected_on, row.description ?? null, caseId, report.importId],
    );
    known.set(orderNo, caseId);
    open.set(`${accountNo}/${anomaly}`, caseId);
    report.opened.push({ line, orderNo, caseId });
  }
  for (const d of report.duplicates) d.caseId ??= known.get(d.orderNo) ?? null;
  report.duplicates.sort((a, b) => a.line - b.line);
  const done: RoutineImportReport = { ...report, ...rejectionFields(rejections) };
  await pool.query(
    `insert into import_batches (id, kind, content_sha256, content_type, row_count, accepted, rejected, report, imported_by, org_unit_id)
     values ($1, 'routine-work-orders', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [done.importId, sha256, meta.contentType, done.rows, done.opened.length + done.duplicates.length,
      done.rejectedRows, JSON.stringify(done), meta.by, meta.orgUnit],
  );
  return done;
}
