import { useEffect, useState } from 'react';
import type { LatLon } from '../../../ui-map/coords';

// The inspector's position while the map is open: navigator.geolocation.watchPosition, stopped when the page closes
// (the track recorder keeps its own watch during a visit). Failures are reported as a kind the page puts in words.

export interface Fix extends LatLon {
  accuracyM: number;
  /** Epoch ms of the fix. */
  at: number;
}

export type GeoProblem = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export interface GeoState {
  fix: Fix | null;
  /** The latest failure; a later fix clears it (after `denied` or `unsupported` none comes). */
  problem: GeoProblem | null;
}

const OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 };

export function problemOf(code: number): GeoProblem {
  // GeolocationPositionError: 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT.
  return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable';
}

export function useGeolocation(geo: Geolocation | undefined = typeof navigator !== 'undefined' ? navigator.geolocation : undefined): GeoState {
  const [state, setState] = useState<GeoState>({ fix: null, problem: geo ? null : 'unsupported' });
  useEffect(() => {
    if (!geo) return undefined;
    const id = geo.watchPosition(
      (p) => setState({
        fix: { lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: p.coords.accuracy, at: p.timestamp },
        problem: null,
      }),
      (e) => setState((s) => ({ fix: e.code === 1 ? null : s.fix, problem: problemOf(e.code) })),
      OPTIONS,
    );
    return () => geo.clearWatch(id);
  }, [geo]);
  return state;
}
