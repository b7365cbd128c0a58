import { z } from 'zod';
import { AccountNo, CaseStage } from './case';
import { CheckInRecord, PendingActor } from './caseStateSchemas';
import { CASE_ACTIONS, EVIDENCE_KINDS } from './inspectionCaseContract';
import { PresenceReason } from './presenceReasons';
import { EvidenceIntegrity } from './evidenceIntegrity';

// Request and response schemas of the terminal API (the handlers parse with them; OpenAPI is generated from them).

export const CaseIdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });

export const Paging = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** "剩余 N 个工作日" on the working-day calendar in force, China dates (domain/calendar.ts workingDaysLeft). */
export const WorkingDaysLeft = z.number().int().nullable()
  .describe('working days after today up to the deadline\'s day (0: due today); negative: overdue by that many working days (at least -1); null: no deadline');

const Customer = z.object({ accountNo: z.string(), name: z.string(), address: z.string(), tariffCategory: z.string(), lat: z.number().nullable(), lon: z.number().nullable() });

export const TaskItem = z.object({
  caseId: z.uuid(),
  caseNo: z.string(),
  stage: z.string(),
  priority: z.string(),
  origin: z.string(),
  assignment: z.string().nullable(),
  pendingRole: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  workingDaysLeft: WorkingDaysLeft,
  escalationTier: z.number().int(),
  customer: Customer,
});
export const TaskPage = z.object({ items: z.array(TaskItem), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

/** The part of the workflow's state a terminal shows after a step. */
export const TaskState = z.object({
  caseId: z.string(),
  caseNo: z.string().nullable(),
  stage: CaseStage,
  assignee: z.string().nullable(),
  assignment: z.enum(['none', 'offered', 'accepted']),
  pendingActor: PendingActor,
  deadlineAt: z.string().nullable(),
  escalationTier: z.number().int(),
  checkIns: z.number().int(),
  verifiedEvidence: z.number().int(),
  needsSupervisorReview: z.boolean(),
});

export const CheckInResult = CheckInRecord;

export const Navigation = z.object({
  caseId: z.uuid(),
  customer: z.object({ accountNo: z.string(), name: z.string(), address: z.string() }),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  geoUri: z.string().nullable(),
  from: z.object({ lat: z.number(), lon: z.number(), distanceM: z.number(), bearingDeg: z.number() }).nullable(),
});
export const NavigationQuery = z.strictObject({
  fromLat: z.coerce.number().min(-90).max(90).optional(),
  fromLon: z.coerce.number().min(-180).max(180).optional(),
}).refine((q) => (q.fromLat === undefined) === (q.fromLon === undefined), { message: 'give both fromLat and fromLon, or neither', path: ['fromLat'] });

// ---------------------------------------------------------------- GPS track

export const TrackPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** The device's fix time; with the device id it identifies the point (a re-sent point is ignored). */
  at: z.iso.datetime({ offset: true }),
  accuracyM: z.number().min(0).max(10_000).optional(),
  speedMps: z.number().min(0).max(100).optional(),
});
export const TrackBatch = z.strictObject({
  caseId: z.uuid().optional(),
  points: z.array(TrackPoint).min(1).max(2000),
});
export const TrackAppendResult = z.object({ received: z.number().int(), stored: z.number().int(), duplicates: z.number().int() });
export const TrackReplayQuery = z.strictObject({ toleranceM: z.coerce.number().min(0).max(500).default(5) });
export const TrackReplay = z.object({
  caseId: z.uuid(),
  toleranceM: z.number(),
  tracks: z.array(z.object({
    deviceId: z.string(), username: z.string(), startedAt: z.string(), endedAt: z.string(), pointCount: z.number().int(), simplifiedCount: z.number().int(),
    lengthM: z.number(), points: z.array(z.object({ lat: z.number(), lon: z.number(), at: z.string() })),
  })),
});

// ---------------------------------------------------------------- evidence

export { EVIDENCE_KINDS };
export const EvidenceKind = z.enum(EVIDENCE_KINDS);

export const UploadRequest = z.strictObject({
  kind: EvidenceKind,
  contentType: z.string().min(3).max(100).regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'must be a media type such as image/jpeg'),
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the lowercase hex SHA-256 of the bytes'),
  capturedAt: z.iso.datetime({ offset: true }),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
}).refine((b) => (b.lat === undefined) === (b.lon === undefined), { message: 'give both lat and lon, or neither', path: ['lat'] });

export const UploadTicket = z.object({
  evidenceId: z.uuid(),
  upload: z.object({ method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()), expiresAt: z.string() }),
  maxBytes: z.number().int(),
});
export const EvidenceParams = z.strictObject({ id: z.uuid('must be a case id (UUID)'), evidenceId: z.uuid('must be an evidence id (UUID)') });
/** What the confirm step found in the stored bytes (services/evidence/forensics/). */
export const EvidenceForensics = z.object({
  detectedType: z.string().nullable().describe('The media type the bytes are (magic numbers), whatever was declared'),
  reasons: z.array(PresenceReason).describe('Findings (evidence.* codes); empty: nothing to doubt, the item counts as verified'),
  exif: z
    .object({
      takenAt: z.string().nullable().describe('DateTimeOriginal as an ISO instant (OffsetTimeOriginal, else China time +08:00)'),
      lat: z.number().nullable(), lon: z.number().nullable(), make: z.string().nullable(), model: z.string().nullable(),
    })
    .nullable()
    .describe('The photo\'s camera metadata; null when it has none (or is not a photo)'),
});
export const EvidenceItem = z.object({
  evidenceId: z.string(), kind: EvidenceKind, contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), capturedAt: z.string(),
  lat: z.number().nullable(), lon: z.number().nullable(), by: z.string(), status: z.string(), confirmedAt: z.string().nullable(),
  url: z.string().nullable(), urlExpiresAt: z.string().nullable(),
  forensics: EvidenceForensics.nullable().describe('null: not checked yet (requested, or confirmed before forensics existed)'),
  // The latest re-verification of the stored object (domain/evidenceIntegrity.ts); null until the sweep reaches it.
  integrity: EvidenceIntegrity.nullable(),
});

// ---------------------------------------------------------------- custom audit and public query

export const CustomerSearchQuery = z.strictObject({ q: z.string().trim().min(2, 'at least 2 characters').max(100), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const CustomCaseBody = z.strictObject({
  customerAccountNo: AccountNo,
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
});
export const AccountParams = z.strictObject({ accountNo: AccountNo });
export const Customer360Query = z.strictObject({
  months: z.coerce.number().int().min(1).max(36).default(12),
  days: z.coerce.number().int().min(1).max(90).default(30),
});

export const RegulationQuery = z.strictObject({
  kind: z.enum(['regulation', 'notice']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const RegulationParams = z.strictObject({ id: z.string().min(1).max(100).regex(/^[a-z0-9-]+$/) });

export const FeedbackBody = z.strictObject({
  category: z.enum(['bug', 'suggestion', 'question', 'data_error', 'other']),
  text: z.string().trim().min(2, 'say what happened or what you suggest').max(4000),
  caseId: z.uuid().optional(),
  appVersion: z.string().max(50).optional(),
});

// ---------------------------------------------------------------- offline sync

/** Case steps a terminal may take (evidence is attached only by the upload-confirm step). */
export const STEP_ACTIONS = ['accept', 'decline', 'check-in', 'findings', 'note', 'rectification', 'rectification-report'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];
export const stepInput = (a: StepAction) => CASE_ACTIONS[a].input as z.ZodType<Record<string, unknown>>;

export const SYNC_ACTIONS = [...STEP_ACTIONS, 'track'] as const;
export type SyncAction = (typeof SYNC_ACTIONS)[number];
export const SyncItem = z.strictObject({
  /** The action's idempotency key: the same key as an online attempt of the same action, so it is applied once. */
  clientId: z.string().regex(/^[\x21-\x7e]{8,200}$/, '8–200 printable ASCII characters'),
  /** When the terminal queued it (device clock). */
  at: z.iso.datetime({ offset: true }),
  action: z.enum(SYNC_ACTIONS),
  caseId: z.uuid(),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export const SyncBody = z.strictObject({ items: z.array(SyncItem).min(1).max(100) });
export const SyncResult = z.object({
  results: z.array(z.object({
    clientId: z.string(),
    action: z.string(),
    caseId: z.string(),
    at: z.string(),
    status: z.enum(['applied', 'duplicate', 'conflict']),
    httpStatus: z.number().int(),
    reason: z.string().optional(),
    /** A refusal's message code and fields (`text.hostile` and the payload's field paths), as the endpoint answers. */
    code: z.string().optional(),
    /** The names and figures the code's text quotes (domain/messages), for the terminal's own words. */
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional() })).optional(),
    result: z.unknown().optional(),
  })),
});

// ---------------------------------------------------------------- administration (终端人员维护)

export const DeviceId = z.string().regex(/^[A-Za-z0-9._:-]{4,100}$/, '4–100 characters of A–Z a–z 0–9 . _ : -');
/** 32 bytes in base64url without padding: one coordinate of a P-256 point. */
const P256Coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes, base64url without padding');
/**
 * The terminal's ECDSA P-256 public key as WebCrypto exports it (JWK, RFC 7517). The private member `d` (or any other)
 * is refused; the service also checks that the point lies on the curve. Proof-of-presence signatures are checked with it.
 */
export const PublicKeyJwk = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: P256Coordinate,
  y: P256Coordinate,
  ext: z.boolean().optional(),
  key_ops: z.array(z.literal('verify')).max(1).optional(),
  alg: z.literal('ES256').optional(),
  use: z.literal('sig').optional(),
});
export type PublicKeyJwk = z.infer<typeof PublicKeyJwk>;
/**
 * A terminal registered by an administrator (POST /mobile/v1/admin/devices, /api/terminals), or registering itself on
 * first run; unbound until an administrator binds it. Binding needs the key: a device without one cannot sign the
 * DPoP proofs its requests carry.
 */
export const RegisterDevice = z.strictObject({
  deviceId: DeviceId,
  label: z.string().trim().min(1).max(100),
  platform: z.enum(['android', 'ios', 'pda', 'simulator', 'other']),
  model: z.string().trim().max(100).optional(),
  publicKeyJwk: PublicKeyJwk.optional(),
});
/** A terminal registering itself on first run: the same fields. */
export const RegisterOwnDevice = RegisterDevice;
export type RegisterOwnDevice = z.infer<typeof RegisterOwnDevice>;
export type RegisterDevice = RegisterOwnDevice;
export const DeviceParams = z.strictObject({ deviceId: DeviceId });
export const BindDevice = z.strictObject({ username: z.string().min(1).max(100) });
export const DeviceListQuery = z.strictObject({
  boundTo: z.string().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const Device = z.object({
  id: z.string(), label: z.string(), platform: z.string(), model: z.string().nullable(), registeredBy: z.string(), registeredAt: z.string(),
  boundUser: z.string().nullable(), boundAt: z.string().nullable(), boundBy: z.string().nullable(), lastSeenAt: z.string().nullable(),
  publicKeyThumbprint: z.string().nullable().describe('RFC 7638 SHA-256 thumbprint (base64url) of the key the terminal registered; null: none'),
});
export const AnnouncementBody = z.strictObject({
  title: z.string().trim().min(2).max(200),
  body: z.string().trim().min(2).max(10_000),
  orgUnitId: z.string().regex(/^[A-Z0-9]{1,8}(\.[A-Z0-9]{1,8}){0,4}$/).optional(),
  pinned: z.boolean().default(false),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

// ---------------------------------------------------------------- public configuration (before login)

/** The terminal map's basemap: an XYZ template or 天地图's WMTS GetTile (KVP) template, with {z}/{x}/{y} (and {s}). */
export const TileSource = z.object({
  kind: z.enum(['xyz', 'wmts']),
  url: z.string(),
  subdomains: z.array(z.string()).optional(),
  attribution: z.string().optional(),
  maxZoom: z.number().int().optional(),
});

/** What the terminal app needs before login (GET /mobile/v1/public-config), kept on the device for offline starts. */
export const TerminalPublicConfig = z.object({
  keycloak: z.object({ url: z.string(), realm: z.string(), clientId: z.string() }),
  map: z.object({
    tiles: TileSource.nullable().describe('null: no basemap configured; the map draws customer, track and geofence alone'),
    geofenceM: z.number().describe('the check-in geofence radius of the case policy in force, in metres'),
  }),
  version: z.string(),
});
export type TerminalPublicConfig = z.infer<typeof TerminalPublicConfig>;
