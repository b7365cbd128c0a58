-- The dashboard's "as of now" figures (db/dashboardStats.ts nowRows: overdue steps, open escalations by tier, cases on
-- review) at province scale (#19). With 3 M cases, 61 k overdue and 133 k open escalations (bench:province) they cost
-- 1.5 s for the province: the escalations were joined to a sequential scan of every case, and each overdue case was
-- read from the heap for its unit. These indexes let both be read from indexes alone: 1.5 s → 0.24 s (province),
-- 0.61 s → 0.13 s (a city), measured in the same database.
create index if not exists cases_overdue_cover_idx on cases (deadline_at) include (org_unit_id) where deadline_at is not null;
create index if not exists escalations_open_case_idx on escalations (case_id) include (tier) where resolved_at is null;
create index if not exists cases_id_unit_idx on cases (id) include (org_unit_id);
