-- Proof of presence (#15): the read model knows which cases wait for a supervisor's review of the visit (疑似虚假工单)
-- and how confident the presence verdict was, for the review queue and the dashboard's count.
alter table cases
  add column review_pending boolean not null default false,
  add column presence_confidence real;

create index cases_review_pending_idx on cases (updated_at desc) where review_pending;
