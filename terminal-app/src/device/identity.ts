// This terminal's identity: an id made on first run and kept on the device (the admin binds it to a person in the
// back office). The proof-of-presence key pair joins it in device/ (see docs/terminal-app.md).
const ID_KEY = 'jicha.terminal.deviceId';

/** Crockford base32 without look-alikes, so the code can be read aloud or typed by the admin. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function makeDeviceId(random: Uint8Array = crypto.getRandomValues(new Uint8Array(10))): string {
  const chars = Array.from(random, (b) => ALPHABET[b % 32]).join('');
  return `T-${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
}

export function deviceId(): string {
  let id = localStorage.getItem(ID_KEY);
  if (!id) {
    id = makeDeviceId();
    localStorage.setItem(ID_KEY, id);
  }
  return id;
}
