import type pg from 'pg';
import { withTransaction } from './pool';

/** Stages after which a case no longer counts as open. */
const ENDED = ['closed', 'dismissed', 'cancelled'];
/**
 * A reservation whose workflow never wrote its case row (the start failed after the commit, the worker is down)
 * stops blocking after this long; a started workflow records its row within seconds.
 */
const RESERVATION_TTL = '15 minutes';

export interface OpenCaseRef {
  id: string;
  caseNo: string | null;
  origin: string;
  family: string | null;
}

export interface CaseOpeningRequest {
  caseId: string;
  accountNo: string;
  origin: 'routine' | 'special' | 'custom';
  /** The routine work order's anomaly type; null for origins that have no problem family before findings. */
  family: string | null;
  by: string;
  /** A supervisor's or manager's deliberate second case: opened whatever is open, with this reason recorded. */
  duplicateReason?: string;
}

export type CaseOpening = { reserved: true; duplicateOf: OpenCaseRef | null } | { reserved: false; existing: OpenCaseRef };

/** Two families clash when either has none (a family-agnostic case covers whatever the visit finds) or they are equal. */
export const familiesClash = (a: string | null, b: string | null) => a === null || b === null || a === b;

/**
 * One open case per customer and problem family, across origins. Serialised per customer by a transaction-scoped
 * advisory lock, so two simultaneous requests cannot both see "nothing open": the first reserves its case id, the
 * second finds the reservation (or the case row, once recorded). A case id reserved before (a retried request, a
 * replayed campaign batch, a re-imported work order) is reserved again without a check.
 */
export async function reserveCaseOpening(pool: pg.Pool, r: CaseOpeningRequest): Promise<CaseOpening> {
  return withTransaction(pool, async (c) => {
    await c.query("select pg_advisory_xact_lock(hashtextextended('case-opening:' || $1, 0))", [r.accountNo]);
    const own = await c.query('select 1 from case_openings where case_id = $1 union all select 1 from cases where id = $1', [r.caseId]);
    if (own.rowCount) return { reserved: true, duplicateOf: null };
    const clash = (await openCasesOf(c, r.accountNo, r.caseId)).find((o) => familiesClash(o.family, r.family)) ?? null;
    if (clash && r.duplicateReason === undefined) return { reserved: false, existing: clash };
    await c.query(
      `insert into case_openings (case_id, account_no, origin, family, duplicate_of, duplicate_reason, reserved_by)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (case_id) do nothing`,
      [r.caseId, r.accountNo, r.origin, r.family, clash?.id ?? null, clash ? r.duplicateReason : null, r.by],
    );
    return { reserved: true, duplicateOf: clash };
  });
}

/** A reservation whose workflow could not be started: the customer is free again. */
export async function releaseCaseOpening(pool: Pick<pg.Pool, 'query'>, caseId: string): Promise<void> {
  await pool.query('delete from case_openings where case_id = $1 and not exists (select 1 from cases where id = $1)', [caseId]);
}

/**
 * The customer's open cases, newest first: recorded ones not yet ended, and reservations whose workflow has not
 * recorded its row yet. A case opened before the reservations existed takes its family from its routine work order.
 */
export async function openCasesOf(db: Pick<pg.Pool, 'query'> | pg.PoolClient, accountNo: string, exceptCaseId?: string): Promise<OpenCaseRef[]> {
  const r = await db.query<{ id: string; case_no: string | null; origin: string; family: string | null }>(
    `select id, case_no, origin, family from (
       select c.id, c.case_no, c.origin, coalesce(o.family, w.anomaly_type) as family, c.created_at as at
         from cases c left join case_openings o on o.case_id = c.id left join routine_work_orders w on w.case_id = c.id
        where c.customer_account_no = $1 and c.stage <> all($2)
       union all
       select o.case_id, null, o.origin, o.family, o.reserved_at
         from case_openings o
        where o.account_no = $1 and o.reserved_at > now() - $3::interval and not exists (select 1 from cases c where c.id = o.case_id)
     ) x where $4::uuid is null or id <> $4::uuid
     order by at desc`,
    [accountNo, ENDED, RESERVATION_TTL, exceptCaseId ?? null],
  );
  return r.rows.map((x) => ({ id: x.id, caseNo: x.case_no, origin: x.origin, family: x.family }));
}

