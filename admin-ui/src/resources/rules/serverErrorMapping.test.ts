import { describe, expect, it } from 'vitest';
import { fieldFor, mapServerErrors } from './serverErrorMapping';
import { JUDGEMENT_EDITOR_FIELDS } from './judgementEditorModel';
import { PENALTY_EDITOR_FIELDS } from './penaltyEditorModel';

describe('rule draft editor: server validation errors onto inputs', () => {
  it('puts an error on the input with its exact path', () => {
    expect(mapServerErrors({ 'rules.2.weight': 'Too big: expected number to be <=100' }, JUDGEMENT_EDITOR_FIELDS)).toEqual({
      'rules.2.weight': 'Too big: expected number to be <=100',
    });
    expect(mapServerErrors({ 'rules.theft.hoursPerDay.power': 'Too big' }, PENALTY_EDITOR_FIELDS)).toEqual({
      'rules.theft.hoursPerDay.power': 'Too big',
    });
  });

  it('puts a parameter error on the JSON box of that rule, naming the parameter', () => {
    expect(mapServerErrors({ 'rules.1.params.maxOwnRatio': 'Too small: expected number to be >0' }, JUDGEMENT_EDITOR_FIELDS)).toEqual({
      'rules.1.paramsJson': 'maxOwnRatio: Too small: expected number to be >0',
    });
  });

  it('joins several errors of one input', () => {
    const out = mapServerErrors(
      { 'rules.0.params.windowMonths': 'too big', 'rules.0.params.whitelist': 'invalid option' },
      JUDGEMENT_EDITOR_FIELDS,
    );
    expect(out).toEqual({ 'rules.0.paramsJson': 'windowMonths: too big；whitelist: invalid option' });
  });

  it('puts a group-level refinement on the group\'s first input', () => {
    expect(mapServerErrors({ priorityThresholds: 'must satisfy urgent ≥ high ≥ normal' }, JUDGEMENT_EDITOR_FIELDS)).toEqual({
      'priorityThresholds.urgent': 'must satisfy urgent ≥ high ≥ normal',
    });
    expect(fieldFor(PENALTY_EDITOR_FIELDS, 'rules.capacity', 'Invalid input')).toEqual({ field: 'rules.capacity.mode', message: 'Invalid input' });
  });

  it('sends what no input shows to the form root, with its path, next to the server\'s own root message', () => {
    expect(
      mapServerErrors(
        { rules: 'rule codes must be unique', 'rules.0.checkItems': 'Too big: at most 10', root: { serverError: 'The request has invalid body fields.' } },
        JUDGEMENT_EDITOR_FIELDS,
      ),
    ).toEqual({
      root: { serverError: 'The request has invalid body fields.；rules: rule codes must be unique；rules.0.checkItems: Too big: at most 10' },
    });
  });

  it('maps a check item\'s field inside its rule', () => {
    expect(mapServerErrors({ 'rules.3.checkItems.1.code': 'must be an upper-case code' }, JUDGEMENT_EDITOR_FIELDS)).toEqual({
      'rules.3.checkItems.1.code': 'must be an upper-case code',
    });
  });

  it('answers undefined when there is nothing to show', () => {
    expect(mapServerErrors(undefined, JUDGEMENT_EDITOR_FIELDS)).toBeUndefined();
    expect(mapServerErrors({}, PENALTY_EDITOR_FIELDS)).toBeUndefined();
  });
});
