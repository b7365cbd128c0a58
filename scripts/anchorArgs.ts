import type { Client as MinioClient } from 'minio';
import type { Config } from '../config/env';
import { anchorPrefixFor } from '../domain/logAnchor';
import type { AnchorStore } from '../services/integrity/logAnchors';

/** The anchor store of the configuration; `--prefix=<p>` reads or writes anchors under another prefix (tests use a scratch one). */
export function anchorStoreFromArgs(config: Pick<Config, 'S3_BUCKET' | 'LOG_ANCHOR_KEY' | 'DATABASE_URL'>, s3: MinioClient, args: string[]): AnchorStore {
  const prefix = args.find((a) => a.startsWith('--prefix='))?.slice('--prefix='.length);
  return { s3, bucket: config.S3_BUCKET, key: config.LOG_ANCHOR_KEY, prefix: prefix || anchorPrefixFor(config.DATABASE_URL) };
}

/** The arguments that are not options. */
export const positional = (args: string[]) => args.filter((a) => !a.startsWith('--'));
