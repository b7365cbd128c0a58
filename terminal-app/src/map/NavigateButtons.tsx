import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { detectPlatform, navigationUri, type Destination, type MapApp, type NavigationOptions } from './navigation';

// "导航": one big button per map app. They are plain links (a tap is the user gesture a browser requires to leave
// for another app's URI scheme). A browser says nothing when no app handles a scheme, so if the page is still in
// front a moment after the tap we say in words that the app did not open.

const APPS: MapApp[] = ['amap', 'baidu', 'tencent', 'geo'];
const NOT_OPENED_AFTER_MS = 2_500;

export function NavigateButtons({ destination, options }: { destination: Destination; options?: Partial<NavigationOptions> }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState<MapApp | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const opts: NavigationOptions = { platform: options?.platform ?? detectPlatform(), ...options };

  useEffect(() => {
    // Leaving for the map app hides this page: then it did open.
    const left = () => {
      if (document.visibilityState === 'hidden' && timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
    };
    document.addEventListener('visibilitychange', left);
    window.addEventListener('pagehide', left);
    return () => {
      document.removeEventListener('visibilitychange', left);
      window.removeEventListener('pagehide', left);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const tapped = (app: MapApp) => {
    setFailed(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      if (document.visibilityState === 'visible') setFailed(app);
    }, NOT_OPENED_AFTER_MS);
  };

  return (
    <div className="map-nav" role="group" aria-label={t('map.navigate')}>
      <div className="map-nav-row">
        {APPS.map((app) => (
          <a
            key={app}
            className={`btn map-nav-btn ${app === 'geo' ? 'btn-secondary' : 'btn-primary'}`}
            href={navigationUri(app, destination, opts)}
            onClick={() => tapped(app)}
            aria-label={t('map.navigateTo', { app: t(`map.app.${app}.full`), name: destination.name })}
            data-testid={`navigate-${app}`}
          >
            <span className="map-nav-verb" aria-hidden>{t('map.navigate')}</span>
            {t(`map.app.${app}`)}
          </a>
        ))}
      </div>
      {failed ? <p className="map-nav-failed" role="status">{t('map.app.notOpened', { app: t(`map.app.${failed}.full`) })}</p> : null}
    </div>
  );
}
