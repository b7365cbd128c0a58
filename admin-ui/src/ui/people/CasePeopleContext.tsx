import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { namesOf, type PersonNames } from './personLabel';
import { useCasePeople } from './usePeople';

const CasePeopleContext = createContext<Readonly<Record<string, PersonNames>> | undefined>(undefined);

/** The case page's people, read once for the case; the panels below name people through usePersonNames(). */
export function CasePeopleProvider({ caseId, children }: { caseId: string | undefined; children: ReactNode }) {
  const people = useCasePeople(caseId);
  return <CasePeopleContext.Provider value={people.data}>{children}</CasePeopleContext.Provider>;
}

/** `full(u)` → 李稽查（温泉供电所）, `short(u)` → 李稽查; the user name itself while loading or when unknown. */
export function usePersonNames() {
  const people = useContext(CasePeopleContext);
  return useMemo(() => namesOf(people), [people]);
}
