-- #18: requests refused at the gate (no or a rejected token, a role the route does not take, a rate limit) are counted
-- per minute, route, result and user instead of each writing a row of the hash-chained audit trail: a burst of anonymous
-- POSTs must not queue behind the chain's lock. What a user did inside the gate (a step the workflow refused included)
-- stays in audit_log, one row per request.
create table audit_refusals (
  minute timestamptz not null,
  method text not null,
  route text not null,
  status smallint not null,
  -- '' for requests without a (valid) token: who sent them is unknown
  username text not null default '',
  requests integer not null check (requests > 0),
  primary key (minute, method, route, status, username)
);
create index audit_refusals_recent on audit_refusals (minute desc);
