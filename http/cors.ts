/**
 * The CORS answer headers for a request from an allowed origin (the admin UI served from another origin in
 * development): the app's CORS middleware and the anonymous-change gate, which answers before it, send the same.
 */
export function corsHeaders(allowed: readonly string[]): (origin: string | undefined) => Record<string, string> | null {
  const exposed = 'Content-Range, X-Next-Cursor, X-Total-Capped, Location, X-Request-Id, Retry-After, WWW-Authenticate, Date';
  const accepted = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id, X-Device-Id, X-Device-Time, DPoP';
  return (origin) =>
    origin && allowed.includes(origin)
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': exposed, 'Access-Control-Allow-Headers': accepted, 'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE', 'Access-Control-Max-Age': '600' }
      : null;
}
