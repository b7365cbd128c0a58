// Signed anchors of the audit trail's and the case log's heads, kept write-once in the evidence store (#18,
// docs/integrity.md): the bucket's object lock retains every anchor version, so rewriting the database afterwards
// cannot move an anchor along with it.
import type pg from 'pg';
import type { Client as MinioClient } from 'minio';
import { auditAnchorBreach, caseAnchorBreaches, caseHeadsDigestAt, takeLogHeads, type AnchorBreach } from '../../db/logAnchors';
import type { Queryable } from '../../db/pool';
import { anchorObjectKey, anchorSignatureProblem, signAnchor, type LogAnchor, type SignedLogAnchor } from '../../domain/logAnchor';

export interface AnchorStore {
  s3: MinioClient;
  bucket: string;
  /** Signs and verifies (LOG_ANCHOR_KEY). */
  key: string;
  /** anchorPrefixFor(DATABASE_URL) in the app; tests use scratch prefixes. */
  prefix: string;
}

export interface WrittenAnchor {
  objectKey: string;
  versionId: string | null;
  anchor: LogAnchor;
}

/** Takes both chains' heads and writes them, signed, under the store's prefix (the bucket's default retention locks it). */
export async function anchorLogs(pool: pg.Pool, store: AnchorStore, takenAt?: Date): Promise<WrittenAnchor> {
  const anchor = await takeLogHeads(pool, takenAt);
  const objectKey = anchorObjectKey(store.prefix, anchor);
  const body = Buffer.from(JSON.stringify(signAnchor(store.key, anchor), null, 1));
  const put = await store.s3.putObject(store.bucket, objectKey, body, body.length, { 'Content-Type': 'application/json' });
  return { objectKey, versionId: put.versionId ?? null, anchor };
}

export type LatestAnchor =
  | { state: 'none' }
  | { state: 'bad'; objectKey: string; problem: string }
  | { state: 'ok'; objectKey: string; anchor: LogAnchor };

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/** The newest anchor under the prefix (keys sort newest first), its signature checked. */
export async function latestAnchor(store: AnchorStore): Promise<LatestAnchor> {
  const prefix = store.prefix;
  const listing = store.s3.listObjectsV2(store.bucket, prefix, true);
  let objectKey: string | undefined;
  for await (const item of listing as AsyncIterable<{ name?: string }>) {
    if (item.name?.endsWith('.json')) {
      objectKey = item.name;
      break;
    }
  }
  (listing as unknown as { destroy?: () => void }).destroy?.();
  if (!objectKey) return { state: 'none' };
  let signed: SignedLogAnchor;
  try {
    signed = JSON.parse((await readAll(await store.s3.getObject(store.bucket, objectKey))).toString('utf8')) as SignedLogAnchor;
  } catch (e) {
    return { state: 'bad', objectKey, problem: `锚点对象无法读取 / the anchor object cannot be read (${(e as Error).message})` };
  }
  const problem = anchorSignatureProblem(store.key, signed);
  return problem ? { state: 'bad', objectKey, problem } : { state: 'ok', objectKey, anchor: signed.anchor };
}

const KIND_TEXT: Record<AnchorBreach['kind'], (b: AnchorBreach) => string> = {
  truncated: (b) => `最新记录被删除：锚点记录到第 ${b.position} 条，现在只到第 ${b.lastNow} 条 / newest rows deleted: the anchor holds row ${b.position}, the log now ends at row ${b.lastNow}`,
  rewritten: (b) => `第 ${b.position} 条不再得出锚定的哈希，记录链被重算 / row ${b.position} no longer reproduces the anchored hash: the chain was rewritten`,
  missing: (b) => `锚定的第 ${b.position} 条记录已被删除 / the anchored row ${b.position} was deleted`,
};

export const breachText = (b: AnchorBreach) => KIND_TEXT[b.kind](b);

/** One line per finding; empty when the log agrees with the anchor. */
export interface AnchorCheck {
  anchor: LatestAnchor;
  problems: string[];
}

const anchorName = (a: { objectKey: string; anchor: LogAnchor }) => `${a.anchor.takenAt} (${a.objectKey})`;

/** The audit trail against the latest anchor (run after verifyAuditChain: rows after the anchor are checked there). */
export async function checkAuditAgainstAnchor(db: Queryable, store: AnchorStore): Promise<AnchorCheck> {
  const anchor = await latestAnchor(store);
  if (anchor.state === 'none') return { anchor, problems: [] };
  if (anchor.state === 'bad') return { anchor, problems: [`TAMPERED anchor ${anchor.objectKey} — ${anchor.problem}`] };
  if (!anchor.anchor.audit) return { anchor, problems: [] };
  const breach = await auditAnchorBreach(db, anchor.anchor.audit);
  return { anchor, problems: breach ? [`TAMPERED audit trail against anchor ${anchorName(anchor)} — ${breachText(breach)}`] : [] };
}

/** The case log against the latest anchor: the recorded heads must reproduce the signed digest, and every chain reach its head. */
export async function checkCaseLogAgainstAnchor(db: Queryable, store: AnchorStore, caseId?: string): Promise<AnchorCheck> {
  const anchor = await latestAnchor(store);
  if (anchor.state === 'none') return { anchor, problems: [] };
  if (anchor.state === 'bad') return { anchor, problems: [`TAMPERED anchor ${anchor.objectKey} — ${anchor.problem}`] };
  const problems: string[] = [];
  const heads = await caseHeadsDigestAt(db, anchor.anchor.anchorId);
  const signed = anchor.anchor.caseLog;
  if (heads.digest !== signed.digest || heads.cases !== signed.cases || Number(heads.events) !== signed.events) {
    problems.push(`TAMPERED case-log anchor heads — 数据库中的案件链头与签名锚点 ${anchorName(anchor)} 不符（${heads.cases} 个案件 / ${signed.cases}）`
      + ` / the case chain heads in the database do not match the signed anchor (${heads.cases} cases, ${signed.cases} anchored)`);
  }
  for (const b of await caseAnchorBreaches(db, anchor.anchor.anchorId, caseId)) {
    problems.push(`TAMPERED case ${b.chain} against anchor ${anchorName(anchor)} — ${breachText(b)}`);
  }
  return { anchor, problems };
}
