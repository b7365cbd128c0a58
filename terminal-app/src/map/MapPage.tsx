import { useEffect, useMemo, useState } from 'react';
import { useLocalTrack } from '../outbox';
import { useApp } from '../AppContext';
import { useLoad } from '../hooks';
import { useI18n, type T } from '../i18n';
import { href } from '../router';
import { isNetworkError } from '../api/client';
import { Button, ErrorBox, Loading, Page, errorText } from '../ui/ui';
import type { LatLon } from '../../../ui-map/coords';
import type { MapFeatures } from '../../../ui-map/features';
import { formatBearing, formatDistance } from './format';
import { MapView } from './MapView';
import { NavigateButtons } from './NavigateButtons';
import { ReplayPanel } from './ReplayPanel';
import { loadPlace, loadTracks } from './taskData';
import { useGeolocation, type GeoState } from './useGeolocation';
import { useNavigationInfo } from './useNavigationInfo';
import './map.css';

// #/tasks/:id/map — the way to the customer: who and where (header), how far and which way from here, the map
// filling the screen above the bottom navigation, big 导航 buttons to the phone's map apps, the replay of the
// recorded track, and the way back to the task.

/**
 * Keeps the element's height = viewport height − its top − the bottom navigation, so the map fills the screen.
 * A callback ref: the element appears only once the task has loaded.
 */
function useFillHeight(): (el: HTMLDivElement | null) => void {
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!el) return undefined;
    const fit = () => {
      const nav = document.querySelector<HTMLElement>('.bottom-nav')?.offsetHeight ?? 64;
      const top = el.getBoundingClientRect().top + window.scrollY;
      const below = el.parentElement ? parseFloat(getComputedStyle(el.parentElement).paddingBottom) || 0 : 0;
      el.style.height = `${Math.max(420, window.innerHeight - top - nav - below)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    window.addEventListener('orientationchange', fit);
    return () => {
      window.removeEventListener('resize', fit);
      window.removeEventListener('orientationchange', fit);
    };
  }, [el]);
  return setEl;
}

function geoText(t: T, geo: GeoState): string | null {
  if (geo.problem) return t(`map.geo.${geo.problem}`);
  return geo.fix ? null : t('map.geo.locating');
}

export function MapPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { api, config } = useApp();
  const place = useLoad(() => loadPlace(api, id), [api, id]);
  const tracks = useLoad(() => loadTracks(api, id), [api, id]);
  const geo = useGeolocation();
  const [replayOpen, setReplayOpen] = useState(false);
  const [replayAt, setReplayAt] = useState<LatLon | null>(null);
  const fill = useFillHeight();

  const p = place.state === 'ok' ? place.data.place : null;
  const customer = useMemo<LatLon | null>(() => (p && p.lat !== null && p.lon !== null ? { lat: p.lat, lon: p.lon } : null), [p]);
  const info = useNavigationInfo(api, id, geo.fix, customer);
  const localTrack = useLocalTrack(id);
  const trackList = useMemo(() => (tracks.state === 'ok' ? tracks.data.tracks : []), [tracks]);

  const features = useMemo<MapFeatures>(() => ({
    customer,
    position: geo.fix ? { lat: geo.fix.lat, lon: geo.fix.lon, accuracyM: geo.fix.accuracyM } : null,
    geofenceM: config.map.geofenceM,
    tracks: trackList.map((tr) => ({ id: tr.deviceId, points: tr.points })),
    // this device's fixes the server does not have yet (offline walk), drawn dashed
    localTrack,
    replay: replayOpen ? replayAt : null,
  }), [customer, geo.fix, config.map.geofenceM, trackList, localTrack, replayOpen, replayAt]);
  // Re-fit when something new has to come into view — the customer, the first fix, the tracks — or the map's box
  // changes with the replay panel; not on every fix.
  const fitKey = `${customer ? 1 : 0}-${geo.fix ? 1 : 0}-${trackList.length}-${replayOpen ? 1 : 0}`;

  if (place.state === 'loading') return <Page title={t('map.title')} back={href(`/tasks/${id}`)}><Loading /></Page>;
  if (place.state === 'error') {
    return (
      <Page title={t('map.title')} back={href(`/tasks/${id}`)}>
        {isNetworkError(place.error)
          ? <div className="error-box" role="alert"><p>{t('map.offlineNoPlace')}</p><Button kind="secondary" onClick={() => void place.reload()}>{t('common.retry')}</Button></div>
          : <ErrorBox error={place.error} onRetry={() => void place.reload()} />}
      </Page>
    );
  }
  const { place: where, fromCache } = place.data;
  const geoProblem = geoText(t, geo);

  return (
    <Page title={where.name || t('map.title')} back={href(`/tasks/${id}`)}>
      <div className="map-page" ref={fill}>
        <div className="map-info" data-testid="map-info">
          {where.address ? <p className="map-address">{where.address}</p> : null}
          {fromCache ? <p className="map-note-inline" role="status">{t('map.note.offlineTask')}</p> : null}
          {!customer ? <p className="map-note-inline" role="alert">{t('map.noCustomerLocation', { address: where.address || '—' })}</p> : null}
          {info ? (
            <p className="map-distance" data-testid="map-distance">
              <strong>{t('map.distance', { distance: formatDistance(t, info.distanceM) })}</strong>
              {' · '}{formatBearing(t, info.bearingDeg)}
              {info.local ? <span className="tag">{t('map.computedLocally')}</span> : null}
            </p>
          ) : null}
          {geo.fix ? (
            <p className="muted" data-testid="map-accuracy">
              {t('map.accuracy', { n: Math.round(geo.fix.accuracyM) })}
              {' · '}
              {info && info.distanceM <= config.map.geofenceM
                ? <span className="map-inside">{t('map.insideGeofence', { r: config.map.geofenceM })}</span>
                : t('map.outsideGeofence', { r: config.map.geofenceM })}
            </p>
          ) : null}
          {geoProblem ? <p className={geo.problem === 'denied' || geo.problem === 'unsupported' ? 'map-geo-problem' : 'muted'} role={geo.problem ? 'alert' : 'status'} data-testid="map-geo">{geoProblem}</p> : null}
          {tracks.state === 'error' ? (
            <p className="muted">{isNetworkError(tracks.error) ? t('map.track.offline') : t('map.track.loadFailed', { reason: errorText(tracks.error, t) })}</p>
          ) : null}
        </div>
        <div className="map-area">
          <MapView features={features} tiles={config.map.tiles} fitKey={fitKey} />
        </div>
        {replayOpen ? <ReplayPanel tracks={trackList} onPosition={setReplayAt} /> : null}
        {customer ? <NavigateButtons destination={{ ...customer, name: where.name || where.address }} /> : null}
        <div className="map-actions">
          <Button kind="secondary" onClick={() => setReplayOpen((o) => !o)} testId="replay-toggle">
            {replayOpen ? t('map.replay.close') : t('map.replay.toggle')}
          </Button>
          <a className="btn btn-secondary" href={href(`/tasks/${id}`)} data-testid="back-to-task">{t('map.backToTask')}</a>
        </div>
      </div>
    </Page>
  );
}
