// A signed checkpoint of the two hash-chained logs' heads (#18): what the anchor object in the evidence store holds.
import crypto from 'node:crypto';
import { canonicalJson } from './caseEvents';

export interface LogAnchor {
  version: 1;
  /** log_anchor_seq: orders anchors, and names the case heads recorded with this one (log_anchor_case_heads). */
  anchorId: number;
  takenAt: string;
  /** The audit trail's newest row when the anchor was taken (null: the trail was empty). */
  audit: { position: number; hash: string } | null;
  /** sha256 over "case_id:seq:hash" lines of every case chain's head, sorted by case id; with their count and seq sum. */
  caseLog: { cases: number; events: number; digest: string };
}

export interface SignedLogAnchor {
  anchor: LogAnchor;
  /** Which key signed (the first 16 hex digits of the key's SHA-256): a rotated key is named, not just "bad signature". */
  keyId: string;
  /** HMAC-SHA256 over the anchor's canonical JSON, hex. */
  signature: string;
}

export const keyIdOf = (key: string) => crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);

const mac = (key: string, anchor: LogAnchor) => crypto.createHmac('sha256', key).update(canonicalJson(anchor)).digest('hex');

export function signAnchor(key: string, anchor: LogAnchor): SignedLogAnchor {
  return { anchor, keyId: keyIdOf(key), signature: mac(key, anchor) };
}

/** null when the signature holds; otherwise why not (zh-CN / English). */
export function anchorSignatureProblem(key: string, signed: SignedLogAnchor): string | null {
  if (!signed || typeof signed !== 'object' || !signed.anchor || typeof signed.signature !== 'string') return '锚点对象格式无效 / the anchor object is malformed';
  if (signed.keyId !== keyIdOf(key)) return `锚点由另一把密钥签名（${String(signed.keyId)}）/ the anchor was signed by another key (${String(signed.keyId)})`;
  const expected = Buffer.from(mac(key, signed.anchor), 'hex');
  const given = Buffer.from(signed.signature, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return '锚点签名无效 / the anchor signature does not verify';
  return null;
}

/**
 * Object keys sort newest first (S3 lists keys in ascending order): the inverted epoch milliseconds, then the anchor id,
 * so the latest anchor is the first key listed under the prefix.
 */
export function anchorObjectKey(prefix: string, anchor: Pick<LogAnchor, 'anchorId' | 'takenAt'>): string {
  const inverted = String(1e13 - Date.parse(anchor.takenAt)).padStart(13, '0');
  return `${prefix}${inverted}-${String(anchor.anchorId).padStart(12, '0')}.json`;
}

export const DEFAULT_ANCHOR_PREFIX = 'anchors/';

/**
 * Anchors of one database live under anchors/<database name>/ (from the configured DATABASE_URL, not from the database
 * itself): a dev stack and its test database share the evidence bucket, and neither must be checked against the other's.
 */
export function anchorPrefixFor(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')) || 'postgres';
  return `${DEFAULT_ANCHOR_PREFIX}${name}/`;
}
