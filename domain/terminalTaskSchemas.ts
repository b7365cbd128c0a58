import { z } from 'zod';
import { CaseOrigin, CaseStage, Priority } from './case';
import { CheckInRecord, FindingsRecord, PendingActor, RectificationOrder } from './caseStateSchemas';
import { Arrear, CustomerArchive, DailyReading, MeterEvent, MeteringVisit, MonthlyBill, Payment, WorkOrder } from './customerData';
import { CheckItem, JudgementResult } from './judgement';
import { EvidenceItem, EvidenceKind, TaskState, WorkingDaysLeft } from './terminalSchemas';

// Answers of the terminal's task detail, upload confirmation and customer routes (mobile-api/endpoints).

const GeoUri = z.string().describe('geo: URI for the phone\'s map app');

/** GET /mobile/v1/tasks/{id}: the case from the read model and its snapshot of the workflow's state. */
export const TaskDetail = z.object({
  caseId: z.uuid(),
  caseNo: z.string(),
  stage: CaseStage,
  priority: Priority,
  origin: CaseOrigin,
  note: z.string().nullable(),
  assignee: z.string().nullable(),
  assignment: z.enum(['none', 'offered', 'accepted']).nullable(),
  pendingActor: PendingActor,
  deadlineAt: z.string().nullable(),
  workingDaysLeft: WorkingDaysLeft,
  escalationTier: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  customer: CustomerArchive.extend({
    summary: z.object({
      months: z.number().int().describe('Billed months in the last 12 up to the latest closed month'),
      lastMonth: MonthlyBill.nullable(),
      avgMonthlyKwh: z.number().nullable(),
      maxMonthlyKwh: z.number().nullable(),
      arrearsYuan: z.number(),
      lastPayment: Payment.nullable(),
    }),
  }).nullable(),
  location: z.object({ lat: z.number(), lon: z.number(), geoUri: GeoUri }).nullable(),
  judgement: JudgementResult.omit({ checkItems: true, problemTypes: true }).nullable(),
  /** The must-check items (四必查) of the suspected problem types, as configured when the case was judged. */
  checkItems: z.array(CheckItem),
  suspectedProblemTypes: z.array(z.string()).describe('The problem types the judgement suspects (the families of the rules that fired)'),
  /** What this case's policy asks of the field evidence: below it, findings need a justification (the workflow's rule). */
  evidencePolicy: z.object({ minVerifiedPhotos: z.number().int(), geofenceRadiusM: z.number() }),
  checkIns: z.array(CheckInRecord),
  evidence: z.array(z.object({ evidenceId: z.string(), kind: EvidenceKind, sizeBytes: z.number().int(), capturedAt: z.string(), by: z.string(), status: z.enum(['pending', 'confirmed', 'rejected']) })),
  findings: FindingsRecord.nullable(),
  rectification: RectificationOrder.nullable(),
  history: z.array(z.object({ seq: z.number().int(), type: z.string(), stage: CaseStage, actor: z.string().nullable(), at: z.string() })),
});

/** POST …/evidence/{evidenceId}/confirm: the evidence, and the case after it (null when it had been confirmed before). */
export const EvidenceConfirmation = z.object({ evidence: EvidenceItem, state: TaskState.nullable() });

/** GET /mobile/v1/customers: custom audit's customer search. */
export const CustomerSearchHit = z.object({
  accountNo: z.string(), name: z.string(), address: z.string(), tariffCategory: z.string(), stationId: z.string(), status: z.string(),
  lat: z.number().nullable(), lon: z.number().nullable(), openCases: z.number().int().describe('Cases of the customer not yet ended'),
});

/** GET /mobile/v1/customers/{accountNo}: public query's customer 360. */
export const Customer360 = z.object({
  source: z.string().describe('The upstream connector that answered'),
  archive: CustomerArchive.extend({ geoUri: GeoUri.nullable() }),
  billing: z.object({ latestMonth: z.string().nullable(), bills: z.array(MonthlyBill), payments: z.array(Payment), arrears: z.array(Arrear) }),
  consumption: z.object({ monthly: z.array(z.object({ month: z.string(), kwh: z.number() })), daily: z.array(DailyReading) }),
  workOrders: z.array(WorkOrder),
  meterEvents: z.array(MeterEvent),
  meteringVisits: z.array(MeteringVisit).describe('Completed metering work orders (计量工单) of the same 90 days: the utility\'s own visits, which explain cover-open events near them'),
  cases: z.array(z.object({ caseId: z.uuid(), caseNo: z.string(), stage: CaseStage, origin: CaseOrigin, createdAt: z.string() })),
});
