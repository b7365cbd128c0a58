// The app database's two roles (073_database_roles.sql): the owner migrates, the app role (DATABASE_URL) serves.
// These take the owner's URL as an argument; the callers (tests, benchmarks, the fuzzer) read DATABASE_OWNER_URL.

/** The same server and role, another database. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The owner's URL of the database `url` names: `ownerUrl`'s role and credentials, `url`'s database. Without an owner
 * URL (one role does both) `url` itself.
 */
export function ownerUrlOf(url: string, ownerUrl: string | undefined): string {
  return ownerUrl ? withDatabaseName(ownerUrl, new URL(url).pathname.replace(/^\//, '')) : url;
}

/**
 * The application's role to grant to (073_database_roles.sql): `appUrl`'s user when the migrations connect as another
 * one; undefined when one role does both.
 */
export function appRoleOf(appUrl: string, ownerUrl: string): string | undefined {
  const app = decodeURIComponent(new URL(appUrl).username);
  return app && app !== decodeURIComponent(new URL(ownerUrl).username) ? app : undefined;
}

/**
 * The local stack's schema owner beside its app role (scripts/stack/config.mjs LOCAL_CREDENTIALS): for a URL of
 * `jicha_app`, the same URL as `jicha_owner`; undefined for any other role (it brings its own owner URL, or none).
 */
export function localOwnerUrl(appUrl: string): string | undefined {
  const u = new URL(appUrl);
  return u.username === 'jicha_app' ? Object.assign(u, { username: 'jicha_owner', password: 'jicha_owner' }).toString() : undefined;
}
