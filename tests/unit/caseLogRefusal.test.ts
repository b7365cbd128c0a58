import { ApplicationFailure } from '@temporalio/common';
import { Registry } from 'prom-client';
import { asCaseLogRefusal } from '../../activities/caseLogRefusal';
import { refusedValue } from '../../db/refusedValue';
import { storableCopy, storableText } from '../../domain/caseLogRefusal';
import { caseLogRefusalCounter } from '../../ops/metrics';

const pgError = (code: string, constraint?: string) => Object.assign(new Error(`pg ${code}`), { code, constraint });
const event = { caseId: 'c1', seq: 7, type: 'note_added' };

test('Postgres refuses a value for good on data exceptions and integrity violations, not on a duplicate log row or passing trouble', () => {
  expect(refusedValue(pgError('22021'))).toBe('22021'); // NUL byte in text
  expect(refusedValue(pgError('22P05'))).toBe('22P05'); // \u0000 in jsonb
  expect(refusedValue(pgError('22P02'))).toBe('22P02'); // lone surrogate in jsonb, a bad uuid
  expect(refusedValue(pgError('23514', 'cases_origin_check'))).toBe('23514');
  expect(refusedValue(pgError('23502'))).toBe('23502');
  expect(refusedValue(pgError('23505', 'cases_case_no_key'))).toBe('23505');
  // the same (case, seq) already recorded by another attempt: a retry finds it and changes nothing
  expect(refusedValue(pgError('23505', 'case_events_pkey'))).toBeNull();
  for (const passing of ['40001', '40P01', '57P01', '08006', '53300']) expect(refusedValue(pgError(passing))).toBeNull();
  expect(refusedValue(new Error('case c1: event 4 arrived before event 3'))).toBeNull();
  expect(refusedValue(undefined)).toBeNull();
});

test('a refusal is a non-retryable CaseLogValueRefused naming the SQLSTATE, never the value; it is counted', () => {
  const registry = new Registry();
  const counter = caseLogRefusalCounter(registry);
  const seen: unknown[] = [];
  const f = asCaseLogRefusal(Object.assign(pgError('22P02'), { detail: 'Token "\ud800" is invalid.' }), event, (r) => {
    seen.push(r);
    counter.inc({ event_type: r.eventType, sqlstate: r.sqlState });
  });
  expect(f).toBeInstanceOf(ApplicationFailure);
  expect(f).toMatchObject({ type: 'CaseLogValueRefused', nonRetryable: true, details: [{ sqlState: '22P02', eventType: 'note_added', seq: 7 }] });
  expect((f as Error).message).toBe('Postgres refused event 7 (note_added) of case c1: SQLSTATE 22P02');
  expect(seen).toEqual([{ sqlState: '22P02', eventType: 'note_added', seq: 7 }]);
  const passing = pgError('40001');
  expect(asCaseLogRefusal(passing, event)).toBe(passing); // retried as before
  return registry.metrics().then((text) => expect(text).toContain('jicha_case_log_refusals_total{event_type="note_added",sqlstate="22P02"} 1'));
});

test('storable text: NUL and lone surrogates become U+FFFD; pairs, CJK and emoji stay', () => {
  expect(storableText('a\u0000b')).toBe('a\uFFFDb');
  expect(storableText('x\ud800')).toBe('x\uFFFD');
  expect(storableText('\udc00y')).toBe('\uFFFDy');
  expect(storableText('\udc00\ud800')).toBe('\uFFFD\uFFFD'); // reversed pair
  expect(storableText('稽查 😀 ok')).toBe('稽查 😀 ok');
  expect(storableCopy({ notes: [{ text: 'a\u0000' }], n: 1, none: null })).toEqual({ notes: [{ text: 'a\uFFFD' }], n: 1, none: null });
});
