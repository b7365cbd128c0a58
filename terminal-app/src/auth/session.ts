import Keycloak from 'keycloak-js';
import type { TerminalConfig } from '../boot/config';
import { clearUserCache } from '../pwa/cache';
import { boundKeyOf, deviceProofKey, jwkThumbprint } from './dpop';
import { installTokenEndpointProofs, tokenEndpointOf } from './keycloakDpop';

// Login through Keycloak, client jicha-terminal, authorization code + PKCE (S256); never the password grant.
// The tokens are kept on the device so that the app starts and queues work offline (a field terminal loses the network
// in basements and villages); `offline_access` makes the refresh token outlive the SSO session, so a queue filled in
// the morning can still be sent in the afternoon. Logout forgets them and ends the Keycloak session.
//
// The tokens are bound to the device key (DPoP, keycloakDpop.ts): the code exchange and every refresh carry a proof
// from it, so a copied token or refresh token is of no use on another device. The device identity (and its key) is
// made before the login for this reason (main.tsx).

const STORE_KEY = 'jicha.terminal.session';

interface StoredTokens {
  token: string;
  refreshToken: string;
  idToken?: string;
}

export interface Identity {
  username: string;
  name: string;
  roles: string[];
  orgUnit: string | null;
}

export interface Session {
  identity: Identity;
  /** A valid access token (refreshed when it expires within 30 s); the stored one when offline; null when there is none. */
  token(): Promise<string | null>;
  /** True while the session runs on stored tokens without having reached Keycloak (started offline). */
  readonly offline: boolean;
  logout(): Promise<void>;
}

function decode(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(part.replace(/-/g, '+').replace(/_/g, '/')).split('').map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

export function identityOf(token: string): Identity {
  const c = decode(token);
  const realm = (c.realm_access as { roles?: string[] } | undefined)?.roles ?? [];
  return {
    username: String(c.preferred_username ?? c.sub ?? ''),
    name: String(c.name ?? c.preferred_username ?? ''),
    roles: realm,
    orgUnit: typeof c.org_unit === 'string' ? c.org_unit : null,
  };
}

function readStored(): StoredTokens | null {
  try {
    const s = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null') as StoredTokens | null;
    return s && typeof s.token === 'string' && typeof s.refreshToken === 'string' ? s : null;
  } catch {
    return null;
  }
}

function store(kc: Keycloak): void {
  if (!kc.token || !kc.refreshToken) return;
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ token: kc.token, refreshToken: kc.refreshToken, idToken: kc.idToken }));
  } catch {
    /* blocked storage: the session lasts as long as the page */
  }
}

/** Copies of the user's answers the pages keep for offline use (task lists and pages, customer places and tracks). */
const USER_COPIES = /^jicha\.terminal\.(cache|map)\./;

/**
 * Stored tokens bound to another key than this device's (the terminal's identity was made anew, or the storage was
 * copied from another terminal) can be neither used nor refreshed here: they are dropped and the user logs in again.
 * Bearer tokens (issued before the terminal had a key) are kept: their next refresh, with a proof, binds them.
 */
async function boundHere(token: string): Promise<boolean> {
  const jkt = boundKeyOf(token);
  if (!jkt) return true;
  const key = await deviceProofKey();
  return !!key && (await jwkThumbprint(key.publicJwk)) === jkt;
}

const forget = () => {
  try {
    localStorage.removeItem(STORE_KEY);
    // the next person on this terminal must not open this user's tasks offline
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k): k is string => !!k && USER_COPIES.test(k));
    keys.forEach((k) => localStorage.removeItem(k));
  } catch {
    /* nothing stored */
  }
};

/** A session on stored tokens, for a start without network; it turns into a Keycloak one on the next online start. */
function offlineSession(stored: StoredTokens, config: TerminalConfig): Session {
  let kc: Keycloak | null = null;
  return {
    identity: identityOf(stored.token),
    offline: true,
    async token() {
      if (!navigator.onLine) return stored.token;
      // Back online: refresh through Keycloak with the stored refresh token; the page is not reloaded for it.
      if (!kc) {
        kc = new Keycloak(config.keycloak);
        try {
          await kc.init({ token: stored.token, refreshToken: stored.refreshToken, idToken: stored.idToken, checkLoginIframe: false, pkceMethod: 'S256', flow: 'standard' });
        } catch {
          kc = null;
          return stored.token;
        }
      }
      try {
        await kc.updateToken(30);
        store(kc);
        return kc.token ?? null;
      } catch {
        return stored.token;
      }
    },
    async logout() {
      forget();
      await clearUserCache(); // the next person on this terminal must not open these answers offline
      window.location.reload();
    },
  };
}

export async function startSession(config: TerminalConfig): Promise<Session> {
  installTokenEndpointProofs(tokenEndpointOf(config.keycloak));
  let stored = readStored();
  if (stored && !(await boundHere(stored.token))) {
    try {
      localStorage.removeItem(STORE_KEY);
    } catch {
      /* nothing stored after all */
    }
    stored = null;
  }
  if (stored && !navigator.onLine) return offlineSession(stored, config);
  const kc = new Keycloak(config.keycloak);
  let authenticated: boolean;
  try {
    authenticated = await kc.init({
      onLoad: 'login-required',
      flow: 'standard',
      pkceMethod: 'S256',
      checkLoginIframe: false,
      scope: 'openid offline_access',
      ...(stored ? { token: stored.token, refreshToken: stored.refreshToken, idToken: stored.idToken } : {}),
    });
  } catch (e) {
    // Keycloak unreachable although the browser says online (a captive portal, a dead link): work on stored tokens.
    if (stored) return offlineSession(stored, config);
    throw e;
  }
  if (!authenticated) {
    await kc.login({ scope: 'openid offline_access' });
    return new Promise<Session>(() => undefined); // the browser is leaving for the login page
  }
  store(kc);
  kc.onAuthRefreshSuccess = () => store(kc);
  // Clean the code/state keycloak-js leaves in the URL after the redirect back.
  if (/[?&#](state|code|session_state)=/.test(window.location.href)) {
    const keep = window.location.hash.split('&state=')[0] ?? '';
    window.history.replaceState(null, '', `${window.location.pathname}${keep.startsWith('#/') ? keep : '#/tasks'}`);
  }
  return {
    identity: identityOf(kc.token!),
    offline: false,
    async token() {
      try {
        await kc.updateToken(30);
        store(kc);
      } catch {
        // offline or Keycloak down: the current token may still be accepted; the API says 401 if not
      }
      return kc.token ?? null;
    },
    async logout() {
      forget();
      await clearUserCache(); // the next person on this terminal must not open these answers offline
      await kc.logout({ redirectUri: `${window.location.origin}/terminal/` });
    },
  };
}
