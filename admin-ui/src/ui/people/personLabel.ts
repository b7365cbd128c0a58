/** A person of the picker (GET /api/people) or of a case's names (GET /api/cases/:id/people). */
export interface PersonNames {
  displayName: string;
  stationName: string | null;
}

/** 李稽查（温泉供电所）: the display name with the unit, the way a station lead knows people. */
export function personLabel(p: PersonNames): string {
  return p.stationName ? `${p.displayName}（${p.stationName}）` : p.displayName;
}

/**
 * Names of a case's people by user name: `full` gives 李稽查（温泉供电所）, `short` 李稽查; a user name the personnel list
 * does not hold (a system actor, someone removed) shows as it is.
 */
export function namesOf(people: Readonly<Record<string, PersonNames>> | undefined) {
  return {
    full: (username: string | null | undefined): string => {
      if (!username) return '';
      const p = people?.[username];
      return p ? personLabel(p) : username;
    },
    short: (username: string | null | undefined): string => {
      if (!username) return '';
      return people?.[username]?.displayName ?? username;
    },
  };
}
