import type { Lang } from '../domain/text';
import { codedProblem, problemBody, type Problem } from './problem';
import { tooManyProblem } from './rateLimit';
import { UPLOAD_LIMIT_BYTES, uploadTooLargeProblem } from '../services/imports/uploadRows';

// The edge: nginx in front of the API processes (#18). A flood of changes without credentials from one address costs
// a Node process about 95 µs of its one event loop per request even when it is refused at once
// (http/anonymousChangeGate.ts); 300 of them queue every other request by ~25 ms. nginx refuses them in C, per address,
// before any API process reads them. What it answers is rendered here from the API's own problem code, so a client
// sees the same refusal whichever of the two gave it.

/** A change route that takes no credentials (Keycloak's back-channel logout): never limited by the edge. */
export interface PublicChange {
  method: string;
  /** As mounted: prefix + declared path, `:name` for a parameter (`/api/auth/backchannel-logout`). */
  path: string;
}

export interface EdgeOptions {
  /** nginx `listen` argument: `127.0.0.1:3080`, `8080`. */
  listen: string;
  /** The API processes (`127.0.0.1:3000`, `api:3000`): round-robin, with kept-alive connections. */
  upstreams: readonly string[];
  /**
   * A DNS server to look the upstreams' names up again (compose's, 127.0.0.11): replicas that restart or scale change
   * addresses (nginx ≥ 1.27.3). Without it the names are resolved once, at start.
   */
  resolver?: string;
  workerProcesses: number | 'auto';
  /** Where nginx writes its pid, and the existing directory where it keeps the bodies it buffers (body/, proxy/…). */
  pidFile: string;
  tempDir: string;
  /** Where the refusals the edge gives are logged (a file, or /dev/stdout in a container). */
  refusedLog: string;
  publicChanges: readonly PublicChange[];
  /** Proxies in front of the edge (a TLS terminator) whose X-Forwarded-For is believed; empty: the peer is the client. */
  realIpFrom?: readonly string[];
  /** Anonymous changes per address: the rate nginx lets through and the burst it lets through at once. */
  anonymousPerMinute?: number;
  anonymousBurst?: number;
}

/**
 * 12 a minute and a burst of 20: a client that forgot its token still gets the API's own 401 (auth.token-required) for
 * its first requests, as before the edge; a flood from one address reaches the API at most one request per 5 s.
 * No legitimate client sends many changes without a token: both UIs sign in against Keycloak, not the API.
 */
export const EDGE_DEFAULTS = { anonymousPerMinute: 12, anonymousBurst: 20 } as const;

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The `Accept-Language` values the edge answers in English: the first range that names zh…, en… or * is `en` or
 * `en-…` (with a q above 0); ranges of other languages before it are passed over. The API (detailLanguage: Express's
 * negotiation among zh-CN, zh, en) agrees whenever the ranges are listed in order of preference, as browsers and
 * HTTP clients send them; a list out of order may differ. Valid in PCRE (nginx) and JS alike.
 */
export const ENGLISH_FIRST = String.raw`^\s*(?:(?!\s*(?:(?:en|zh)(?:[-;,\s]|$)|\*))[^,]*,)*\s*en(?:-[0-9a-z]+)*\s*(?:;\s*q\s*=\s*(?:1(?:\.0*)?|0?\.0*[1-9][0-9]*)\s*)?(?:,|$)`;

/** A string nginx reads verbatim: single-quoted, with `\` and `'` escaped. `$` would start a variable: refused. */
export function nginxString(s: string): string {
  if (s.includes('$')) throw new Error(`edge config: ${JSON.stringify(s)} has a "$", which nginx would read as a variable`);
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const body = (p: Problem) => nginxString(JSON.stringify(problemBody(p)));

/** Express's matching of a declared path (`:name` one segment, case-insensitive, one trailing slash), as PCRE. */
function pathPattern(path: string): string {
  return `~*^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`;
}

/** A map from Accept-Language to the body of `make`'s problem in that language. */
function languageMap(variable: string, make: (lang: Lang) => Problem): string[] {
  return [
    `    map $http_accept_language ${variable} {`,
    `        default ${body(make('zh-CN'))};`,
    `        "${ENGLISH_FIRST.replace(/^/, '~*')}" ${body(make('en'))};`,
    '    }',
  ];
}

/** The headers every answer of the edge's own carries (the API's gate sends the same). */
function problemHeaders(retryAfter?: number): string[] {
  return [
    "        default_type 'application/problem+json; charset=utf-8';",
    "        add_header Cache-Control 'no-store' always;",
    "        add_header X-Content-Type-Options 'nosniff' always;",
    "        add_header Vary 'Accept-Language' always;",
    ...(retryAfter ? [`        add_header Retry-After '${retryAfter}' always;`] : []),
  ];
}

/** Proxying to the API: keep-alive connections (HTTP/1.1, no Connection header), the client's address and scheme. */
const PROXY = [
  '        proxy_pass http://jicha_api;',
  '        proxy_http_version 1.1;',
  '        proxy_set_header Connection "";',
  '        proxy_set_header Host $http_host;',
  // Set, never appended ($proxy_add_x_forwarded_for): a client cannot choose the address the API's limits count.
  '        proxy_set_header X-Forwarded-For $remote_addr;',
  '        proxy_set_header X-Forwarded-Proto $scheme;',
  // Imports and whole-population runs take minutes at province scale.
  '        proxy_connect_timeout 5s;',
  '        proxy_send_timeout 300s;',
  '        proxy_read_timeout 300s;',
];

/** nginx.conf for the edge. Pure: the same options give the same text (docker/edge/nginx.conf is checked against it). */
export function edgeConfig(o: EdgeOptions): string {
  const perMinute = o.anonymousPerMinute ?? EDGE_DEFAULTS.anonymousPerMinute;
  const burst = o.anonymousBurst ?? EDGE_DEFAULTS.anonymousBurst;
  // When the next request from a refused address would pass.
  const retryAfter = Math.max(1, Math.ceil(60 / perMinute));
  const publicPatterns = o.publicChanges.filter((c) => METHODS.includes(c.method.toUpperCase()));
  const lines = [
    '# Generated by `npm run gen:edge` (scripts/gen-edge.ts) from http/edgeConfig.ts. Do not edit: change the code and regenerate.',
    `worker_processes ${o.workerProcesses};`,
    'daemon off;',
    `pid ${o.pidFile};`,
    // Refusals are not errors: limit_req logs them at warn, below this level, so a flood writes no line per request.
    'error_log stderr error;',
    '',
    'events {',
    '    worker_connections 4096;',
    '}',
    '',
    'http {',
    '    server_tokens off;',
    `    client_body_temp_path ${o.tempDir}/body;`,
    `    proxy_temp_path ${o.tempDir}/proxy;`,
    `    fastcgi_temp_path ${o.tempDir}/fastcgi;`,
    `    uwsgi_temp_path ${o.tempDir}/uwsgi;`,
    `    scgi_temp_path ${o.tempDir}/scgi;`,
    // The largest body the API takes (an import's CSV or NDJSON); evidence goes to the object store, presigned.
    `    client_max_body_size ${UPLOAD_LIMIT_BYTES};`,
    '    client_body_buffer_size 256k;',
    // Behind one trusted proxy (a TLS terminator): the client is the last address it appended, never one further left,
    // which the client wrote itself (real_ip_recursive off).
    ...(o.realIpFrom?.length ? [...o.realIpFrom.map((a) => `    set_real_ip_from ${a};`), '    real_ip_header X-Forwarded-For;', '    real_ip_recursive off;'] : []),
    '',
    '    # Which requests are limited per address: changes without an Authorization header, but not the public ones',
    '    # (Keycloak\'s back-channel logout). Requests with an empty key are not counted at all.',
    '    map $request_method $jicha_change {',
    '        default 0;',
    ...METHODS.map((m) => `        ${m} 1;`),
    '    }',
    '    map $http_authorization $jicha_anonymous {',
    '        default 0;',
    '        "" 1;',
    '    }',
    '    map $uri $jicha_public_change {',
    '        default 0;',
    ...publicPatterns.map((c) => `        "${pathPattern(c.path)}" 1;`),
    '    }',
    '    map "$jicha_change$jicha_anonymous$jicha_public_change" $jicha_anonymous_change {',
    '        default "";',
    '        "110" $binary_remote_addr;',
    '    }',
    `    limit_req_zone $jicha_anonymous_change zone=jicha_anonymous_changes:10m rate=${perMinute}r/m;`,
    '',
    '    # The edge\'s own refusals, in the API\'s words (zh-CN unless the request prefers English).',
    ...languageMap('$jicha_rate_limited', (lang) => tooManyProblem(retryAfter, 'request.rate-limited.auth', {}, lang)),
    ...languageMap('$jicha_too_large', (lang) => codedProblem(413, 'Payload too large', 'request.too-large', {}, lang)),
    ...languageMap('$jicha_upload_too_large', uploadTooLargeProblem),
    '',
    // One line per refusal the edge gives (the API counts its own in audit_refusals): buffered, so a flood costs a
    // write every 64 kB or 5 s rather than one per request; address, time and path, for counting per address and minute.
    // The only access log: requests the edge passes on are logged by the API (with their request id).
    '    map $limit_req_status $jicha_refused {',
    '        default 0;',
    '        REJECTED 1;',
    '    }',
    '    log_format jicha_refused escape=json \'{"at":"$time_iso8601","address":"$remote_addr","method":"$request_method","path":"$uri","status":$status}\';',
    `    access_log ${o.refusedLog} jicha_refused buffer=64k flush=5s if=$jicha_refused;`,
    '',
    ...(o.resolver ? [`    resolver ${o.resolver} valid=10s ipv6=off;`] : []),
    '    upstream jicha_api {',
    ...(o.resolver ? ['        zone jicha_api 64k;'] : []),
    ...o.upstreams.map((u) => `        server ${u}${o.resolver ? ' resolve' : ''};`),
    // Below the API's keepAliveTimeout (65 s, server/main.ts), so nginx never reuses a connection the API is closing.
    '        keepalive 64;',
    '        keepalive_timeout 60s;',
    '    }',
    '',
    '    server {',
    `        listen ${o.listen};`,
    `        limit_req zone=jicha_anonymous_changes burst=${burst} nodelay;`,
    '        limit_req_status 429;',
    '        limit_req_log_level warn;',
    '        error_page 429 @rate_limited;',
    '        error_page 413 @too_large;',
    '',
    '        location = /edge-healthz {',
    "            default_type 'text/plain';",
    "            return 200 'ok';",
    '        }',
    '        location / {',
    ...PROXY.map((l) => `    ${l}`),
    '        }',
    // Imports stream their rows as they arrive (services/imports/uploadRows.ts): handed on unbuffered.
    // (error_page is inherited only by a location that sets none: the 429 is repeated.)
    '        location ^~ /api/imports/ {',
    '            error_page 429 @rate_limited;',
    '            error_page 413 @upload_too_large;',
    '            proxy_request_buffering off;',
    ...PROXY.map((l) => `    ${l}`),
    '        }',
    '        location @rate_limited {',
    ...problemHeaders(retryAfter).map((l) => `    ${l}`),
    '            return 429 $jicha_rate_limited;',
    '        }',
    '        location @too_large {',
    ...problemHeaders().map((l) => `    ${l}`),
    '            return 413 $jicha_too_large;',
    '        }',
    '        location @upload_too_large {',
    ...problemHeaders().map((l) => `    ${l}`),
    '            return 413 $jicha_upload_too_large;',
    '        }',
    '    }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
