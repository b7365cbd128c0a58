import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { EVIDENCE_MAX_BYTES } from '../../services/evidence/evidencePolicy';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, openFieldCase } from '../support/mobile';

// The customer's signature on the 用电检查工作单, drawn on the terminal's screen, is evidence of kind `signature`
// (a PNG of at most 2 MB): asked for, PUT to the store by presigned URL, confirmed and attached to the case workflow,
// listed with the case's evidence for the terminal and the back office. It is not a photo: it does not count towards
// the photos the case policy asks for.
let h: Harness;
let inspector: string;
let supervisor: string;
let device: string;

/**
 * A real PNG: a white 120×40 canvas with a dark diagonal stroke (what a signature pad exports), a little different
 * each run (a hand never draws the same stroke twice; the same bytes as a signature confirmed before would be
 * evidence.reused).
 */
function signaturePng(): Buffer {
  const w = 120;
  const hgt = 40;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(hgt, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((w + 1) * hgt, 255);
  for (let y = 0; y < hgt; y += 1) {
    rows[y * (w + 1)] = 0; // filter: none
    const x = Math.max(0, Math.round((y / hgt) * w) + crypto.randomInt(-2, 3));
    for (let dx = 0; dx < 3 && x + dx < w; dx += 1) rows[y * (w + 1) + 1 + x + dx] = 20;
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  h = await startHarness();
  let admin: string;
  [inspector, supervisor, admin] = await Promise.all([tokenFor('inspector'), tokenFor('supervisor'), tokenFor('admin')]);
  device = newDeviceId('sig');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

test('a drawn signature (image/png) goes through request, presigned PUT, confirm, and is listed with the case\'s evidence', async () => {
  const as = { token: inspector, device };
  const c = await openFieldCase(h, supervisor, '4210000002');
  expect((await mobile(h.baseUrl, `/tasks/${c.id}/accept`, { ...as, body: {} })).status).toBe(200);
  const png = signaturePng();
  const body = (over: Record<string, unknown> = {}) => ({ kind: 'signature', contentType: 'image/png', sizeBytes: png.length, sha256: sha(png), capturedAt: new Date().toISOString(), ...over });

  // only a PNG, and at most 2 MB
  const jpeg = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...as, body: body({ contentType: 'image/jpeg' }) });
  expect(jpeg.status).toBe(400);
  expect(jpeg.body.errors).toEqual([{ path: 'contentType', message: 'not a signature type' }]);
  const big = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...as, body: body({ sizeBytes: 2 * 1024 * 1024 + 1 }) });
  expect(big.status).toBe(413);
  expect(EVIDENCE_MAX_BYTES.signature).toBe(2 * 1024 * 1024);

  const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...as, body: body() });
  expect(ticket.status).toBe(201);
  const { evidenceId, upload } = ticket.body;
  expect(upload.headers['content-type']).toBe('image/png');
  expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: png })).status).toBe(200);

  const confirmed = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${evidenceId}/confirm`, { ...as, body: {} });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.evidence).toMatchObject({ evidenceId, kind: 'signature', contentType: 'image/png', sizeBytes: png.length, sha256: sha(png), status: 'confirmed' });
  const state = await c.handle.query(getStateQuery);
  expect(state.evidence).toEqual([expect.objectContaining({ evidenceId, kind: 'signature', verified: true, by: 'inspector' })]);

  const list = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, as);
  const item = list.body.find((e: { evidenceId: string }) => e.evidenceId === evidenceId);
  expect(item).toMatchObject({ kind: 'signature', status: 'confirmed' });
  const back = Buffer.from(await (await fetch(item.url)).arrayBuffer());
  expect(sha(back)).toBe(sha(png));
  const detail = await mobile(h.baseUrl, `/tasks/${c.id}`, as);
  expect(detail.body.evidence).toEqual([expect.objectContaining({ evidenceId, kind: 'signature', status: 'confirmed' })]);
  const office = await api(h.baseUrl, `/api/cases/${c.id}/evidence`, { token: supervisor });
  expect(office.status).toBe(200);
  expect(office.body).toEqual(expect.arrayContaining([expect.objectContaining({ evidenceId, kind: 'signature' })]));

  // A signature is not one of the photos the policy asks for: findings without photos still need a justification.
  const findings = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as, body: { result: 'not_confirmed', checklist: [], summary: '现场核实无异常' } });
  expect(findings.status).toBe(422);
  expect(findings.body.code).toBe('case-step:PresenceWeak');
  expect(findings.body.errors).toContainEqual({ path: 'presence', code: 'photos.too-few', message: '有效现场照片 0 张，至少需要 2 张', params: { verified: 0, required: 2 } });

  expect((await api(h.baseUrl, `/api/cases/${c.id}/actions/cancel`, { token: supervisor, body: { reason: '测试结束' } })).status).toBe(200);
});
