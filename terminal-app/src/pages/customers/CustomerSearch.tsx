import { useEffect, useState } from 'react';
import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { useOnline } from '../../hooks';
import { Loading } from '../../ui/ui';
import { searchCustomers } from './api';
import type { CustomerHit } from './customer360';
import { checkQuery, SEARCH_DEBOUNCE_MS, SEARCH_LIMIT, SEARCH_MAX } from './search';
import { ErrorNote, useDebounced } from './parts';

// Search the customers of my unit by account number prefix, name or address (GET /mobile/v1/customers?q). Shared by
// 自定义稽查 and 公共查询. The last query of each page is kept for the session, so coming back from a customer shows
// the same results.

type SearchState =
  | { state: 'idle' }
  | { state: 'loading'; q: string }
  | { state: 'ok'; q: string; hits: CustomerHit[] }
  | { state: 'error'; q: string; error: unknown };

const storeKey = (scope: string) => `jicha.terminal.search.${scope}`;

function recall(scope: string): string {
  try {
    return sessionStorage.getItem(storeKey(scope)) ?? '';
  } catch {
    return '';
  }
}

function remember(scope: string, q: string): void {
  try {
    sessionStorage.setItem(storeKey(scope), q);
  } catch {
    /* private mode: nothing kept */
  }
}

export function CustomerSearch({ scope, initial, onPick, testId }: {
  /** Which page's last query to keep ('custom', 'query'). */
  scope: string;
  /** A query to start with (from the link that opened the page), instead of the last one. */
  initial?: string;
  onPick: (hit: CustomerHit) => void;
  testId: string;
}) {
  const { api } = useApp();
  const { t } = useI18n();
  const online = useOnline();
  const [text, setText] = useState(() => initial ?? recall(scope));
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<SearchState>({ state: 'idle' });
  const debounced = useDebounced(text, SEARCH_DEBOUNCE_MS);
  const check = checkQuery(debounced);
  const q = check.ok ? check.q : null;

  useEffect(() => {
    remember(scope, debounced);
  }, [scope, debounced]);

  useEffect(() => {
    if (!q || !online) {
      setResult({ state: 'idle' });
      return;
    }
    // A newer query cancels the older request; its late answer must never replace newer results.
    const abort = new AbortController();
    setResult({ state: 'loading', q });
    searchCustomers(api, q, abort.signal).then(
      (hits) => { if (!abort.signal.aborted) setResult({ state: 'ok', q, hits }); },
      (error: unknown) => { if (!abort.signal.aborted) setResult({ state: 'error', q, error }); },
    );
    return () => abort.abort();
  }, [api, q, online, attempt]);

  const live = checkQuery(text);
  let hint: string;
  if (!live.ok && live.reason === 'short') hint = t('cust.search.short', { min: 2 });
  else if (!live.ok && live.reason === 'long') hint = t('cust.search.long', { max: SEARCH_MAX });
  else if (!live.ok && live.reason === 'control') hint = t('cust.search.control');
  else hint = t('cust.search.hint');

  return (
    <div className="search-box">
      <label htmlFor={`${testId}-input`}>{t('cust.search.label')}</label>
      <input
        id={`${testId}-input`}
        type="search"
        enterKeyHint="search"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={SEARCH_MAX + 20}
        value={text}
        placeholder={t('cust.search.placeholder')}
        onChange={(e) => setText(e.target.value)}
        data-testid={`${testId}-input`}
      />
      <p className="hint" aria-live="polite">{hint}</p>
      {!online && live.ok ? <div className="warn-box" role="status">{t('cust.search.offline')}</div> : null}
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'error' ? <ErrorNote error={result.error} ctx="search" onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {result.state === 'ok' && result.q === q ? (
        result.hits.length === 0 ? (
          <p className="muted empty" data-testid={`${testId}-empty`}>{t('cust.search.none', { q: result.q })}</p>
        ) : (
          <>
            <p className="hint">{result.hits.length >= SEARCH_LIMIT ? t('cust.search.more', { n: result.hits.length }) : t('cust.search.count', { n: result.hits.length })}</p>
            <ul className="hits" data-testid={`${testId}-results`}>
              {result.hits.map((h) => (
                <li key={h.accountNo}>
                  <button type="button" className="hit" onClick={() => onPick(h)} data-testid={`${testId}-hit-${h.accountNo}`}>
                    <div className="hit-name">{h.name}</div>
                    <div className="hit-line"><span className="mono">{h.accountNo}</span> · {t(`cust.tariff.${h.tariffCategory}`)}</div>
                    <div className="hit-line">{h.address}</div>
                    <div className="hit-tags">
                      {h.openCases > 0 ? <span className="tag tag-warn">{t('cust.search.openCases', { n: h.openCases })}</span> : null}
                      {h.status !== 'active' ? <span className="tag tag-danger">{t(`cust.customerStatus.${h.status}`)}</span> : null}
                    </div>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
    </div>
  );
}
