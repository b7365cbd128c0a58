import type { ApiClient } from '../../../client';
import { isNetworkError } from '../api/client';

// What the map needs of a task: the customer's name, address and WGS-84 location (GET /mobile/v1/tasks/{id}) and the
// recorded tracks (GET /mobile/v1/tasks/{id}/track). The last answers per task are kept in localStorage, so that a
// map opened once online still shows the customer, still navigates and still replays in a basement with no signal.

export interface Place {
  caseId: string;
  caseNo: string;
  accountNo: string | null;
  name: string;
  address: string;
  lat: number | null;
  lon: number | null;
}

export interface TaskTrack {
  deviceId: string;
  username: string;
  startedAt: string;
  endedAt: string;
  pointCount: number;
  lengthM: number;
  points: { lat: number; lon: number; at: string }[];
}

const KEY = (id: string) => `jicha.terminal.map.place.${id}`;
const TRACK_KEY = (id: string) => `jicha.terminal.map.track.${id}`;
/** Simplified tracks are small; one beyond this is not kept rather than crowd out the app's other storage. */
const MAX_TRACK_CHARS = 200_000;

export function placeOf(task: {
  caseId: string;
  caseNo: string;
  customer: { accountNo: string; name: string; address: string; lat: number | null; lon: number | null } | null;
  location: { lat: number; lon: number } | null;
}): Place {
  const c = task.customer;
  return {
    caseId: task.caseId,
    caseNo: task.caseNo,
    accountNo: c?.accountNo ?? null,
    name: c?.name ?? '',
    address: c?.address ?? '',
    lat: task.location?.lat ?? c?.lat ?? null,
    lon: task.location?.lon ?? c?.lon ?? null,
  };
}

export function cachedPlace(id: string, storage: Storage = localStorage): Place | null {
  try {
    const raw = storage.getItem(KEY(id));
    if (!raw) return null;
    const p = JSON.parse(raw) as Place;
    return typeof p.caseId === 'string' && typeof p.name === 'string' ? p : null;
  } catch {
    return null;
  }
}

export function keepPlace(p: Place, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY(p.caseId), JSON.stringify(p));
  } catch {
    /* storage full or blocked: the next offline start has no place; the map then says so */
  }
}

function cachedTracks(id: string): TaskTrack[] | null {
  try {
    const raw = localStorage.getItem(TRACK_KEY(id));
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    return Array.isArray(v) ? (v as TaskTrack[]) : null;
  } catch {
    return null;
  }
}

/** The task's recorded tracks, from the API, else — only when the network is missing — from the last answer kept. */
export async function loadTracks(api: ApiClient, id: string): Promise<{ tracks: TaskTrack[]; fromCache: boolean }> {
  try {
    const { data } = await api.GET('/mobile/v1/tasks/{id}/track', { params: { path: { id } } });
    const tracks: TaskTrack[] = data?.tracks ?? [];
    try {
      const json = JSON.stringify(tracks);
      if (json.length <= MAX_TRACK_CHARS) localStorage.setItem(TRACK_KEY(id), json);
    } catch {
      /* storage full or blocked */
    }
    return { tracks, fromCache: false };
  } catch (e) {
    const cached = isNetworkError(e) ? cachedTracks(id) : null;
    if (cached) return { tracks: cached, fromCache: true };
    throw e;
  }
}

/** The task's place, from the API, else — only when the network is missing — from the last answer kept. */
export async function loadPlace(api: ApiClient, id: string): Promise<{ place: Place; fromCache: boolean }> {
  try {
    const { data } = await api.GET('/mobile/v1/tasks/{id}', { params: { path: { id } } });
    if (!data) throw new Error(`GET /mobile/v1/tasks/${id}: empty answer`);
    const place = placeOf(data);
    keepPlace({ ...place, caseId: id });
    return { place, fromCache: false };
  } catch (e) {
    const cached = isNetworkError(e) ? cachedPlace(id) : null;
    if (cached) return { place: cached, fromCache: true };
    throw e;
  }
}
