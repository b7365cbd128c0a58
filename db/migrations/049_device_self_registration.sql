-- Terminals register themselves on first run (POST /mobile/v1/devices) and wait for an administrator to bind them:
-- the app's ECDSA P-256 public key (a JWK with only kty, crv, x, y), with which proof-of-presence signatures will be
-- verified. Null for devices an administrator registered by hand (and for the simulator's).
alter table devices add column public_key_jwk jsonb
  check (public_key_jwk is null or (public_key_jwk ?& array['kty', 'crv', 'x', 'y'] and public_key_jwk->>'kty' = 'EC' and public_key_jwk->>'crv' = 'P-256'));

-- The back office's "waiting for binding" list and a terminal user's own waiting devices (GET /mobile/v1/me).
create index devices_waiting_idx on devices (registered_by, registered_at desc) where bound_user is null;
