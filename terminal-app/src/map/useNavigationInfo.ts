import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../client';
import type { LatLon } from '../../../ui-map/coords';
import { bearingDeg, distanceM } from '../../../ui-map/geo';
import type { Fix } from './useGeolocation';

// Distance and bearing from the current fix to the customer. The API answers them (GET …/navigation?fromLat&fromLon)
// — asked again only when the inspector has moved 15 m or 30 s have passed, not on every fix — and the device
// computes the same great circle itself between answers and when offline; the figure shown is the server's while
// it belongs to (about) the current fix, else the local one, marked as such.

export interface NavigationInfo {
  distanceM: number;
  bearingDeg: number;
  /** Computed on the device (offline, or the fix moved since the server's answer). */
  local: boolean;
}

const ASK_AFTER_M = 15;
const ASK_AFTER_MS = 30_000;
/** The server's figure is shown while the current fix is within this of the fix it was computed for. */
const SAME_FIX_M = 5;

export function useNavigationInfo(api: ApiClient, id: string, fix: Fix | null, customer: LatLon | null): NavigationInfo | null {
  const [answer, setAnswer] = useState<{ from: LatLon; distanceM: number; bearingDeg: number } | null>(null);
  const asked = useRef<{ at: number; from: LatLon } | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (!fix || !customer) return;
    const last = asked.current;
    if (last && distanceM(last.from, fix) < ASK_AFTER_M && Date.now() - last.at < ASK_AFTER_MS) return;
    const from = { lat: fix.lat, lon: fix.lon };
    asked.current = { at: Date.now(), from };
    const mine = ++seq.current;
    api.GET('/mobile/v1/tasks/{id}/navigation', { params: { path: { id }, query: { fromLat: from.lat, fromLon: from.lon } } })
      .then(({ data }) => {
        if (mine !== seq.current || !data?.from) return;
        setAnswer({ from, distanceM: data.from.distanceM, bearingDeg: data.from.bearingDeg });
      })
      .catch(() => {
        // Offline or refused: the local figure stands; ask again on the next move rather than at once.
      });
  }, [api, id, fix, customer]);

  if (!fix || !customer) return null;
  if (answer && distanceM(answer.from, fix) <= SAME_FIX_M) return { distanceM: answer.distanceM, bearingDeg: answer.bearingDeg, local: false };
  return { distanceM: Math.round(distanceM(fix, customer)), bearingDeg: Math.round(bearingDeg(fix, customer)), local: true };
}
