import { describe, expect, it } from 'vitest';
import { HttpError } from 'ra-core';
import { toFieldPath, toHttpError, toSubmissionErrors } from './problemDetails';

const validationProblem = {
  type: 'https://jicha.example/problems/validation',
  title: 'Validation failed',
  status: 422,
  detail: '请求参数有误',
  errors: [
    { path: 'customerAccountNo', message: '户号须为 10 位数字' },
    { path: '/note', message: '备注过长' },
    { path: 'customerAccountNo', message: '客户不存在' },
  ],
};

describe('toHttpError (problem+json → HttpError)', () => {
  it('uses detail as message and maps field errors for react-admin forms', () => {
    const mapped = toHttpError(new HttpError('Unprocessable Entity', 422, validationProblem));
    expect(mapped).toBeInstanceOf(HttpError);
    const error = mapped as HttpError;
    expect(error.message).toBe('请求参数有误');
    expect(error.status).toBe(422);
    expect(error.body.errors).toEqual({
      customerAccountNo: '户号须为 10 位数字；客户不存在',
      note: '备注过长',
      root: { serverError: '请求参数有误' },
    });
    expect(error.body.title).toBe('Validation failed');
    expect(error.body.problemErrors).toEqual(validationProblem.errors);
  });

  it('falls back to title when there is no detail, and sets no field errors without errors[]', () => {
    const error = toHttpError(
      new HttpError('Forbidden', 403, { type: 'about:blank', title: '无权操作', status: 403 }),
    ) as HttpError;
    expect(error.message).toBe('无权操作');
    expect(error.status).toBe(403);
    expect(error.body.errors).toBeUndefined();
  });

  it('keeps the HTTP status when the body disagrees', () => {
    const error = toHttpError(
      new HttpError('Bad Request', 400, { title: 'x', status: 500 }),
    ) as HttpError;
    expect(error.status).toBe(400);
  });

  it('leaves non-problem errors untouched', () => {
    const plain = new HttpError('Bad Gateway', 502, null);
    expect(toHttpError(plain)).toBe(plain);
    const html = new HttpError('Bad Gateway', 502, '<html>');
    expect(toHttpError(html)).toBe(html);
    const network = new TypeError('Failed to fetch');
    expect(toHttpError(network)).toBe(network);
  });
});

describe('toSubmissionErrors', () => {
  it('puts errors without a path into root.serverError', () => {
    expect(
      toSubmissionErrors({ title: 'Conflict', errors: [{ message: '该客户已有进行中的工单' }] }),
    ).toEqual({ root: { serverError: '该客户已有进行中的工单' } });
  });

  it('accepts RFC 9457 style pointer and detail', () => {
    expect(
      toSubmissionErrors({ detail: 'bad', errors: [{ pointer: '#/origin', detail: '无效类型' }] }),
    ).toEqual({ origin: '无效类型', root: { serverError: 'bad' } });
  });

  it('returns undefined when there is nothing field-level', () => {
    expect(toSubmissionErrors({ title: 'x' })).toBeUndefined();
    expect(toSubmissionErrors({ title: 'x', errors: [] })).toBeUndefined();
  });
});

describe('toFieldPath', () => {
  it.each([
    ['note', 'note'],
    ['address.city', 'address.city'],
    ['/address/0/city', 'address.0.city'],
    ['#/address/city', 'address.city'],
    ['$.address.city', 'address.city'],
    ['/a~1b', 'a/b'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toFieldPath(input)).toBe(expected);
  });

  it('joins array paths (zod style)', () => {
    expect(toFieldPath(['items', 2, 'qty'])).toBe('items.2.qty');
    expect(toFieldPath(undefined)).toBe('');
  });
});
