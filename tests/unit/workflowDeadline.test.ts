import { ServiceError } from '@temporalio/client';
import { ranOutOfTime } from '../../services/cases/caseLiveState';

// A step or a live-state query that outlives its deadline is a 503 "case workflow not answering", whichever way gRPC
// reports it: DEADLINE_EXCEEDED, or CANCELLED when the server's propagated deadline cancelled the stream a moment
// before the client's own timer (a loaded CI run got that, and a 500).
/** gRPC status codes (the spec's numbers; @grpc/grpc-js is not a dependency of ours). */
const status = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, UNAVAILABLE: 14 } as const;
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const wrapped = (code: number, details: string) => new ServiceError('Failed to query Workflow', { cause: grpcError(code, details) });
const deadline = 1_000_000;

test('DEADLINE_EXCEEDED ran out of time, whenever it comes', () => {
  expect(ranOutOfTime(wrapped(status.DEADLINE_EXCEEDED, 'Deadline exceeded'), deadline, deadline - 5000)).toBe(true);
  expect(ranOutOfTime(grpcError(status.DEADLINE_EXCEEDED, 'Deadline exceeded'), deadline, deadline)).toBe(true);
});

test('CANCELLED ran out of time within the last second of the deadline or after it, not before', () => {
  expect(ranOutOfTime(wrapped(status.CANCELLED, 'Call cancelled'), deadline, deadline + 15)).toBe(true);
  expect(ranOutOfTime(wrapped(status.CANCELLED, 'Call cancelled'), deadline, deadline - 200)).toBe(true);
  // cancelled early (the API shutting down, the client going away): not a worker that does not answer
  expect(ranOutOfTime(wrapped(status.CANCELLED, 'Call cancelled'), deadline, deadline - 5000)).toBe(false);
});

test('other failures are not a timeout', () => {
  expect(ranOutOfTime(wrapped(status.UNAVAILABLE, 'No connection established'), deadline, deadline + 15)).toBe(false);
  expect(ranOutOfTime(new Error('boom'), deadline, deadline + 15)).toBe(false);
});
