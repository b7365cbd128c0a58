import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState } from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { orderTree, unitName, type OrgLevel, type OrgTreeNode } from './orgTree';

/**
 * The units the caller may see (their own and below), in tree order, from GET /api/org-units; cached for the
 * session's pages (the tree changes with reference data, not while someone edits a form).
 */
export function useOrgUnits(levels?: readonly OrgLevel[]) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  const key = levels?.join(',');
  const q = useQuery({
    queryKey: ['org-units', key ?? 'all'],
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/org-units', { params: { query: key ? { levels: key } : {} } })),
    staleTime: 10 * 60_000,
    retry: 1,
  });
  const tree = useMemo<OrgTreeNode[]>(() => orderTree(q.data ?? []), [q.data]);
  const byId = useMemo(() => new Map(tree.map((u) => [u.id, u])), [tree]);
  return { ...q, tree, byId };
}

/** A code's name for lists and show pages ("温泉供电所"), the code itself while loading or when unknown. */
export function useOrgUnitNames() {
  const { byId } = useOrgUnits();
  const [locale] = useLocaleState();
  return (code: string) => {
    const u = byId.get(code);
    return u ? unitName(u, locale) : code;
  };
}
