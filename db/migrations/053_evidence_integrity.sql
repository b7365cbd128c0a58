-- Evidence is write-once (issue #15, item 4). The evidence bucket is versioned with object lock (config/s3.ts): an
-- overwrite of a key makes a new version and the confirmed one stays. The confirm step pins the version whose SHA-256
-- it checked, presigned GETs name it, and a re-verification sweep (services/evidence/integritySweep.ts) re-reads it.

-- The object version confirmed; null: confirmed before this migration or on an unversioned bucket (the sweep pins
-- it the first time the key's first bytes are found to be the confirmed ones).
alter table evidence_uploads add column version_id text;

-- Every re-verification, kept (append-only): what was read, what was found.
create table evidence_integrity_checks (
  id bigserial primary key,
  evidence_id uuid not null references evidence_uploads(id),
  case_id uuid not null references cases(id),
  checked_at timestamptz not null default now(),
  outcome text not null check (outcome in ('ok', 'mismatch', 'missing', 'newer-version')),
  version_id text,                              -- the version read (null: none found, or the unversioned one)
  sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),  -- what the bytes hash to now (null when nothing was read)
  size_bytes bigint,
  detail jsonb not null default '{}',           -- counts of versions and delete markers; never bytes
  run_id text not null                          -- one sweep run (housekeeping workflow run, or a verify:evidence run)
);
create index evidence_integrity_checks_evidence_idx on evidence_integrity_checks (evidence_id, checked_at desc);

-- The latest state per evidence item: what the back office shows on the case's evidence, and the sweep's order
-- (never checked first, then least recently checked). flagged_* keep the first failure: a later ok never hides it.
create table evidence_integrity (
  evidence_id uuid primary key references evidence_uploads(id),
  case_id uuid not null references cases(id),
  status text not null check (status in ('ok', 'mismatch', 'missing', 'newer-version')),
  checked_at timestamptz not null,
  flagged_at timestamptz,
  flagged_status text check (flagged_status in ('mismatch', 'missing', 'newer-version'))
);
create index evidence_integrity_checked_idx on evidence_integrity (checked_at);
create index evidence_integrity_case_idx on evidence_integrity (case_id);
-- the never-checked confirmed items are found by an anti-join on this order
create index evidence_uploads_confirmed_idx on evidence_uploads (confirmed_at) where status = 'confirmed';
