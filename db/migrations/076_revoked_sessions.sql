-- #18: sign-out takes effect at once. Keycloak's back-channel logout (OpenID Connect Back-Channel Logout 1.0) tells the
-- API which session (`sid`) ended; every API instance refuses access tokens of that session from then on (each checks
-- this table, a session's answer cached a few seconds). A row is kept until no token of the session can still be
-- unexpired (`expires_at`); expired rows are deleted as new ones are recorded.
create table revoked_sessions (
  sid text primary key check (length(sid) between 1 and 255),
  -- the user, when the logout token names one (for the operators' questions; not used to refuse)
  sub text check (length(sub) <= 255),
  revoked_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index revoked_sessions_expiry on revoked_sessions (expires_at);
