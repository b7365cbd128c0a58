import { ConfigError, loadConfig } from '../../config/env';
import { evidenceBucketPolicy, lockedBucketHowTo } from '../../config/s3';
import {
  classifyIntegrity, integrityNotice, pickTarget, retentionDays, retentionToApply, versionToPin, type StoredVersion,
} from '../../domain/evidenceIntegrity';
import { parseVerifyArgs, summaryLines, UsageError } from '../../scripts/verify-evidence';

// The pure parts of write-once evidence: which version a check reads, what it concludes, what it pins, how the
// bucket's lock is reconciled with the configuration, and the verify:evidence command line.

const SHA = 'a'.repeat(64);
const v = (versionId: string | null, over: Partial<StoredVersion> = {}): StoredVersion => ({
  versionId, isLatest: false, isDeleteMarker: false, lastModified: '2026-12-01T00:00:00.000Z', size: 10, ...over,
});
const expected = { sha256: SHA, sizeBytes: 10 };
const intact = { sha256: SHA, size: 10 };

describe('the version a check reads', () => {
  test('pinned: exactly that version, never a later one nor a delete marker of the same id', () => {
    const pinned = v('v1', { lastModified: '2026-12-01T00:00:00Z' });
    const later = v('v2', { isLatest: true, lastModified: '2026-12-02T00:00:00Z' });
    expect(pickTarget([later, pinned], 'v1')).toBe(pinned);
    expect(pickTarget([later], 'v1')).toBeNull();
    expect(pickTarget([v('v1', { isDeleteMarker: true, isLatest: true })], 'v1')).toBeNull();
  });

  test('pinned on an unversioned bucket: the version S3 calls "null", even after versioning was turned on', () => {
    const nullVersion = v(null, { lastModified: '2026-12-01T00:00:00Z' });
    const later = v('v2', { isLatest: true });
    expect(pickTarget([later, nullVersion], 'null')).toBe(nullVersion);
    expect(pickTarget([later], 'null')).toBeNull();
  });

  test('not pinned: the version written while unversioned, else the oldest (what `mc mirror` copied first)', () => {
    const nullVersion = v('null', { lastModified: '2026-12-01T00:00:00Z' });
    const newer = v('v9', { isLatest: true, lastModified: '2026-11-01T00:00:00Z' }); // clock skew: the id decides, not the time
    expect(pickTarget([newer, nullVersion], null)).toBe(nullVersion);
    const first = v('a', { lastModified: '2026-12-01T00:00:00Z' });
    const second = v('b', { isLatest: true, lastModified: '2026-12-03T00:00:00Z' });
    expect(pickTarget([second, first], null)).toBe(first);
    expect(pickTarget([v('m', { isDeleteMarker: true, isLatest: true })], null)).toBeNull();
    expect(pickTarget([], null)).toBeNull();
  });
});

describe('what a check concludes', () => {
  test('ok: the confirmed bytes, still the latest version', () => {
    const t = v('v1', { isLatest: true });
    expect(classifyIntegrity(expected, t, intact, [t])).toEqual({ outcome: 'ok', detail: { versions: 1, deleteMarkers: 0 } });
  });

  test('mismatch: other bytes, or the same hash with another size, under the pinned version', () => {
    const t = v('null', { isLatest: true });
    expect(classifyIntegrity(expected, t, { sha256: 'b'.repeat(64), size: 10 }, [t])).toMatchObject({ outcome: 'mismatch', detail: { sha256: 'b'.repeat(64), size: 10 } });
    expect(classifyIntegrity(expected, t, { sha256: SHA, size: 11 }, [t]).outcome).toBe('mismatch');
  });

  test('missing: no version to read, or it vanished between the listing and the read', () => {
    expect(classifyIntegrity(expected, null, null, [])).toEqual({ outcome: 'missing', detail: { versions: 0, deleteMarkers: 0 } });
    const t = v('v1', { isLatest: true });
    expect(classifyIntegrity(expected, t, null, [t]).outcome).toBe('missing');
  });

  test('newer-version: intact bytes, but an overwrite or a delete marker sits on the key', () => {
    const t = v('v1');
    const overwrite = v('v2', { isLatest: true, lastModified: '2026-12-02T00:00:00Z' });
    expect(classifyIntegrity(expected, t, intact, [overwrite, t])).toEqual({ outcome: 'newer-version', detail: { versions: 2, deleteMarkers: 0, newerVersions: 1, latestIsDeleteMarker: 0 } });
    const marker = v('m1', { isLatest: true, isDeleteMarker: true, size: null });
    expect(classifyIntegrity(expected, t, intact, [t, marker])).toMatchObject({ outcome: 'newer-version', detail: { deleteMarkers: 1, latestIsDeleteMarker: 1 } });
  });

  test('missing wins over mismatch, mismatch over newer-version', () => {
    const t = v('v1');
    const overwrite = v('v2', { isLatest: true });
    expect(classifyIntegrity(expected, t, { sha256: 'c'.repeat(64), size: 10 }, [t, overwrite]).outcome).toBe('mismatch');
    expect(classifyIntegrity(expected, null, null, [overwrite]).outcome).toBe('missing');
  });
});

describe('what the sweep pins for an item confirm did not pin', () => {
  const ok = { outcome: 'ok' as const, detail: {} };
  test('an unpinned item whose first version holds the confirmed bytes', () => {
    expect(versionToPin(null, v('v1', { isLatest: true }), ok)).toBe('v1');
    expect(versionToPin(null, v('v1'), { outcome: 'newer-version', detail: {} })).toBe('v1');
  });
  test('the version written while unversioned is pinned by its S3 name, "null"', () => {
    expect(versionToPin(null, v('null', { isLatest: true }), ok)).toBe('null');
    expect(versionToPin(null, v(null, { isLatest: true }), ok)).toBe('null');
  });
  test('never a pinned item, never other bytes, never nothing', () => {
    expect(versionToPin('v0', v('v1'), ok)).toBeNull();
    expect(versionToPin('null', v('v1'), ok)).toBeNull();
    expect(versionToPin(null, v('v1'), { outcome: 'mismatch', detail: {} })).toBeNull();
    expect(versionToPin(null, null, { outcome: 'missing', detail: {} })).toBeNull();
  });
});

describe('the bucket lock follows the configuration upwards only', () => {
  test('a bucket without a default retention gets the configured one', () => {
    expect(retentionToApply(null, { mode: 'COMPLIANCE', days: 1825 })).toEqual({ mode: 'COMPLIANCE', days: 1825 });
  });
  test('weaker parts are raised, stronger ones kept: a typo never shortens how long evidence is kept', () => {
    expect(retentionToApply({ mode: 'GOVERNANCE', days: 1825 }, { mode: 'COMPLIANCE', days: 1825 })).toEqual({ mode: 'COMPLIANCE', days: 1825 });
    expect(retentionToApply({ mode: 'COMPLIANCE', days: 3650 }, { mode: 'GOVERNANCE', days: 1 })).toBeNull();
    expect(retentionToApply({ mode: 'COMPLIANCE', days: 30 }, { mode: 'GOVERNANCE', days: 1825 })).toEqual({ mode: 'COMPLIANCE', days: 1825 });
    expect(retentionToApply({ mode: 'GOVERNANCE', days: 1825 }, { mode: 'GOVERNANCE', days: 1825 })).toBeNull();
  });
  test('S3 states retention in days or years', () => {
    expect(retentionDays(5, 'Years')).toBe(1825);
    expect(retentionDays(30, 'Days')).toBe(30);
  });
});

describe('configuration', () => {
  test('five years everywhere; COMPLIANCE in production, GOVERNANCE elsewhere (the local admin key may then clean up)', () => {
    const local = loadConfig({});
    expect(evidenceBucketPolicy(local)).toEqual({ bucket: 'jicha-evidence', region: 'us-east-1', retention: { mode: 'GOVERNANCE', days: 1825 }, production: false });
    const prod = loadConfig({ NODE_ENV: 'production', S3_SECRET_KEY: 'a-real-secret', DATABASE_URL: 'postgres://u:strong@db/jicha', LOG_ANCHOR_KEY: 'c'.repeat(64) });
    expect(evidenceBucketPolicy(prod)).toMatchObject({ retention: { mode: 'COMPLIANCE', days: 1825 }, production: true });
    expect(loadConfig({ EVIDENCE_LOCK_MODE: 'COMPLIANCE', EVIDENCE_RETENTION_DAYS: '30', EVIDENCE_SWEEP_SAMPLE: '0' })).toMatchObject({ EVIDENCE_LOCK_MODE: 'COMPLIANCE', EVIDENCE_RETENTION_DAYS: 30, EVIDENCE_SWEEP_SAMPLE: 0 });
    expect(loadConfig({ EVIDENCE_LOCK_MODE: '' }).EVIDENCE_LOCK_MODE).toBe('GOVERNANCE'); // compose's empty default
  });
  test('a lock mode or retention S3 does not know stops boot, naming the variable', () => {
    expect(() => loadConfig({ EVIDENCE_LOCK_MODE: 'WORM' })).toThrow(ConfigError);
    expect(() => loadConfig({ EVIDENCE_LOCK_MODE: 'WORM' })).toThrow(/EVIDENCE_LOCK_MODE/);
    expect(() => loadConfig({ EVIDENCE_RETENTION_DAYS: '0' })).toThrow(/EVIDENCE_RETENTION_DAYS/);
  });
  test('the how-to for an unlocked bucket names the commands with the configured retention', () => {
    expect(lockedBucketHowTo('jicha-evidence', { mode: 'COMPLIANCE', days: 1825 })).toContain('mc retention set --default COMPLIANCE 1825d jicha/jicha-evidence-locked');
  });
});

test('the supervisors\' notice names the case, the item and what was found, in Chinese first', () => {
  const n = integrityNotice({ caseNo: 'JC-1', customerName: '咸宁某合作社', evidenceId: 'e-1', kind: 'photo', outcome: 'newer-version', checkedAt: '2026-12-04T03:30:00Z' });
  expect(n.title).toBe('证据完整性告警 / Evidence integrity alert: JC-1 咸宁某合作社');
  expect(n.body).toMatch(/^工单 JC-1 的证据 e-1（照片）复核未通过：有人试图覆盖或删除该证据/);
  // and as code + params, for each reader's language (#16)
  expect(n).toMatchObject({ code: 'notification.evidence-integrity', params: { evidenceKind: 'photo', outcome: 'newer-version' } });
  expect(n.body).toMatch(/。\/ Evidence e-1 \(photo\) of case JC-1 failed re-verification: someone tried to overwrite/);
});

describe('npm run verify:evidence', () => {
  test('flags after `--` as they are', () => {
    expect(parseVerifyArgs([])).toEqual({ all: false, caseRef: null, repin: false, sample: null, concurrency: 4 });
    expect(parseVerifyArgs(['--all', '--repin', '--concurrency', '8'])).toMatchObject({ all: true, repin: true, concurrency: 8 });
    expect(parseVerifyArgs(['--case', 'JC-2026-0001'])).toMatchObject({ caseRef: 'JC-2026-0001', all: false });
    expect(parseVerifyArgs(['--sample', '50'])).toMatchObject({ sample: 50 });
  });
  test('flags npm kept for itself (`npm run verify:evidence --all`, `--case X`) come through its environment', () => {
    expect(parseVerifyArgs([], { npm_config_all: 'true' })).toMatchObject({ all: true });
    expect(parseVerifyArgs(['0b7c8a52-7f0e-4f3c-9d55-2c1d1e7f2a10'], { npm_config_case: 'true' })).toMatchObject({ caseRef: '0b7c8a52-7f0e-4f3c-9d55-2c1d1e7f2a10' });
    expect(() => parseVerifyArgs([], { npm_config_case: 'true' })).toThrow(/--case needs/);
  });
  test('nonsense is a usage error, not a silent sample run', () => {
    expect(() => parseVerifyArgs(['--everything'])).toThrow(UsageError);
    expect(() => parseVerifyArgs(['stray'])).toThrow(/unknown argument stray/);
    expect(() => parseVerifyArgs(['--all', '--case', 'x'])).toThrow(/exclude each other/);
    expect(() => parseVerifyArgs(['--case'])).toThrow(/--case needs/);
    expect(() => parseVerifyArgs(['--sample', '0'])).toThrow(/--sample needs a whole number/);
    expect(() => parseVerifyArgs(['--all', '--sample', '5'])).toThrow(/--sample is for a sample run/);
  });
  test('the summary counts every outcome, with throughput, Chinese first', () => {
    const lines = summaryLines({ runId: 'r', checked: 10, outcomes: { ok: 7, mismatch: 1, missing: 1, 'newer-version': 1 }, failures: [], bytes: 20 * 1024 * 1024, seconds: 2 });
    expect(lines[0]).toBe('核验证据 10 件：完好 7，不一致 1，缺失 1，有更新版本 1；20.0 MB / 2.0 s (5.0 objects/s, 10.0 MB/s)');
    expect(lines[1]).toBe('verify:evidence run r: 10 checked — 7 ok, 1 mismatch, 1 missing, 1 newer-version; 20.0 MB / 2.0 s (5.0 objects/s, 10.0 MB/s)');
  });
});
