import { useCallback } from 'react';
import { useApp } from '../../AppContext';
import { useCachedLoad, type CachedLoad } from './useCachedLoad';
import type { TaskDetail } from './types';

/** One task's detail (GET /mobile/v1/tasks/{id}), with the device's last copy shown meanwhile and offline. */
export function useTaskDetail(id: string): CachedLoad<TaskDetail> {
  const { api, session } = useApp();
  const load = useCallback(async () => {
    const { data } = await api.GET('/mobile/v1/tasks/{id}', { params: { path: { id } } });
    return data as TaskDetail;
  }, [api, id]);
  return useCachedLoad<TaskDetail>(session.identity.username, `task.${id}`, load);
}
