import { ownerUrlOf } from '../../db/databaseRoles';

/**
 * The database `url` names (the test database by default) as the schema's owner (DATABASE_OWNER_URL), for what the
 * app role may not do: migrate, make a database, truncate, or rewrite a log row on purpose to prove a verifier
 * catches it. Without DATABASE_OWNER_URL one role does both, and this is `url`.
 */
export function ownerUrl(url: string = process.env.DATABASE_URL!): string {
  return ownerUrlOf(url, process.env.DATABASE_OWNER_URL);
}
