-- The terminal (mobile) API: device binding (终端人员维护), idempotency of terminal POSTs, GPS tracks, evidence
-- uploads, and the public-query content a terminal reads (regulations and notices, announcements) plus feedback.

-- A terminal is registered by an admin and bound to one user at a time; requests from it are refused otherwise.
create table devices (
  id text primary key check (id ~ '^[A-Za-z0-9._:-]{4,100}$'),
  label text not null,
  platform text not null check (platform in ('android', 'ios', 'pda', 'simulator', 'other')),
  model text,
  registered_by text not null,
  registered_at timestamptz not null default now(),
  bound_user text references personnel(username),
  bound_at timestamptz,
  bound_by text,
  last_seen_at timestamptz
);
create index devices_bound_user_idx on devices (bound_user) where bound_user is not null;

-- Who held a device when: every bind and unbind, for audits of field records.
create table device_bindings (
  id bigserial primary key,
  device_id text not null references devices(id),
  username text,                              -- null: unbound
  changed_by text not null,
  changed_at timestamptz not null default now()
);
create index device_bindings_device_idx on device_bindings (device_id, changed_at desc);

-- Idempotency-Key of every terminal POST, per user: the first request's hash and, once done, its response.
-- The row is inserted before the work starts, so a concurrent duplicate finds it and waits for the response.
create table mobile_idempotency (
  username text not null,
  key text not null,
  request_hash text not null,
  method text not null,
  path text not null,
  client_at timestamptz,                      -- an offline-queued action's client timestamp (sync)
  status integer,                             -- null while in progress
  content_type text,
  body jsonb,
  lease_until timestamptz not null,           -- an in-progress row older than this was abandoned (crash) and may be retaken
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (username, key)
);
create index mobile_idempotency_created_idx on mobile_idempotency (created_at);

-- GPS fixes from terminals; a re-sent batch changes nothing (device + device timestamp is the key).
create table gps_points (
  device_id text not null references devices(id),
  recorded_at timestamptz not null,           -- the device's fix time
  username text not null,
  case_id uuid references cases(id),
  lat double precision not null check (lat between -90 and 90),
  lon double precision not null check (lon between -180 and 180),
  accuracy_m real check (accuracy_m >= 0),
  speed_mps real check (speed_mps >= 0),
  received_at timestamptz not null default now(),
  primary key (device_id, recorded_at)
);
create index gps_points_case_idx on gps_points (case_id, device_id, recorded_at) where case_id is not null;

-- Evidence uploads: requested (presigned PUT issued), then confirmed after the server checked the stored object's
-- size and SHA-256 (and the case workflow attached it), or rejected (object deleted).
create table evidence_uploads (
  id uuid primary key,                        -- the evidenceId the workflow records
  case_id uuid not null references cases(id),
  username text not null,
  device_id text not null references devices(id),
  kind text not null check (kind in ('photo', 'audio', 'video')),
  content_type text not null,
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  captured_at timestamptz not null,
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  object_key text not null unique,
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'rejected')),
  reject_reason text,
  created_at timestamptz not null default now(),
  upload_expires_at timestamptz not null,
  confirmed_at timestamptz
);
create index evidence_uploads_case_idx on evidence_uploads (case_id, created_at);
create index evidence_uploads_pending_idx on evidence_uploads (upload_expires_at) where status = 'pending';

-- Laws, regulations and notices (法规制度 / 通知) a field worker looks up.
create table regulations (
  id text primary key,
  kind text not null check (kind in ('regulation', 'notice')),
  title text not null,
  issuer text not null,
  doc_no text,
  effective_on date,
  summary text not null,
  body text not null,
  updated_at timestamptz not null default now()
);

-- 信息公告: announcements to every unit inside org_unit_id (null: everyone).
create table announcements (
  id bigserial primary key,
  seed_key text unique,                       -- demo rows: upserted by key
  org_unit_id text references org_units(id),
  title text not null,
  body text not null,
  pinned boolean not null default false,
  published_at timestamptz not null default now(),
  expires_at timestamptz,
  created_by text not null
);
create index announcements_published_idx on announcements (published_at desc);

-- Usage feedback from terminals (the pilot logged 331 suggestions).
create table feedback (
  id uuid primary key,
  username text not null,
  org_unit_id text not null,
  device_id text references devices(id),
  category text not null check (category in ('bug', 'suggestion', 'question', 'data_error', 'other')),
  text text not null,
  case_id uuid references cases(id),
  app_version text,
  status text not null default 'open' check (status in ('open', 'resolved', 'wontfix')),
  created_at timestamptz not null default now()
);
create index feedback_created_idx on feedback (created_at desc);

-- Whether the field step is only offered or already accepted, derived from the workflow's state: the task list shows
-- it without reading (and decompressing) each case's whole snapshot.
alter table cases add column assignment text generated always as (snapshot->>'assignment') stored;

-- "My tasks": cases pending on the caller by name, or on one of their roles inside their unit, by deadline.
create index cases_pending_user_idx on cases (pending_user, deadline_at, created_at, id) where pending_user is not null;
create index cases_pending_role_org_idx on cases (pending_role, org_unit_id text_pattern_ops) include (deadline_at, created_at, id) where pending_user is null;
