import { useRef, useState } from 'react';
import type { ApiClient } from '../../../../client';
import { useApp } from '../../AppContext';
import { localAttemptStore, OnlineAction } from '../customers/onlineAction';
import type { FieldProblem, FormCheck } from './content';

/**
 * A form sent online under one Idempotency-Key (咨询, 意见反馈): its checked body goes out once; an attempt left without
 * an answer is kept on the device (`store`) and retried as it was, and the form stays frozen until then.
 */
export function useOnlineForm<B>(store: string, send: (api: ApiClient, action: OnlineAction<B>, body: B) => Promise<unknown>, onDone: () => void) {
  const { api } = useApp();
  const actionRef = useRef<OnlineAction<B> | null>(null);
  actionRef.current ??= new OnlineAction<B>(undefined, localAttemptStore(store));
  const action = actionRef.current;
  const [errors, setErrors] = useState<Record<string, FieldProblem>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unknown = action.pending !== null; // an earlier submission got no answer: retry it as it was

  async function submit(check: FormCheck<B>) {
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      await send(api, action, check.body);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  /** Gives up retrying the unanswered attempt (the user decides it was lost): the form is editable again. */
  function abandon() {
    action.abandon();
    setError(null);
  }

  return { pending: action.pending?.body, errors, error, busy, unknown, frozen: unknown || busy, submit, abandon };
}
