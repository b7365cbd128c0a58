-- #18: the case log's side of the signed anchors (services/integrity/logAnchors.ts). An anchor object in the evidence
-- store holds a digest over every case chain's head (case id, seq, hash); this table holds the heads themselves, so a
-- verifier knows how far each case's chain reached when the anchor was taken. Each anchor run adds a row only for the
-- cases whose head moved since the last run; the heads at anchor N are each case's row of the highest anchor_id <= N.
-- Rewriting this table cannot hide anything: its heads must reproduce the signed digest.
create sequence log_anchor_seq;

create table log_anchor_case_heads (
  anchor_id bigint not null,
  case_id uuid not null,
  seq integer not null,
  hash text not null,
  primary key (case_id, anchor_id)
);

create function log_anchor_case_heads_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'log_anchor_case_heads is append-only';
end $$;
create trigger log_anchor_case_heads_no_update before update or delete on log_anchor_case_heads
  for each row execute function log_anchor_case_heads_append_only();
