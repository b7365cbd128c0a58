-- Evidence forensics at confirm (issue #15, item 1): what the stored bytes say about an upload, beside what the
-- terminal declared (services/evidence/forensics/). Filled by the confirm step, also for an upload it refuses.
alter table evidence_uploads
  -- the media type sniffed from the bytes' magic numbers (may differ from content_type only on a refused upload)
  add column detected_type text,
  -- photos: 64-bit difference hash (dHash) of the decoded image; near copies are within a few bits (bit_count of XOR)
  add column phash bit(64),
  -- photos: the camera's EXIF (DateTimeOriginal with OffsetTimeOriginal, else China time; GPS; make and model)
  add column exif_taken_at timestamptz,
  add column exif_lat double precision check (exif_lat between -90 and 90),
  add column exif_lon double precision check (exif_lon between -180 and 180),
  add column exif_make text check (length(exif_make) <= 100),
  add column exif_model text check (length(exif_model) <= 100),
  -- the findings as domain/presenceReasons.ts PresenceReason objects (code, severity, params, evidenceId)
  add column forensic_reasons jsonb not null default '[]' check (jsonb_typeof(forensic_reasons) = 'array'),
  -- when the forensics first ran (kept on a retried confirm: it orders copies, the later one is the copy); null: not checked
  add column forensics_at timestamptz;

-- Exact copies (evidence.duplicate, evidence.reused): the same SHA-256 among uploads confirmed or being confirmed.
create index evidence_uploads_sha256_idx on evidence_uploads (sha256) where status <> 'rejected';

-- Near copies (evidence.near-duplicate): a Hamming distance has no B-tree order, so the search reads every photo's
-- hash. This covering index lets it read (forensics_at, id, phash, case_id) from the index alone instead of the wide
-- rows; see db/evidenceForensics.ts for the figures.
create index evidence_uploads_phash_idx on evidence_uploads (forensics_at, id) include (phash, case_id)
  where phash is not null and status <> 'rejected';
