import { canonicalJson, caseEventHashInput, GENESIS_HASH } from '../../domain/caseEvents';
import { orgWithin } from '../../domain/roles';
import { CreateCaseBody } from '../../domain/case';
import { sha256Hex } from '../../db/caseLog';

test('org scope is a subtree: a unit is inside itself and its ancestors, not its siblings or prefixes of names', () => {
  expect(orgWithin('HB.XN.XA.WQ', 'HB.XN')).toBe(true);
  expect(orgWithin('HB.XN', 'HB.XN')).toBe(true);
  expect(orgWithin('HB.XN.JY.YY', 'HB.XN.XA')).toBe(false);
  expect(orgWithin('HB.XNX', 'HB.XN')).toBe(false);
  expect(orgWithin('HB', 'HB.XN')).toBe(false);
});

test('canonical JSON does not depend on key order, so hashes are stable across jsonb round trips', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
  const e = { caseId: 'c', seq: 1, type: 'opened', stage: 'judgement' as const, actor: null, payload: { z: 1, a: 2 }, occurredAt: '2026-01-01T00:00:00.000Z' };
  const h1 = sha256Hex(caseEventHashInput(GENESIS_HASH, e));
  const h2 = sha256Hex(caseEventHashInput(GENESIS_HASH, { ...e, payload: { a: 2, z: 1 } }));
  expect(h1).toBe(h2);
  expect(sha256Hex(caseEventHashInput(GENESIS_HASH, { ...e, payload: { a: 3, z: 1 } }))).not.toBe(h1);
  expect(sha256Hex(caseEventHashInput(h1, e))).not.toBe(h1);
});

test('create-case body: defaults origin, trims notes, rejects unknown fields and bad account numbers', () => {
  expect(CreateCaseBody.parse({ customerAccountNo: '4210000001', note: '  现场  ' })).toEqual({ customerAccountNo: '4210000001', origin: 'custom', note: '现场' });
  expect(CreateCaseBody.safeParse({ customerAccountNo: '421000000' }).success).toBe(false);
  expect(CreateCaseBody.safeParse({ customerAccountNo: '4210000001', x: 1 }).success).toBe(false);
  expect(CreateCaseBody.safeParse({ customerAccountNo: '4210000001', note: 'x'.repeat(501) }).success).toBe(false);
});
