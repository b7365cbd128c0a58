import { useEffect, useState, useSyncExternalStore } from 'react';
import { useOutboxItems } from '../outbox';
import { pwaText } from './texts';
import type { UpdateWatcher } from './updates';
import './pwa.css';

// Rendered in its own root (register.ts), outside the app's providers: it follows the page's language through the
// <html lang> attribute that main.tsx keeps in step with the user's choice.
function subscribeLang(onChange: () => void): () => void {
  const o = new MutationObserver(onChange);
  o.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  return () => o.disconnect();
}
const useDocumentLang = (): string => useSyncExternalStore(subscribeLang, () => document.documentElement.lang);

/** "有新版本，点击更新": shown while a new version waits; a tap updates — after any upload on the wire has finished. */
export function UpdatePrompt({ watcher }: { watcher: UpdateWatcher }) {
  const state = useSyncExternalStore(watcher.subscribe, watcher.state);
  const lang = useDocumentLang();
  // The outbox survives a reload, but an upload cut halfway starts over on a slow link: let it finish first.
  const uploading = useOutboxItems().some((i) => i.status === 'sending');
  const [tapped, setTapped] = useState(false);
  useEffect(() => {
    if (tapped && !uploading) watcher.apply();
  }, [tapped, uploading, watcher]);
  if (state === 'none') return null;
  const key = state === 'applying' ? 'pwa.updating' : tapped && uploading ? 'pwa.waitUploads' : 'pwa.updateReady';
  return (
    <div className="pwa-update" role="status" data-testid="pwa-update">
      <button type="button" disabled={tapped} onClick={() => setTapped(true)}>
        <span className="icon" aria-hidden>↻</span>
        {pwaText(lang, key)}
      </button>
    </div>
  );
}
