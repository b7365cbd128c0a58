import type { Queryable } from './pool';

// The in-app inbox (table notifications, read by db/escalations.ts inboxOf). SMS or mail adapters plug in later.

export interface NotificationRecipient {
  username?: string;
  role?: 'inspector' | 'station_lead' | 'supervisor' | 'manager';
  orgUnit: string;
}

export interface NewNotification {
  /** Unique per notification: a retry (activity, sweep run) inserts it once. One row per recipient: `<key>#<i>`. */
  dedupeKey: string;
  caseId: string | null;
  kind: string;
  title: string;
  body: string;
  /** The body's message code and params (domain/messages/notifications.ts), rendered in each reader's language. */
  code?: string;
  params?: Record<string, string | number | null>;
  at: string;
  recipients: NotificationRecipient[];
}

/** Inserts one inbox row per recipient; returns how many were new. */
export async function insertNotifications(db: Queryable, n: NewNotification): Promise<number> {
  let inserted = 0;
  for (const [i, to] of n.recipients.entries()) {
    const res = await db.query(
      `insert into notifications (dedupe_key, case_id, recipient_user, recipient_role, recipient_org, kind, title, body, created_at, code, params)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (dedupe_key) do nothing`,
      [`${n.dedupeKey}#${i}`, n.caseId, to.username ?? null, to.role ?? null, to.orgUnit, n.kind, n.title, n.body, n.at, n.code ?? null, n.params ? JSON.stringify(n.params) : null],
    );
    inserted += res.rowCount ?? 0;
  }
  return inserted;
}
