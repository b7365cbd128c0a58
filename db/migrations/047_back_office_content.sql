-- Back-office content management (issue 6): announcements and regulations edited from the back office, a status
-- workflow with a reply for usage feedback, and consultations (咨询管理): policy questions from inspectors and
-- stations answered by supervisors and managers.

alter table announcements add column updated_at timestamptz not null default now();
alter table announcements add column updated_by text;
create index announcements_org_idx on announcements (org_unit_id text_pattern_ops);

alter table regulations add column updated_by text;

-- Feedback moves new → in progress → answered (with a reply) or closed; an answered or closed one may be reopened.
alter table feedback drop constraint feedback_status_check;
update feedback set status = case status when 'resolved' then 'answered' when 'wontfix' then 'closed' else status end;
alter table feedback add constraint feedback_status_check check (status in ('open', 'in_progress', 'answered', 'closed'));
alter table feedback add column reply text;
alter table feedback add column replied_by text;
alter table feedback add column replied_at timestamptz;
alter table feedback add column handled_by text;
alter table feedback add column updated_at timestamptz not null default now();
alter table feedback add constraint feedback_answered_has_reply check (status <> 'answered' or reply is not null);
create index feedback_org_idx on feedback (org_unit_id text_pattern_ops, created_at desc);

-- 咨询管理: a question on policy or procedure, asked in a unit, answered once by a supervisor or manager (optionally
-- citing a regulation), then closed by the asker or the answerer.
create table consultations (
  id uuid primary key,
  org_unit_id text not null references org_units(id),
  asked_by text not null,
  device_id text references devices(id),
  topic text not null check (topic in ('tariff', 'penalty', 'theft', 'metering', 'business_expansion', 'procedure', 'system', 'other')),
  subject text not null,
  question text not null,
  case_id uuid references cases(id),
  status text not null default 'open' check (status in ('open', 'answered', 'closed')),
  answer text,
  regulation_id text references regulations(id) on delete set null,
  answered_by text,
  answered_at timestamptz,
  closed_by text,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'answered' or answer is not null)
);
create index consultations_org_idx on consultations (org_unit_id text_pattern_ops, created_at desc);
create index consultations_open_idx on consultations (created_at) where status = 'open';
create index consultations_asker_idx on consultations (asked_by, created_at desc);
