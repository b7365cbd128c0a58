// Signed anchors of the audit trail's and the case log's heads, kept write-once in the evidence store (#18,
// docs/integrity.md): the bucket's object lock retains every anchor version, so rewriting the database afterwards
// cannot move an anchor along with it.
import type pg from 'pg';
import type { Client as MinioClient } from 'minio';
import { auditAnchorBreach, caseAnchorBreaches, caseHeadsDigestAt, takeLogHeads, type AnchorBreach } from '../../db/logAnchors';
import type { Queryable } from '../../db/pool';
import { listVersions } from '../evidence/integritySweep';
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

/**
 * The newest anchor under the prefix (keys sort newest first), its signature checked. The listing includes versions and
 * delete markers: a locked anchor cannot be removed, but a delete marker could hide it (and make an older anchor look
 * like the latest) and an overwrite adds a newer version — either is reported, and the first version written is read.
 */
export async function latestAnchor(store: AnchorStore): Promise<LatestAnchor> {
  // a versioned listing names a key even when a delete marker hides it (the plain one would skip to an older anchor)
  const listing = store.s3.listObjects(store.bucket, store.prefix, true, { IncludeVersion: true } as never);
  let objectKey: string | undefined;
  for await (const raw of listing) {
    const name = (raw as { name?: string }).name;
    if (name?.endsWith('.json')) {
      objectKey = name;
      break;
    }
  }
  (listing as unknown as { destroy?: () => void }).destroy?.();
  if (!objectKey) return { state: 'none' };
  // stores list delete markers apart from the versions (SeaweedFS: after them all): ask for this key's own
  const versions = await listVersions(store.s3, store.bucket, objectKey);
  if (versions.some((v) => v.isDeleteMarker)) return { state: 'bad', objectKey, problem: '最新的锚点被删除标记隐藏 / the latest anchor was hidden behind a delete marker' };
  if (versions.length > 1) return { state: 'bad', objectKey, problem: '最新的锚点被覆盖（存在多个版本）/ the latest anchor was overwritten (it has several versions)' };
  let signed: SignedLogAnchor;
  try {
    const versionId = versions[0]?.versionId;
    const opts = versionId && versionId !== 'null' ? { versionId } : undefined;
    signed = JSON.parse((await readAll(await store.s3.getObject(store.bucket, objectKey, opts))).toString('utf8')) as SignedLogAnchor;
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
