import { anchorObjectKey, anchorPrefixFor, anchorSignatureProblem, signAnchor, type LogAnchor } from '../../domain/logAnchor';
import { logAnchorSchedule } from '../../worker/schedules';

const anchor = (anchorId: number, takenAt: string): LogAnchor => ({
  version: 1, anchorId, takenAt, audit: { position: 41, hash: 'a'.repeat(64) }, caseLog: { cases: 2, events: 9, digest: 'b'.repeat(64) },
});
const KEY = 'k'.repeat(32);

test('a signed anchor verifies with its key; changed content, another key or a malformed object does not', () => {
  const signed = signAnchor(KEY, anchor(3, '2026-12-04T10:00:00.000Z'));
  expect(anchorSignatureProblem(KEY, signed)).toBeNull();
  expect(anchorSignatureProblem(KEY, { ...signed, anchor: { ...signed.anchor, audit: { position: 40, hash: 'a'.repeat(64) } } })).toMatch(/signature does not verify/);
  expect(anchorSignatureProblem('z'.repeat(32), signed)).toMatch(/signed by another key/);
  expect(anchorSignatureProblem(KEY, { ...signed, signature: 'ab' })).toMatch(/signature does not verify/);
  expect(anchorSignatureProblem(KEY, null as never)).toMatch(/malformed/);
});

test('anchor keys list newest first, under one prefix per database', () => {
  const keys = ['2026-12-04T10:00:00.000Z', '2026-12-04T10:05:00.000Z', '2027-01-01T00:00:00.000Z'].map((t, i) => anchorObjectKey('anchors/jicha/', anchor(i + 1, t)));
  expect([...keys].sort()).toEqual([...keys].reverse());
  expect(keys[0]).toMatch(/^anchors\/jicha\/\d{13}-000000000001\.json$/);
  expect(anchorPrefixFor('postgres://u:p@db:5432/jicha_test')).toBe('anchors/jicha_test/');
});

test('the schedule starts one anchoring run per interval and skips a run while one is going', () => {
  const d = logAnchorSchedule('q', 5);
  expect(d.spec.intervals).toEqual([{ every: '5 minutes' }]);
  expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'logAnchoring', taskQueue: 'q', args: [] });
  expect(d.policies.overlap).toBe('SKIP');
});
