import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { TerminalError } from '../../api/client';
import { Button } from '../../ui/ui';
import { describeError, type ErrorContext } from './errors';
import './pages.css';

// Small building blocks shared by the custom audit, public query, content and settings pages.

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<V>(value: V, ms: number): V {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** An error in words, with the fields the API named (labelled when the page knows them) and a retry button. */
export function ErrorNote({ error, ctx, onRetry, labels, testId }: {
  error: unknown; ctx: ErrorContext; onRetry?: () => void; labels?: Record<string, string>; testId?: string;
}) {
  const { t } = useI18n();
  const fields = error instanceof TerminalError && (error.status === 400 || error.status === 422) ? error.fieldErrors : [];
  return (
    <div className="error-box" role="alert" data-testid={testId}>
      <p className="error-text">{describeError(error, t, ctx)}</p>
      {fields.length ? (
        <ul>
          {fields.map((f) => {
            const name = f.path.split('.').pop() ?? '';
            return <li key={f.path}>{labels?.[name] ?? f.path}：{f.message}</li>;
          })}
        </ul>
      ) : null}
      {onRetry ? <Button kind="secondary" onClick={onRetry}>{t('common.retry')}</Button> : null}
    </div>
  );
}

/** A row of mutually exclusive choices as big buttons (filters, periods, language). */
export function Segmented<V extends string | number>({ value, options, onChange, label, testId }: {
  value: V; options: { value: V; label: string }[]; onChange: (v: V) => void; label: string; testId?: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button key={String(o.value)} type="button" aria-pressed={o.value === value} onClick={() => onChange(o.value)} data-testid={testId ? `${testId}-${o.value}` : undefined}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** A collapsible section (native <details>: keyboard, screen reader and touch work without script). */
export function Section({ title, count, open, children, testId }: { title: string; count?: number; open?: boolean; children: ReactNode; testId?: string }) {
  return (
    <details className="section" open={open} data-testid={testId}>
      <summary>
        <span className="section-title">{title}</span>
        {count !== undefined ? <span className="section-count">{count}</span> : null}
      </summary>
      <div className="section-body">{children}</div>
    </details>
  );
}

/** Label–value pairs that stack on a narrow screen (a table would scroll sideways). */
export function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="fields">
      {rows.map(([k, v]) => (
        <div key={k} className="field">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
