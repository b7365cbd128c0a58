-- Lists and search at province scale (#19): keyset pagination, the saved views of the back office's case list, and
-- Chinese substring search. Figures and the choices behind them: docs/search.md.

-- Chinese substring search (db/textSearch.ts), by query length: 3+ characters through pg_trgm (the database's ctype
-- C.UTF-8 extracts trigrams of CJK text), 2 characters through an index of bigrams, 1 character as a name prefix.
create extension if not exists pg_trgm;

-- The set of 2-character substrings (lower-cased) of a text. "name contains q" implies "bigrams(name) ⊇ bigrams(q)",
-- so a GIN index over the bigrams finds the candidates of a 2-character query and an ilike rechecks them.
create function jicha_bigrams(t text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct substr(x.s, i, 2)), '{}'::text[])
    from (select lower(t) as s) x, generate_series(1, char_length(x.s) - 1) i
$$;

create index customers_bigram_idx on customers using gin (jicha_bigrams(name || ' ' || address));
create index customers_name_trgm_idx on customers using gin (name gin_trgm_ops);
create index customers_address_trgm_idx on customers using gin (address gin_trgm_ops);
create index customers_name_prefix_idx on customers (name text_pattern_ops);
create index customers_account_prefix_idx on customers (account_no text_pattern_ops);
-- The customer scope is "the grid, or the station without a grid, inside the org subtree".
create index customers_scope_idx on customers (coalesce(grid_id, station_id) text_pattern_ops, account_no);

create index cases_customer_name_bigram_idx on cases using gin (jicha_bigrams(customer_name));
create index cases_customer_name_trgm_idx on cases using gin (customer_name gin_trgm_ops);
create index cases_customer_name_prefix_idx on cases (customer_name text_pattern_ops);

-- Keyset pages of the default sort (created_at desc, id desc): the old single-column index cannot order the ties.
create index cases_created_id_idx on cases (created_at desc, id desc);
drop index cases_created_idx;
create index cases_org_created_idx on cases (org_unit_id text_pattern_ops, created_at desc, id desc);

-- Saved views (filter.view of GET /api/cases, db/cases.ts VIEW_SQL), each under the org-subtree condition and sorted
-- by (created_at desc, id desc). 我的待办: assigned to me or waiting on me by name (a person's few hundred cases:
-- a bitmap OR of cases_assignee_idx and this one, then a sort).
create index cases_view_pending_user_idx on cases (pending_user, created_at desc, id desc) where pending_user is not null;
-- 超期: an open case past its deadline.
create index cases_view_overdue_idx on cases (org_unit_id text_pattern_ops, deadline_at) include (created_at, id)
  where deadline_at is not null and stage not in ('closed', 'dismissed', 'cancelled');
-- 待我复核: rectification reported, verification waiting on the supervisors of the unit (pending_user null) or a person.
create index cases_view_verification_idx on cases (org_unit_id text_pattern_ops, created_at desc, id desc) include (pending_role, pending_user)
  where stage = 'verification';
-- 三级督办: the current stage has reached escalation tier 3 (the tier resets when the stage changes).
create index cases_view_tier3_idx on cases (org_unit_id text_pattern_ops, created_at desc, id desc)
  where escalation_tier >= 3 and stage not in ('closed', 'dismissed', 'cancelled');
-- 疑似虚假工单: field evidence under presence review.
create index cases_view_review_idx on cases (org_unit_id text_pattern_ops, created_at desc, id desc) where review_pending;
