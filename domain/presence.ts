import type { CheckInRecord } from './caseStateSchemas';
import { distanceMeters } from './geo';
import { presenceReasonText, reason, verdictOf, type PresenceReason, type PresenceVerdict } from './presenceReasons';
import type { Lang } from './text';

// Presence checks (防虚假现场工单): what a field visit's check-ins, GPS track and evidence say about whether the
// inspector was on site. Pure: the service gathers the inputs (services/presence/presenceVerdict.ts), this decides.
// Every threshold below was chosen against `npm run eval:presence` (honest visits with GPS noise and accuracies of
// 5–30 m, forged visits of each known pattern) and says why it has its value.

/**
 * Track points recorded up to this long before the acceptance belong to the visit: a terminal records the approach
 * of a case it was offered before the inspector taps "accept" (the simulator and the terminal app both do), and device
 * clocks drift a little. Older points belong to another trip. A supervisor's return starts a new visit exactly.
 */
export const TRACK_LEAD_S = 3600;
/** The window before the check-in in which a track must have enough points. */
export const SPARSE_WINDOW_S = 1800;
/**
 * Fewer usable points than this in the half hour before the check-in is a sparse track (minor): a terminal that records
 * every 10–60 s leaves 30–180 there; 5 still lets a phone that slept most of the way pass, and a track that has only
 * two or three fixes is not evidence of a journey.
 */
export const SPARSE_MIN_POINTS = 5;
/**
 * A fix claiming an accuracy worse than this says nothing about where the inspector was (a cell-tower or Wi-Fi
 * position; phones give 5–30 m outdoors with GPS, 30–65 m in streets between buildings): it is left out of the track
 * checks, so it can neither hide a jump nor fake an approach (claiming a huge accuracy would otherwise excuse anything).
 */
export const USABLE_ACCURACY_M = 100;
/** A point without a recorded accuracy (old terminals) is taken as this accurate. */
export const UNKNOWN_ACCURACY_M = 50;
/**
 * Faster than this between two fixes, after each fix's accuracy is given the benefit of the doubt, is a jump: cars on
 * county roads and expressways stay below 120 km/h; a teleported position (a track pasted together from two places)
 * implies hundreds or thousands.
 */
export const JUMP_KMH = 150;
/**
 * An approach comes from at least this far (or, shorter, steadily closes in): three geofence radii and never less than
 * 500 m. A made-up track that sits at the customer, or a desk elsewhere, never passes both this and `reachM`.
 */
export const approachFromM = (radiusM: number) => Math.max(3 * radiusM, 500);
/**
 * A shorter approach (a neighbouring customer, a walk from the village square) counts when it closes in by at least
 * this much with a clear downward trend (Spearman ρ of distance over time ≤ STEADY_RHO). GPS noise of 5–30 m around a
 * walk of 200 m or more leaves ρ near −1; a track wandering around one place leaves it near 0.
 */
export const steadyClosingM = (radiusM: number) => Math.max(radiusM, 150);
export const STEADY_RHO = -0.6;
/**
 * The track must come within this of the customer (each fix's accuracy in its favour): twice the geofence. The last fixes
 * before stepping indoors are often a street away, and a terminal loses the fix inside; a desk in another part of town
 * is far beyond it.
 */
export const reachM = (radiusM: number) => 2 * radiusM;
/** A photo taken more than this from every check-in is not a photo of the visit (a visit lasts an hour or two). */
export const CAPTURE_WINDOW_S = 2 * 3600;

export interface PresenceEvidence {
  evidenceId: string;
  kind: 'photo' | 'audio' | 'video' | 'signature';
  sha256?: string;
  /** The declared capture time (the terminal's clock). */
  capturedAt: string;
  lat?: number | null;
  lon?: number | null;
  /** The server checked the stored object (and, with forensics, found nothing wrong). */
  verified: boolean;
  /** What the stored bytes said at confirm (evidence forensics); empty when nothing, or before forensics existed. */
  forensicReasons: PresenceReason[];
  /** The capture time in the photo's metadata (EXIF), when it has one. */
  exifTakenAt: string | null;
}

export interface TrackPoint {
  at: string;
  lat: number;
  lon: number;
  accuracyM: number | null;
  /** Fixes of different terminals are checked for jumps each on their own. */
  deviceId?: string;
}

export interface PresenceInput {
  now: string;
  customer: { lat: number | null; lon: number | null };
  policy: { geofenceRadiusM: number; minVerifiedPhotos: number; clockToleranceS: number };
  checkIns: CheckInRecord[];
  evidence: PresenceEvidence[];
  /** The assignee's fixes for this case (any time; the visit's window is chosen here). */
  track: TrackPoint[];
  /** The latest acceptance of the field step (server time). */
  acceptedAt: string | null;
  /** The latest return of a visit by a supervisor (server time): the visit under assessment began then. */
  returnedAt?: string | null;
}

const ms = (iso: string) => Date.parse(iso);
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Where the visit under assessment began: the return of the previous one, else the acceptance. */
function visitStart(i: PresenceInput): number | null {
  const starts = [i.acceptedAt, i.returnedAt].filter((x): x is string => !!x).map(ms);
  return starts.length ? Math.max(...starts) : null;
}

/**
 * The check-in that speaks best for the visit: one inside the fence (distance + accuracy within the radius, clock within
 * tolerance), else the one whose circle of uncertainty reaches least far (distance + accuracy).
 */
export function bestCheckIn(checkIns: CheckInRecord[], radiusM: number, toleranceS: number): CheckInRecord | null {
  const score = (c: CheckInRecord) => (c.distanceM === null ? Infinity : c.distanceM + c.accuracyM);
  const inside = (c: CheckInRecord) => c.distanceM !== null && score(c) <= radiusM && Math.abs(c.clockSkewS ?? 0) <= toleranceS;
  return [...checkIns].sort((a, b) => Number(inside(b)) - Number(inside(a)) || score(a) - score(b))[0] ?? null;
}

/** Average ranks (ties share their mean rank). */
function ranks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j += 1;
    for (let k = i; k <= j; k += 1) r[order[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation; 0 when either side does not vary. */
export function spearman(xs: number[], ys: number[]): number {
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < xs.length; i += 1) {
    num += (rx[i] - mx) * (ry[i] - my);
    dx += (rx[i] - mx) ** 2;
    dy += (ry[i] - my) ** 2;
  }
  return dx === 0 || dy === 0 ? 0 : num / Math.sqrt(dx * dy);
}

interface Fix { t: number; lat: number; lon: number; acc: number; device: string }

/** Metres per second between two fixes beyond what their accuracies explain. */
function excessSpeed(a: Fix, b: Fix): { speed: number; distanceM: number; seconds: number } {
  const distanceM = distanceMeters(a, b);
  const seconds = Math.max((b.t - a.t) / 1000, 1);
  return { speed: Math.max(0, distanceM - a.acc - b.acc) / seconds, distanceM, seconds };
}

const JUMP_MPS = JUMP_KMH / 3.6;

/**
 * A single wild fix (multipath in a street canyon: out and straight back) is not a jump of the inspector. A fix is
 * dropped when it is implausible next to a neighbour while its two neighbours agree with each other without it; the
 * first and the last fix when they are implausible next to their only neighbour. A teleport is not a spike: the track
 * stays where it jumped to, so the fixes on either side of the jump disagree and nothing is dropped (and a teleport
 * carried by one end fix alone leaves a track that never came from afar or never arrived: `track.no-approach`).
 */
/** Multipath throws a fix a few hundred metres (street canyons: up to about 500 m); a teleport moves kilometres. */
const WILD_FIX_MAX_M = 1000;

/**
 * `k` agrees with `near` (plausible speed), lies at most half as far from it as from `far`, and `far` is out of its
 * reach by more than a wild fix could throw it: the track was at `k` and jumped, `k` is not the wild one.
 */
function sitsWith(k: Fix, near: Fix, far: Fix): boolean {
  const toFar = distanceMeters(k, far);
  const speed = (a: Fix, b: Fix) => (a.t <= b.t ? excessSpeed(a, b) : excessSpeed(b, a)).speed;
  return toFar > WILD_FIX_MAX_M && speed(near, k) <= JUMP_MPS && speed(k, far) > JUMP_MPS && 2 * distanceMeters(k, near) < toFar;
}

function withoutSpikes(fixes: Fix[]): Fix[] {
  const fast = (a: Fix, b: Fix) => excessSpeed(a, b).speed > JUMP_MPS;
  const out = [...fixes];
  for (let k = 0; k < out.length && out.length > 2;) {
    const prev = out[k - 1];
    const next = out[k + 1];
    let spike: boolean;
    // A fix that sits with one neighbour (much closer to it than to the other) and is out of reach of the other only
    // is where the track really was before or after a jump, not a wild fix: the first fixes of a teleported track
    // agree with each other, and dropping one of them hid the jump.
    if (prev && next) spike = (fast(prev, out[k]) || fast(out[k], next)) && !fast(prev, next) && !sitsWith(out[k], prev, next) && !sitsWith(out[k], next, prev);
    else if (next) spike = fast(out[k], next) && !fast(next, out[k + 2]); // the first fix
    else spike = fast(prev, out[k]) && !fast(out[k - 2], prev); // the last fix
    if (spike) {
      out.splice(k, 1);
      k = Math.max(0, k - 1);
    } else {
      k += 1;
    }
  }
  return out;
}

function trackReasons(i: PresenceInput, best: CheckInRecord | null, start: number | null, now: number): { reasons: PresenceReason[]; points: number } {
  const radiusM = i.policy.geofenceRadiusM;
  const from = Math.max(start !== null ? start - TRACK_LEAD_S * 1000 : now - 24 * 3600_000, i.returnedAt ? ms(i.returnedAt) : -Infinity);
  const inVisit = i.track.filter((p) => ms(p.at) >= from && ms(p.at) <= now + i.policy.clockToleranceS * 1000);
  if (!inVisit.length) return { reasons: [reason('track.none')], points: 0 };
  const reasons: PresenceReason[] = [];

  const byDevice = new Map<string, Fix[]>();
  for (const p of inVisit) {
    const acc = p.accuracyM ?? UNKNOWN_ACCURACY_M;
    if (acc > USABLE_ACCURACY_M) continue;
    const device = p.deviceId ?? '';
    const list = byDevice.get(device) ?? [];
    list.push({ t: ms(p.at), lat: p.lat, lon: p.lon, acc, device });
    byDevice.set(device, list);
  }
  const clean: Fix[] = [];
  let worst: ReturnType<typeof excessSpeed> | null = null;
  for (const fixes of byDevice.values()) {
    const track = withoutSpikes(fixes.sort((a, b) => a.t - b.t));
    clean.push(...track);
    for (let k = 1; k < track.length; k += 1) {
      const s = excessSpeed(track[k - 1], track[k]);
      if (s.speed > JUMP_MPS && (!worst || s.speed > worst.speed)) worst = s;
    }
  }
  if (worst) {
    reasons.push(reason('track.jump', { distanceM: Math.round(worst.distanceM), seconds: Math.round(worst.seconds), speedKmh: Math.round((worst.distanceM / worst.seconds) * 3.6) }));
  }

  // The approach and the density are read against the best check-in, on the device's own clock (its fixes carry the
  // device's time, as does the check-in's deviceTime).
  if (best) {
    const ci = ms(best.deviceTime);
    clean.sort((a, b) => a.t - b.t);
    const recent = clean.filter((f) => f.t >= ci - SPARSE_WINDOW_S * 1000 && f.t <= ci + 120_000).length;
    if (recent < SPARSE_MIN_POINTS) reasons.push(reason('track.sparse', { points: recent, required: SPARSE_MIN_POINTS }));

    const c = i.customer;
    if (c.lat !== null && c.lon !== null) {
      const before = clean.filter((f) => f.t <= ci + 120_000);
      const d = before.map((f) => distanceMeters(f, { lat: c.lat!, lon: c.lon! }));
      if (!before.length) {
        reasons.push(reason('track.no-approach', { closestM: null, startM: null }));
      } else {
        const farM = Math.max(...d);
        const closest = Math.min(...d.map((x, k) => x - before[k].acc));
        const fromAfar = farM >= approachFromM(radiusM);
        const closing = before.length >= 4 && d[0] - Math.min(...d) >= steadyClosingM(radiusM) && spearman(before.map((f) => f.t), d) <= STEADY_RHO;
        if (!(fromAfar || closing) || closest > reachM(radiusM)) {
          reasons.push(reason('track.no-approach', { closestM: Math.round(Math.min(...d)), startM: Math.round(d[0]) }));
        }
      }
    }
  }
  return { reasons, points: inVisit.length };
}

function checkInReasons(i: PresenceInput, best: CheckInRecord | null): PresenceReason[] {
  const { geofenceRadiusM: radiusM, clockToleranceS: toleranceS } = i.policy;
  if (!best) return [reason('checkin.none')];
  const out: PresenceReason[] = [];
  if (best.distanceM !== null) {
    if (best.distanceM > radiusM) out.push(reason('checkin.outside', { distanceM: best.distanceM, radiusM }));
    else if (best.distanceM + best.accuracyM > radiusM) out.push(reason('checkin.imprecise', { accuracyM: best.accuracyM, distanceM: best.distanceM, radiusM }));
  }
  if (best.clockSkewS !== undefined && Math.abs(best.clockSkewS) > toleranceS) out.push(reason('checkin.clock-skew', { skewS: best.clockSkewS, toleranceS }));
  // a mock-location provider at any check-in of the visit: the terminal itself says its positions were made up
  if (i.checkIns.some((c) => c.signals?.mockLocation)) out.push(reason('checkin.mock-location'));
  return out;
}

/** Evidence captured (EXIF time, else the declared one) away from every check-in, before the visit or in the future. */
function captureReasons(i: PresenceInput, start: number | null, now: number): Map<string, PresenceReason> {
  const tol = i.policy.clockToleranceS * 1000;
  const anchors = i.checkIns.flatMap((c) => [ms(c.at), ms(c.deviceTime)]);
  const out = new Map<string, PresenceReason>();
  for (const e of i.evidence) {
    if (e.forensicReasons.some((r) => r.code === 'evidence.captured-outside-visit')) continue; // forensics said so already
    const at = ms(e.exifTakenAt ?? e.capturedAt);
    if (Number.isNaN(at)) continue;
    const fromCheckIn = anchors.length ? Math.min(...anchors.map((a) => Math.abs(at - a))) : 0;
    const beforeVisit = start !== null ? start - tol - at : 0; // > 0: taken before the visit began
    const inFuture = at - (now + tol); // > 0: taken after now
    if (fromCheckIn > CAPTURE_WINDOW_S * 1000 || beforeVisit > 0 || inFuture > 0) {
      // the text quotes the distance in time to the check-ins (or to the visit's start when there is none)
      const hours = round(Math.max(fromCheckIn, beforeVisit, inFuture) / 3600_000, 1);
      out.set(e.evidenceId, reason('evidence.captured-outside-visit', { capturedAt: new Date(at).toISOString(), hours }, e.evidenceId));
    }
  }
  return out;
}

/**
 * The presence verdict on a field visit: the check-ins, the GPS track and the evidence (with what forensics found in
 * the stored bytes) as named reasons, and the confidence they leave (domain/presenceReasons.ts `verdictOf`).
 */
export function assessPresence(i: PresenceInput): PresenceVerdict {
  const now = ms(i.now);
  const start = visitStart(i);
  const best = bestCheckIn(i.checkIns, i.policy.geofenceRadiusM, i.policy.clockToleranceS);
  const track = trackReasons(i, best, start, now);
  const capture = captureReasons(i, start, now);

  const evidenceReasons: PresenceReason[] = [];
  const cleanPhotos = new Set<string>();
  let photos = 0;
  for (const e of i.evidence) {
    const own = [...e.forensicReasons.map((r) => ({ ...r, evidenceId: r.evidenceId ?? e.evidenceId })), ...(capture.has(e.evidenceId) ? [capture.get(e.evidenceId)!] : [])];
    evidenceReasons.push(...own);
    if (e.kind !== 'photo') continue;
    photos += 1;
    // a photo counts once however often it was uploaded, and only when nothing at all is said against it
    if (e.verified && own.length === 0) cleanPhotos.add(e.sha256 ?? e.evidenceId);
  }
  const required = i.policy.minVerifiedPhotos;
  const photoReasons = cleanPhotos.size < required ? [reason('photos.too-few', { verified: cleanPhotos.size, required })] : [];

  const reasons = [...checkInReasons(i, best), ...track.reasons, ...photoReasons, ...evidenceReasons].slice(0, 200);
  return verdictOf(reasons, { checkIns: i.checkIns.length, trackPoints: track.points, photos, verifiedPhotos: cleanPhotos.size }, new Date(now).toISOString());
}

/** How many reasons a refusal's one-line detail quotes (all of them come as field errors). */
const DETAIL_REASONS = 4;

/** The human `detail` of a refusal of findings on a weak visit without a justification (zh-CN first). */
export function presenceWeakDetail(v: PresenceVerdict, lang: Lang): string {
  const quoted = v.reasons.filter((r) => r.severity !== 'minor').concat(v.reasons.filter((r) => r.severity === 'minor')).slice(0, DETAIL_REASONS);
  const more = v.reasons.length - quoted.length;
  const texts = quoted.map((r) => presenceReasonText(r, lang));
  if (lang === 'en') {
    return `The proof that this visit was made on site is weak (confidence ${v.confidence}): ${texts.join('; ')}${more > 0 ? `; and ${more} more` : ''}. `
      + 'Give a justification to submit the findings; the case then waits for a supervisor\'s review (suspected fake field work order).';
  }
  return `现场真实性存疑（可信度 ${v.confidence}）：${texts.join('；')}${more > 0 ? `；另有 ${more} 项` : ''}。请填写情况说明后再提交，工单将转稽查专责复核（疑似虚假工单）。`;
}
