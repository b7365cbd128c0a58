import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { TerminalError, isNetworkError } from '../api/client';
import { hasText } from '../i18n';

// The few building blocks every page uses: big touch targets, high contrast, nothing hover-only.

export function Page({ title, back, actions, children }: { title: string; back?: string; actions?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="page">
      <header className="page-head">
        {back ? <a className="btn-icon" href={back} aria-label={t('common.back')}>‹</a> : null}
        <h1>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      <div className="page-body">{children}</div>
    </section>
  );
}

export function Button({ children, onClick, kind = 'primary', disabled, type = 'button', testId }: {
  children: ReactNode; onClick?: () => void; kind?: 'primary' | 'secondary' | 'danger'; disabled?: boolean; type?: 'button' | 'submit'; testId?: string;
}) {
  return <button type={type} className={`btn btn-${kind}`} onClick={onClick} disabled={disabled} data-testid={testId}>{children}</button>;
}

export function Loading() {
  const { t } = useI18n();
  return <p className="muted" role="status">{t('common.loading')}</p>;
}

/** An error in the user's words: the API's code translated when the app knows it, else the API's own detail. */
export function errorText(e: unknown, t: (k: string, p?: Record<string, string | number>) => string): string {
  if (e instanceof TerminalError) {
    const key = e.code ? `problem.${e.code}` : null;
    if (key && hasText(key)) return t(key);
    if (e.status === 401) return t('auth.sessionExpired');
    return e.message || t('common.loadFailed');
  }
  if (isNetworkError(e)) return t('common.offline');
  return e instanceof Error ? e.message : String(e);
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const fields = error instanceof TerminalError ? error.fieldErrors : [];
  return (
    <div className="error-box" role="alert">
      <p>{errorText(error, t)}</p>
      {fields.length ? <ul>{fields.map((f) => <li key={f.path}>{f.path ? `${f.path}：` : ''}{f.message}</li>)}</ul> : null}
      {onRetry ? <Button kind="secondary" onClick={onRetry}>{t('common.retry')}</Button> : null}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="muted empty">{children ?? t('common.empty')}</p>;
}
