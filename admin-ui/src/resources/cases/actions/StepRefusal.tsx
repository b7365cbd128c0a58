import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { problemKey, refusalText } from '../../../data/refusal';

type ProblemError = { path?: string; code?: string; message?: string; params?: Record<string, unknown> };

/**
 * A refused step or calculation in the user's words: each code from the catalogue when it has a text there, else the
 * server's own sentence (the problem's `detail`, or the field error's message).
 */
export function StepRefusal({ error, title, testId = 'case-action-error' }: { error: unknown; title?: string; testId?: string }) {
  const translate = useTranslate();
  const refusal = refusalText(error, translate);
  const body = (error as { body?: { problemErrors?: ProblemError[]; code?: string } } | null)?.body;
  const items = (body?.problemErrors ?? []).map((e) => {
    const key = problemKey(e.code ?? null, null);
    const text = key ? translate(`app.problems.${key}`, { ...(e.params ?? {}), _: '' }) : '';
    return text || e.message || '';
  });
  // the list says it all when the problem is the sum of its field errors (a 422 of money codes)
  const reason = refusal.reason && !items.includes(refusal.reason) ? refusal.reason : null;
  const head = reason ?? (items.length ? null : refusal.detail);
  return (
    <Alert severity="error" data-testid={testId}>
      {title && <strong>{title}</strong>}
      {head && <div data-testid="case-action-reason">{head}</div>}
      {items.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {[...new Set(items)].map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
