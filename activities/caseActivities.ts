import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseEvent, CaseSnapshot } from '../domain/caseEvents';
import { SNAPSHOT_BASE_MISSING, type CaseSnapshotDelta } from '../domain/caseSnapshotDelta';
import type { CasePolicy } from '../domain/casePolicy';
import type { WorkCalendar } from '../domain/calendar';
import { workCalendarFrom } from '../services/calendar/workCalendar';
import { storableText } from '../domain/caseLogRefusal';
import { caseWorkflowId, type InspectionCaseInput, type InspectionCaseState } from '../domain/inspectionCaseContract';
import { appendCaseEvent, SnapshotBaseMissing } from '../db/caseLog';
import { refusedValue } from '../db/refusedValue';
import { asCaseLogRefusal, type OnCaseLogRefused } from './caseLogRefusal';
import { leastLoadedInspector, orgAncestors, personnelAt } from '../db/personnel';
import { activeCasePolicy, casePolicyByVersion } from '../db/rules';
import { insertNotifications } from '../db/notifications';

export interface CaseActivityDeps {
  pool: pg.Pool;
  onCaseLogRefused?: OnCaseLogRefused;
}

/** A published case policy named by a case's input; a name that is no published policy fails the case's start. */
async function namedCasePolicy(pool: pg.Pool, version: string): Promise<CasePolicy> {
  const policy = await casePolicyByVersion(pool, version);
  if (!policy) throw ApplicationFailure.nonRetryable(`case policy ${version} is not published`, 'UnknownCasePolicy');
  return policy;
}

export interface CaseContext {
  customer: NonNullable<InspectionCaseState['customer']> & { cityId: string };
  policy: CasePolicy;
  /**
   * The published working-day calendar from the case's start on, with the last known day (absent in the context of
   * cases started before #17, which count on `policy.calendar`).
   */
  calendar?: WorkCalendar;
  /** Station personnel when the case started: who may be assigned, who owns rectification. */
  inspectors: string[];
  stationLeads: string[];
}

export interface Recipient {
  username?: string;
  role?: 'inspector' | 'station_lead' | 'supervisor' | 'manager';
  orgUnit: string;
}

export interface NotifyRequest {
  /** Unique per notification (case, stage round, kind): retries insert it once. */
  dedupeKey: string;
  caseId: string;
  kind: string;
  title: string;
  /** The English body, for rows read without a catalogue; `code` + `params` are what a reader sees in their language. */
  body: string;
  code?: string;
  params?: Record<string, string | number | null>;
  at: string;
  recipients: Recipient[];
}

/** Built from injected clients so tests and the worker share one implementation. */
export function createCaseActivities({ pool, onCaseLogRefused }: CaseActivityDeps) {
  const unknownCustomer = (accountNo: string) => ApplicationFailure.nonRetryable(`customer ${accountNo} does not exist`, 'UnknownCustomer');
  return {
    /** Writes the case into the read model with its first log row; safe to retry. A refused value: CaseLogValueRefused. */
    async recordCaseOpened(input: InspectionCaseInput, event: CaseEvent): Promise<{ caseNo: string }> {
      // an account number Postgres cannot even compare (a NUL) names no customer
      const r = await pool.query('select 1 from customers where account_no = $1', [input.customerAccountNo]).catch((e: unknown) => {
        throw refusedValue(e) ? unknownCustomer(storableText(String(input.customerAccountNo))) : e;
      });
      if (!r.rowCount) throw unknownCustomer(input.customerAccountNo);
      const { caseNo } = await appendCaseEvent(pool, event, undefined, {
        id: input.caseId,
        workflowId: caseWorkflowId(input.caseId),
        customerAccountNo: input.customerAccountNo,
        origin: input.origin,
        priority: 'normal',
        note: input.note ?? null,
        createdBy: input.createdBy,
        createdAt: input.requestedAt,
        campaignId: input.campaignId ?? null,
      }).catch((e: unknown) => {
        throw asCaseLogRefusal(e, event, onCaseLogRefused);
      });
      return { caseNo };
    },

    /**
     * Appends one transition to the case log and moves the read model to the snapshot, or by the change since the
     * previous event (cases started since the history diet); keyed by (case id, seq).
     * A value Postgres refuses: CaseLogValueRefused (non-retryable), for the workflow to record a placeholder.
     * A change with no state in the row to apply to: CaseSnapshotBaseMissing (non-retryable), for the workflow to send the full snapshot.
     */
    async recordCaseEvent(event: CaseEvent, snapshot?: CaseSnapshot | CaseSnapshotDelta): Promise<void> {
      await appendCaseEvent(pool, event, snapshot).catch((e: unknown) => {
        if (e instanceof SnapshotBaseMissing) throw ApplicationFailure.nonRetryable(e.message, SNAPSHOT_BASE_MISSING);
        throw asCaseLogRefusal(e, event, onCaseLogRefused);
      });
    },

    /** `policyVersion`: a published case policy named by the case's input instead of the one in force at `at`. */
    async loadCaseContext(accountNo: string, at: string, policyVersion?: string): Promise<CaseContext> {
      const r = await pool.query<{ account_no: string; name: string; station_id: string; lat: number | null; lon: number | null }>(
        'select account_no, name, station_id, lat, lon from customers where account_no = $1',
        [accountNo],
      );
      const c = r.rows[0];
      if (!c) throw ApplicationFailure.nonRetryable(`customer ${accountNo} does not exist`, 'UnknownCustomer');
      const up = await orgAncestors(pool, c.station_id);
      const countyId = up.find((o) => o.level === 'county')?.id ?? c.station_id;
      const cityId = up.find((o) => o.level === 'city')?.id ?? countyId;
      const [policy, calendar, inspectors, stationLeads] = await Promise.all([
        policyVersion ? namedCasePolicy(pool, policyVersion) : activeCasePolicy(pool, at),
        workCalendarFrom(pool, Date.parse(at)),
        personnelAt(pool, c.station_id, 'inspector'),
        personnelAt(pool, c.station_id, 'station_lead'),
      ]);
      return {
        customer: { accountNo: c.account_no, name: c.name, stationId: c.station_id, countyId, cityId, lat: c.lat, lon: c.lon },
        policy,
        calendar,
        inspectors,
        stationLeads,
      };
    },

    /** The published calendar from an instant on (a case recomputing a provisional deadline after a publication). */
    async loadWorkCalendar(from: string): Promise<WorkCalendar> {
      return workCalendarFrom(pool, Date.parse(from));
    },

    async pickInspector(stationId: string, exclude: string[]): Promise<string | null> {
      return leastLoadedInspector(pool, stationId, exclude);
    },

    /** In-app inbox rows now; SMS or mail adapters plug in here later. */
    async notify(n: NotifyRequest): Promise<number> {
      return insertNotifications(pool, n);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
