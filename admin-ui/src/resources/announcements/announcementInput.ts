import { toIso } from '../content/ContentDateTime';

/** The form's values as POST/PUT /api/announcements takes them (the API refuses unknown fields). */
export function toAnnouncementInput(v: Record<string, unknown>) {
  const unit = typeof v.orgUnitId === 'string' ? v.orgUnitId.trim() : '';
  const publishedAt = toIso(v.publishedAt);
  return {
    title: typeof v.title === 'string' ? v.title : '',
    body: typeof v.body === 'string' ? v.body : '',
    pinned: v.pinned === true,
    // everyone: null; no unit given: the caller's own (the API's default)
    ...(v.toEveryone === true ? { orgUnitId: null } : unit ? { orgUnitId: unit } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    expiresAt: toIso(v.expiresAt),
  };
}
