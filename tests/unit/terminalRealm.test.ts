import fs from 'node:fs';
import path from 'node:path';

// The terminal client of the realm file (docker/keycloak/jicha-realm.json), which `npm start` re-imports whenever the
// file changes (scripts/stack/provision.mjs syncRealm: a changed hash resets the dev database) and compose mounts.
const realm = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docker', 'keycloak', 'jicha-realm.json'), 'utf8'));
const terminal = realm.clients.find((c: { clientId: string }) => c.clientId === 'jicha-terminal');

test('jicha-terminal: public, code flow with PKCE S256, redirects only into /terminal/ (and the native callback)', () => {
  expect(terminal).toMatchObject({ publicClient: true, standardFlowEnabled: true, implicitFlowEnabled: false });
  expect(terminal.attributes['pkce.code.challenge.method']).toBe('S256');
  expect(terminal.redirectUris).toContain('http://localhost:3000/terminal/*');
  for (const uri of terminal.redirectUris as string[]) expect(uri).toMatch(/^(https?:\/\/[^/]+\/terminal\/\*|jicha-terminal:\/\/callback)$/);
  // "+": the same URIs for the page Keycloak returns to after logout
  expect(terminal.attributes['post.logout.redirect.uris']).toBe('+');
  // The password grant stays for the terminal simulator and the API tests (tests/support/keycloak.ts), not the app.
  expect(terminal.directAccessGrantsEnabled).toBe(true);
  expect(terminal.description.length).toBeLessThanOrEqual(255); // Keycloak's column; a longer one fails the import
});

test('offline_access is a scope the terminal may ask for and every field role holds, so queued work can be sent hours later', () => {
  expect(terminal.optionalClientScopes).toContain('offline_access');
  expect(terminal.defaultClientScopes).toEqual(expect.arrayContaining(['profile', 'roles', 'web-origins', 'basic']));
  const fieldRoles = ['inspector', 'station_lead', 'supervisor', 'manager'];
  const field = realm.users.filter((u: { realmRoles: string[] }) => u.realmRoles.some((r) => fieldRoles.includes(r)));
  expect(field.length).toBeGreaterThanOrEqual(4);
  for (const u of field) expect(u.realmRoles).toContain('offline_access');
});
