import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../ui/LoadStates';
import { statusOf, type CaseLive } from './useCaseQueries';

/**
 * Renders its children with the live state once it is there; a spinner while loading; an
 * explanation when the workflow is gone (404: no longer retained — the log still shows it all)
 * or the read failed.
 */
export function LiveStateGate({
  query,
  children,
}: {
  query: UseQueryResult<CaseLive>;
  children: (live: CaseLive) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return statusOf(query.error) === 404 ? (
      <ErrorState severity="info" title="resources.cases.live.unavailable" error={query.error} />
    ) : (
      <ErrorState title="resources.cases.live.loadError" error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  return <>{children(query.data)}</>;
}
