import { useQuery } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useTranslate } from 'react-admin';
import { ok } from '../../../data/api';
import type { JichaDataProvider } from '../../../data/dataProvider';
import { formatDate } from '../../../format/dateTime';
import { useEngineDetails } from '../../../auth/useEngineDetails';

/**
 * The deadline policy a case runs under, in business words: 时限与取证规则（2026/01/01 起施行） — its effective day when the
 * user may read the policies, else the plain name. Admins see the version code as well.
 */
export function PolicyVersionText({ version }: { version: string }) {
  const translate = useTranslate();
  const engine = useEngineDetails();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'case-policies', action: 'show' });
  const policy = useQuery({
    queryKey: ['case-policies', 'one', version],
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/case-policies/{version}', { params: { path: { version } } })),
    enabled: !!canAccess && !!version,
    staleTime: 10 * 60_000,
  });
  const from = policy.data?.effectiveFrom;
  const name = from ? translate('cockpit.engine.policyFrom', { from: formatDate(from) }) : translate('cockpit.engine.policy');
  return (
    <span data-testid="policy-version">
      {name}
      {engine && ` · ${version}`}
    </span>
  );
}
