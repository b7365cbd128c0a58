/** A demo user's access token by password grant of the terminal client (the only client that allows it). */
export async function demoToken(keycloakUrl: string, realm: string, username: string): Promise<string> {
  const res = await fetch(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'jicha-terminal', username, password: 'jicha-demo' }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: ${res.status} ${body.error_description ?? ''}`);
  return body.access_token;
}
