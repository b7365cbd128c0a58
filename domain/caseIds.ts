import crypto from 'node:crypto';

/**
 * A UUID (version-8 layout, RFC 9562) from the SHA-256 of its parts: the same parts always give the same case id,
 * hence the same workflow id — the guard against a second case for one campaign customer or one work order.
 * Not for workflow code (node:crypto); activities and the API compute it.
 */
export function uuidFromKey(...parts: string[]): string {
  const h = crypto.createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The case of one customer in one campaign (专项稽查). */
export const campaignCaseId = (campaignId: string, accountNo: string) => uuidFromKey('campaign-case', campaignId, accountNo);

/** The case of one anomaly work order of the monitoring system (常态稽查). */
export const routineCaseId = (orderNo: string) => uuidFromKey('routine-work-order', orderNo);
