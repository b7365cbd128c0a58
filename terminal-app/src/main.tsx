import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App';
import { AppContext, type AppServices } from './AppContext';
import { loadConfig } from './boot/config';
import { startSession } from './auth/session';
import { createTerminalApi } from './api/client';
import { ensureDeviceIdentity } from './device/identity';
import { I18nContext, storedLang, storeLang, translate, type Lang } from './i18n';
import { configureOutbox } from './outbox';
import { registerServiceWorker } from './pwa/register';

let currentLang: Lang = storedLang();

function Root({ services }: { services: AppServices }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const i18n = useMemo(() => ({
    lang,
    t: (k: string, p?: Record<string, string | number>) => translate(lang, k, p),
    setLang: (l: Lang) => {
      currentLang = l;
      storeLang(l);
      document.documentElement.lang = l;
      setLangState(l);
    },
  }), [lang]);
  return (
    <I18nContext.Provider value={i18n}>
      <AppContext.Provider value={services}>
        <App />
      </AppContext.Provider>
    </I18nContext.Provider>
  );
}

/** Boot: config (cached for offline starts) → the device identity → Keycloak login (PKCE) or the stored session → the app. */
async function boot(): Promise<AppServices> {
  const config = await loadConfig();
  // The device's id and key pair (IndexedDB), made on first run: before the login, whose token requests are signed
  // with the key (DPoP-bound tokens), and before the API client, which sends the id and a proof with every request.
  const id = (await ensureDeviceIdentity()).deviceId;
  const session = await startSession(config);
  const api = createTerminalApi({ baseUrl: window.location.origin, token: () => session.token(), deviceId: () => id, lang: () => currentLang });
  configureOutbox({ api, username: session.identity.username, t: (k, p) => translate(currentLang, k, p) });
  return { api, session, config, deviceId: id };
}

const root = createRoot(document.getElementById('root')!);
document.documentElement.lang = currentLang;
registerServiceWorker(); // offline start and the update prompt (src/pwa/, sw/)
boot()
  .then((services) => root.render(<StrictMode><Root services={services} /></StrictMode>))
  .catch((e: unknown) => {
    console.error('terminal app failed to start', e);
    root.render(
      <div className="boot" role="alert">
        <h1>{translate(currentLang, 'boot.failed')}</h1>
        <p>{e instanceof Error ? e.message : String(e)}</p>
        <p>{translate(currentLang, 'boot.hint')}</p>
        <button className="btn btn-primary" onClick={() => window.location.reload()}>{translate(currentLang, 'common.retry')}</button>
      </div>,
    );
  });
