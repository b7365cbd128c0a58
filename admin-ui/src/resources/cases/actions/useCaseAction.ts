import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useRefresh } from 'react-admin';
import type { JichaDataProvider } from '../../../data/dataProvider';
import { caseEventsKey, caseLiveKey, type CaseLive } from '../show/useCaseQueries';
import type { ActionRequest } from './caseActionModel';
import { casePeopleKey } from '../../../ui/people/usePeople';

/**
 * Sends one step; on success the answer (the new live state) replaces the cached one and the
 * log and the record are read again. A refusal rejects with the validator's reason as message.
 */
export function useCaseAction(caseId: string) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (request: ActionRequest) => dataProvider.caseAction(caseId, request.action, request.body),
    onSuccess: (state) => {
      queryClient.setQueryData<CaseLive>(caseLiveKey(caseId), state);
      void queryClient.invalidateQueries({ queryKey: caseEventsKey(caseId) });
      // a step may name someone new (assignee, owner, note author)
      void queryClient.invalidateQueries({ queryKey: casePeopleKey(caseId) });
      refresh();
    },
  });
}
