-- Device-bound tokens (DPoP, RFC 9449): every terminal request carries a proof signed by the device's key, and the
-- API compares the proof key's RFC 7638 thumbprint with the one of the key registered for the device
-- (http/dpop.ts, mobile-api/terminalRoute.ts). The thumbprint is stored beside the key so that the check on every
-- request reads one short column, and a proof's key can be looked up (which device showed it).
--
-- RFC 7638 for an EC key: SHA-256 over the UTF-8 bytes of {"crv":..,"kty":"EC","x":..,"y":..} (required members only,
-- in lexicographic order, no whitespace), base64url without padding. x and y are base64url text and crv/kty fixed
-- names, so the JSON needs no escaping and can be written by concatenation. encode(…, 'base64') breaks lines only
-- after 76 characters; a SHA-256 is 44.
create function device_key_jkt(k jsonb) returns text language sql immutable strict as $$
  select translate(rtrim(encode(sha256(convert_to(
    '{"crv":"' || (k->>'crv') || '","kty":"' || (k->>'kty') || '","x":"' || (k->>'x') || '","y":"' || (k->>'y') || '"}',
    'UTF8')), 'base64'), '='), '+/', '-_')
$$;

alter table devices add column public_key_jkt text;
update devices set public_key_jkt = device_key_jkt(public_key_jwk) where public_key_jwk is not null;

-- Kept in step with the key by the database itself, whichever statement writes it (self-registration, an
-- administrator's registration, a test fixture). A generated column cannot be used: convert_to() is only "stable".
create function devices_key_jkt() returns trigger language plpgsql as $$
begin
  new.public_key_jkt := case when new.public_key_jwk is null then null else device_key_jkt(new.public_key_jwk) end;
  return new;
end
$$;
create trigger devices_key_jkt before insert or update of public_key_jwk, public_key_jkt on devices
  for each row execute function devices_key_jkt();

create index devices_public_key_jkt_idx on devices (public_key_jkt) where public_key_jkt is not null;
