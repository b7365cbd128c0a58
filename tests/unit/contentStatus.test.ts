import { actionsFrom, CONSULTATION_ACTIONS, CONSULTATION_STATUSES, FEEDBACK_ACTIONS, FEEDBACK_STATUSES } from '../../domain/contentStatus';

// The status workflows the back office offers and the API enforces (409 outside them).

test('feedback: new → in progress → answered or closed; answered and closed reopen; every status has a way on', () => {
  expect(actionsFrom(FEEDBACK_ACTIONS, 'open')).toEqual(['start', 'answer', 'close']);
  expect(actionsFrom(FEEDBACK_ACTIONS, 'in_progress')).toEqual(['answer', 'close']);
  expect(actionsFrom(FEEDBACK_ACTIONS, 'answered')).toEqual(['close', 'reopen']);
  expect(actionsFrom(FEEDBACK_ACTIONS, 'closed')).toEqual(['reopen']);
  for (const s of FEEDBACK_STATUSES) expect(actionsFrom(FEEDBACK_ACTIONS, s).length).toBeGreaterThan(0);
  // no action leaves a row where it was (a repeated click is a 409, not a silent no-op)
  for (const a of Object.values(FEEDBACK_ACTIONS)) expect((a.from as readonly string[]).includes(a.to)).toBe(false);
  expect(FEEDBACK_ACTIONS.answer.text).toBe('required');
});

test('consultations: answered once, then closed; closed is final', () => {
  expect(actionsFrom(CONSULTATION_ACTIONS, 'open')).toEqual(['answer', 'close']);
  expect(actionsFrom(CONSULTATION_ACTIONS, 'answered')).toEqual(['close']);
  expect(actionsFrom(CONSULTATION_ACTIONS, 'closed')).toEqual([]);
  const reachable = new Set(['open', ...Object.values(CONSULTATION_ACTIONS).map((a) => a.to)]);
  expect([...reachable].sort()).toEqual([...CONSULTATION_STATUSES].sort());
});
