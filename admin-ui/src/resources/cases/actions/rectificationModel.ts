import type { CaseActionBody } from '../../../data/dataProvider';
import { chinaDate } from '../../../format/dateTime';
import type { CaseLive } from '../show/useCaseQueries';

// The rectification order (整改通知单) and its report as forms. Amounts are never typed: the form gives the inputs the
// rule set needs, the server's calculator (POST /api/cases/:id/rectification-preview) computes them with the workflow's
// own function, and the dialog shows that answer before the order can be issued.

export type IssueBody = CaseActionBody<'rectification'>;
export type ReportBody = CaseActionBody<'rectification-report'>;
type MoneyKind = 'wrong_tariff' | 'theft' | 'capacity_overuse';
/** What the order charges: a back-billing and penalty of one kind, or nothing (only the non-money actions). */
export type OrderProblem = MoneyKind | 'none';
export const ORDER_PROBLEMS: readonly OrderProblem[] = ['wrong_tariff', 'theft', 'capacity_overuse', 'none'];

/** The issue form as typed: numbers and dates as strings, checkboxes as booleans. */
export interface IssueForm {
  problem: OrderProblem;
  detectedOn: string;
  startDate: string;
  // wrong tariff (catalogue categories; prices come from the catalogue on the detection day)
  appliedCategory: string;
  correctCategory: string;
  monthlyKwh: string;
  /** Also order the re-classification (改类) from the applied to the correct category. */
  reclassify: boolean;
  effectiveDate: string;
  // theft
  capacityKw: string;
  priceYuanPerKwh: string;
  stolenKwh: string;
  lighting: boolean;
  // capacity overuse
  excessKva: string;
  basicFeeYuanPerKvaMonth: string;
  months: string;
  tariffStructure: 'two_part' | 'single';
  // the multiple (or rate per kW) charged when not the rule's default, and why
  penaltyMultiplier: string;
  penaltyYuanPerKw: string;
  justification: string;
  // the other actions
  meterReplacement: boolean;
  contractCorrection: boolean;
  otherNote: string;
  /** The owner's user name; empty: the customer's station lead (the workflow's default). */
  owner: string | null;
}

/** The fields each problem asks for; `required` ones must be filled before the calculator runs. */
export const PROBLEM_FIELDS: Record<OrderProblem, Array<{ name: keyof IssueForm; required: boolean; kind: 'number' | 'date' | 'tariff' | 'text' }>> = {
  wrong_tariff: [
    { name: 'appliedCategory', required: true, kind: 'tariff' },
    { name: 'correctCategory', required: true, kind: 'tariff' },
    { name: 'monthlyKwh', required: true, kind: 'number' },
    { name: 'detectedOn', required: true, kind: 'date' },
    { name: 'startDate', required: false, kind: 'date' },
    { name: 'penaltyMultiplier', required: false, kind: 'number' },
  ],
  theft: [
    { name: 'capacityKw', required: true, kind: 'number' },
    { name: 'priceYuanPerKwh', required: true, kind: 'number' },
    { name: 'stolenKwh', required: false, kind: 'number' },
    { name: 'detectedOn', required: true, kind: 'date' },
    { name: 'startDate', required: false, kind: 'date' },
    { name: 'penaltyMultiplier', required: false, kind: 'number' },
  ],
  capacity_overuse: [
    { name: 'excessKva', required: true, kind: 'number' },
    { name: 'basicFeeYuanPerKvaMonth', required: true, kind: 'number' },
    { name: 'months', required: false, kind: 'number' },
    { name: 'detectedOn', required: true, kind: 'date' },
    { name: 'penaltyMultiplier', required: false, kind: 'number' },
    { name: 'penaltyYuanPerKw', required: false, kind: 'number' },
  ],
  none: [],
};

const MONEY: readonly string[] = ['wrong_tariff', 'theft', 'capacity_overuse'];

/** A fresh form for the case: its problem type from the findings, detected on the day of the findings. */
export function initialIssueForm(live: Pick<CaseLive, 'findings'>, now = Date.now()): IssueForm {
  const type = live.findings?.problemType;
  const found = live.findings?.at ? Date.parse(live.findings.at) : now;
  const day = chinaDate(Number.isFinite(found) ? found : now);
  return {
    problem: type && MONEY.includes(type) ? (type as MoneyKind) : 'none',
    detectedOn: day,
    startDate: '',
    appliedCategory: '',
    correctCategory: '',
    monthlyKwh: '',
    reclassify: true,
    effectiveDate: chinaDate(now),
    capacityKw: '',
    priceYuanPerKwh: '',
    stolenKwh: '',
    lighting: false,
    excessKva: '',
    basicFeeYuanPerKvaMonth: '',
    months: '',
    tariffStructure: 'two_part',
    penaltyMultiplier: '',
    penaltyYuanPerKw: '',
    justification: '',
    meterReplacement: false,
    contractCorrection: false,
    otherNote: '',
    owner: null,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A non-negative number as typed, else undefined (blank) or NaN (not a number). */
function num(v: string): number | undefined {
  const s = v.trim();
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
}
const day = (v: string) => (v.trim() === '' ? undefined : DAY.test(v.trim()) ? v.trim() : 'invalid');

/** The form as the order's body, or the fields still missing or invalid (by name). */
export function toIssueBody(f: IssueForm): { body: IssueBody | null; invalid: Array<keyof IssueForm> } {
  const invalid: Array<keyof IssueForm> = [];
  const need = (name: keyof IssueForm, value: number | string | undefined, required: boolean) => {
    if ((value === undefined && required) || (typeof value === 'number' && Number.isNaN(value)) || value === 'invalid') invalid.push(name);
    return value === 'invalid' || (typeof value === 'number' && Number.isNaN(value)) ? undefined : value;
  };
  for (const field of PROBLEM_FIELDS[f.problem]) {
    const raw = f[field.name];
    if (typeof raw !== 'string') continue;
    if (field.kind === 'number') need(field.name, num(raw), field.required);
    else if (field.kind === 'date') need(field.name, day(raw), field.required);
    else need(field.name, raw.trim() || undefined, field.required);
  }
  const chosen = (name: 'penaltyMultiplier' | 'penaltyYuanPerKw') => {
    const v = num(f[name]);
    return v === undefined || Number.isNaN(v) ? {} : { [name]: v };
  };
  const why = f.justification.trim() ? { justification: f.justification.trim() } : {};
  const opt = <K extends string>(k: K, v: number | string | undefined) => (v === undefined || v === 'invalid' || (typeof v === 'number' && Number.isNaN(v)) ? {} : { [k]: v });

  const actions: IssueBody['actions'] = [];
  if (f.problem === 'wrong_tariff') {
    if (f.reclassify) {
      const eff = day(f.effectiveDate);
      if (eff === undefined || eff === 'invalid') invalid.push('effectiveDate');
      else if (f.appliedCategory && f.correctCategory) {
        actions.push({ kind: 'tariff_reclassification', fromCategory: f.appliedCategory, toCategory: f.correctCategory, effectiveDate: eff });
      }
    }
    actions.push({
      kind: 'back_billing_and_penalty',
      penalty: {
        kind: 'wrong_tariff',
        appliedCategory: f.appliedCategory,
        correctCategory: f.correctCategory,
        monthlyKwh: num(f.monthlyKwh) ?? 0,
        detectedOn: f.detectedOn.trim(),
        ...opt('startDate', day(f.startDate)),
        ...chosen('penaltyMultiplier'),
        ...why,
      },
    });
  } else if (f.problem === 'theft') {
    actions.push({
      kind: 'back_billing_and_penalty',
      penalty: {
        kind: 'theft',
        capacityKw: num(f.capacityKw) ?? 0,
        priceYuanPerKwh: num(f.priceYuanPerKwh) ?? 0,
        ...opt('stolenKwh', num(f.stolenKwh)),
        detectedOn: f.detectedOn.trim(),
        ...opt('startDate', day(f.startDate)),
        lighting: f.lighting,
        ...chosen('penaltyMultiplier'),
        ...why,
      },
    });
  } else if (f.problem === 'capacity_overuse') {
    actions.push({
      kind: 'back_billing_and_penalty',
      penalty: {
        kind: 'capacity_overuse',
        excessKva: num(f.excessKva) ?? 0,
        basicFeeYuanPerKvaMonth: num(f.basicFeeYuanPerKvaMonth) ?? 0,
        ...opt('months', num(f.months)),
        detectedOn: f.detectedOn.trim(),
        tariffStructure: f.tariffStructure,
        ...chosen('penaltyMultiplier'),
        ...chosen('penaltyYuanPerKw'),
        ...why,
      },
    });
  }
  if (f.meterReplacement) actions.push({ kind: 'meter_replacement' });
  if (f.contractCorrection) actions.push({ kind: 'contract_correction' });
  if (f.otherNote.trim()) {
    if (f.otherNote.trim().length < 2) invalid.push('otherNote');
    else actions.push({ kind: 'other', note: f.otherNote.trim() });
  }
  if (actions.length === 0) invalid.push('otherNote');
  if (invalid.length) return { body: null, invalid: [...new Set(invalid)] };
  return { body: { actions, ...(f.owner ? { owner: f.owner } : {}) }, invalid: [] };
}

/** Whether the order charges money: then it is issued only after the calculator has answered for exactly this body. */
export const hasMoney = (body: IssueBody | null) => !!body?.actions.some((a) => a.kind === 'back_billing_and_penalty');

/** The order's computed back-billing + penalty, exact to the fen (as the server sums it); null when it charges nothing. */
export function computedTotalOf(rect: { computations: ReadonlyArray<{ backBillingYuan: number; penaltyYuan: number }> }): number | null {
  if (rect.computations.length === 0) return null;
  const fen = rect.computations.reduce((s, c) => s + Math.round(c.backBillingYuan * 100) + Math.round(c.penaltyYuan * 100), 0);
  return fen / 100;
}

/** The report form as typed. */
export interface ReportForm {
  summary: string;
  tariffChangedOn: string;
  collectedYuan: string;
  receiptNo: string;
}

export function initialReportForm(computedTotalYuan: number | null, now = Date.now()): ReportForm {
  return { summary: '', tariffChangedOn: chinaDate(now), collectedYuan: computedTotalYuan === null ? '' : String(computedTotalYuan), receiptNo: '' };
}

/**
 * The report's body, or the fields missing or invalid. With money on the order the collected amount is required, at most
 * the computed total, and a receipt number goes with any amount above 0; without money neither is sent.
 */
export function toReportBody(f: ReportForm, o: { computedTotalYuan: number | null; reclassified: boolean }): { body: ReportBody | null; invalid: Array<keyof ReportForm> } {
  const invalid: Array<keyof ReportForm> = [];
  const summary = f.summary.trim();
  if (summary.length < 2) invalid.push('summary');
  const changed = day(f.tariffChangedOn);
  if (o.reclassified && (changed === undefined || changed === 'invalid')) invalid.push('tariffChangedOn');
  let money: Pick<ReportBody, 'collectedYuan' | 'receiptNo'> = {};
  if (o.computedTotalYuan !== null) {
    const collected = num(f.collectedYuan);
    if (collected === undefined || Number.isNaN(collected) || collected > o.computedTotalYuan) invalid.push('collectedYuan');
    const receipt = f.receiptNo.trim();
    if (collected !== undefined && collected > 0 && !receipt) invalid.push('receiptNo');
    if (collected !== undefined && !Number.isNaN(collected)) money = { collectedYuan: collected, ...(receipt ? { receiptNo: receipt } : {}) };
  }
  if (invalid.length) return { body: null, invalid };
  return { body: { summary, ...(o.reclassified && changed && changed !== 'invalid' ? { tariffChangedOn: changed } : {}), ...money }, invalid: [] };
}
