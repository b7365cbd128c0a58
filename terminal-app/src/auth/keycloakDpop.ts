import { deviceProofKey, makeProof, type ProofKey } from './dpop';

// DPoP-bound tokens from Keycloak. keycloak-js (26.2) knows nothing of DPoP, but Keycloak (26) binds the tokens it
// issues to a key when the token request carries a DPoP proof: the access token gets `cnf.jkt` and `token_type: DPoP`,
// and the refresh token is bound too — a refresh without a proof from the same key is refused ("DPoP proof is
// missing"). keycloak-js makes exactly two kinds of token requests, both with the global `fetch`, both
// `POST <realm>/protocol/openid-connect/token`: the code exchange after the login redirect (in init) and the refresh
// (updateToken). So the app wraps `fetch` for that one URL and method and adds a fresh proof to each such request;
// every other request passes through untouched. Keycloak's CORS answer for the token endpoint allows the DPoP header.

interface FetchHolder {
  fetch: typeof fetch;
}

/** The realm's token endpoint, as keycloak-js builds it (its #getRealmUrl + '/protocol/openid-connect/token'). */
export function tokenEndpointOf(kc: { url: string; realm: string }): string {
  return `${kc.url.replace(/\/$/, '')}/realms/${encodeURIComponent(kc.realm)}/protocol/openid-connect/token`;
}

const sameEndpoint = (url: string, endpoint: string): boolean => {
  try {
    const a = new URL(url);
    const b = new URL(endpoint);
    return a.origin === b.origin && a.pathname.replace(/\/$/, '') === b.pathname.replace(/\/$/, '');
  } catch {
    return false;
  }
};

const urlOf = (input: RequestInfo | URL): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
const methodOf = (input: RequestInfo | URL, init?: RequestInit): string =>
  (init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')).toUpperCase();

const installed = new WeakMap<FetchHolder, { endpoint: string; uninstall: () => void }>();

export interface InstallOptions {
  /** The key (default: the device's); with none (no WebCrypto) requests go without a proof and tokens stay bearer. */
  proofKey?: () => Promise<ProofKey | null>;
  /** Whose `fetch` to wrap (default globalThis, which keycloak-js calls). */
  target?: FetchHolder;
}

/**
 * From now on, token requests to `endpoint` carry a DPoP proof from the device key. Idempotent for the same endpoint;
 * returns the function that restores the previous `fetch`.
 */
export function installTokenEndpointProofs(endpoint: string, o: InstallOptions = {}): () => void {
  const target = o.target ?? (globalThis as FetchHolder);
  const proofKey = o.proofKey ?? deviceProofKey;
  const prev = installed.get(target);
  if (prev?.endpoint === endpoint) return prev.uninstall;
  prev?.uninstall();
  const original = target.fetch;
  const wrapped: typeof fetch = async (input, init) => {
    const url = urlOf(input);
    if (methodOf(input, init) !== 'POST' || !sameEndpoint(url, endpoint)) return original.call(globalThis, input, init);
    const key = await proofKey().catch(() => null);
    if (!key) return original.call(globalThis, input, init);
    const headers = new Headers(init?.headers ?? (typeof input === 'object' && 'headers' in input ? input.headers : undefined));
    // A new proof per request: Keycloak refuses a `jti` it has seen, and a proof older than a few seconds.
    headers.set('DPoP', await makeProof(key, { method: 'POST', url }));
    return original.call(globalThis, input, { ...init, headers });
  };
  target.fetch = wrapped;
  const uninstall = () => {
    if (target.fetch === wrapped) target.fetch = original;
    if (installed.get(target)?.uninstall === uninstall) installed.delete(target);
  };
  installed.set(target, { endpoint, uninstall });
  return uninstall;
}
