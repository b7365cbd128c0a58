import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { DECLINE_REASON, validateDeclineReason } from './textRules';

// 退回 (decline) with a required reason: a bottom sheet, so the text box and the buttons sit under the thumb. Common
// reasons are one tap away (typing with gloves is slow); the inspector may edit the text after picking one.

const QUICK_REASONS = ['tasks.decline.quick.area', 'tasks.decline.quick.leave', 'tasks.decline.quick.load', 'tasks.decline.quick.data'];

export function DeclineSheet({ onCancel, onSubmit, busy = false }: { onCancel: () => void; onSubmit: (reason: string) => void; busy?: boolean }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const problem = validateDeclineReason(reason);
  const submit = () => {
    setTried(true);
    if (!problem) onSubmit(reason.trim());
  };
  return (
    <div className="sheet-backdrop" onClick={onCancel}>
      <div className="sheet" role="dialog" aria-modal="true" aria-labelledby="decline-title" onClick={(e) => e.stopPropagation()} data-testid="decline-sheet">
        <h2 id="decline-title">{t('tasks.decline.title')}</h2>
        <p className="muted small">{t('tasks.decline.help')}</p>
        <div className="chips">
          {QUICK_REASONS.map((k) => (
            <button key={k} type="button" className="chip-btn" onClick={() => setReason(t(k))}>{t(k)}</button>
          ))}
        </div>
        <label htmlFor="decline-reason">{t('tasks.decline.reason')}</label>
        <textarea
          id="decline-reason"
          ref={box}
          value={reason}
          maxLength={DECLINE_REASON.max + 50}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={tried && !!problem}
          aria-describedby="decline-reason-error"
          data-testid="decline-reason"
        />
        <div className="row-line small">
          <span id="decline-reason-error" className="error-text" role={tried && problem ? 'alert' : undefined} data-testid="decline-error">
            {tried && problem ? t(problem.key, problem.params) : ''}
          </span>
          <span className={reason.trim().length > DECLINE_REASON.max ? 'error-text' : 'muted'}>{reason.trim().length}/{DECLINE_REASON.max}</span>
        </div>
        <div className="action-bar sheet-actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} data-testid="decline-cancel">{t('common.cancel')}</button>
          <button type="button" className="btn btn-danger" onClick={submit} disabled={busy} data-testid="decline-submit">{t('tasks.decline.submit')}</button>
        </div>
      </div>
    </div>
  );
}
