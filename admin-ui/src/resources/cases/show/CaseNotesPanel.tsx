import { List, ListItem, ListItemText } from '@mui/material';
import type { ReactNode } from 'react';
import type { CaseLive } from './useCaseQueries';
import { formatDateTime } from '../../../format/dateTime';
import { EmptyState } from '../../../ui/LoadStates';
import { SectionCard } from '../../../ui/SectionCard';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

/** Notes added to the case (newest first), with the "add a note" button when allowed. */
export function CaseNotesPanel({ notes, action }: { notes: readonly CaseLive['notes'][number][]; action?: ReactNode }) {
  const names = usePersonNames();
  const ordered = [...notes].reverse();
  return (
    <SectionCard title="resources.cases.notes.title" action={action} data-testid="case-notes">
      {ordered.length === 0 ? (
        <EmptyState message="resources.cases.notes.empty" />
      ) : (
        <List dense disablePadding>
          {ordered.map((n, i) => (
            <ListItem key={`${n.at}-${i}`} disableGutters divider={i < ordered.length - 1}>
              <ListItemText
                primary={n.text}
                secondary={`${names.short(n.by)} · ${formatDateTime(n.at)}`}
                slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } } }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </SectionCard>
  );
}
