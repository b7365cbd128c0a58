import { useRef, useState } from 'react';
import { useApp } from '../../AppContext';
import { isNetworkError } from '../../api/client';
import { useI18n } from '../../i18n';
import { useOnline } from '../../hooks';
import { href, navigate, useRoute } from '../../router';
import { Button, Page } from '../../ui/ui';
import { waitForTask, startCustomAudit, type CustomCaseBody, type StartedCase } from './api';
import type { CustomerHit } from './customer360';
import { CustomerSearch } from './CustomerSearch';
import { localAttemptStore, OnlineAction } from './onlineAction';
import { ErrorNote } from './parts';

// 自定义稽查: an inspector starts a case for a customer at hand, before any central system flags it. Starting a case
// needs the network (the server opens the workflow and answers with the case); it is not put in the outbox.

/** Roles the API lets start a custom case (mobile-api/endpoints/customers.ts). */
const MAY_START = ['inspector', 'station_lead'];
export const NOTE_MAX = 500;

export function CustomAuditPage() {
  const { t } = useI18n();
  const route = useRoute();
  const { session } = useApp();
  const [picked, setPicked] = useState<CustomerHit | null>(null);
  const mayStart = session.identity.roles.some((r) => MAY_START.includes(r));
  return (
    <Page title={t('nav.custom')}>
      {!mayStart ? <div className="warn-box" role="status" data-testid="custom-role-note">{t('cust.custom.roleNote')}</div> : null}
      {picked ? (
        <StartForm hit={picked} mayStart={mayStart} onBack={() => setPicked(null)} />
      ) : (
        <>
          <p className="hint">{t('cust.custom.intro')}</p>
          <CustomerSearch scope="custom" initial={route.query.get('q') ?? undefined} onPick={setPicked} testId="custom-search" />
        </>
      )}
    </Page>
  );
}

function StartForm({ hit, mayStart, onBack }: { hit: CustomerHit; mayStart: boolean; onBack: () => void }) {
  const { t } = useI18n();
  const { api } = useApp();
  const online = useOnline();
  // One action per customer: its Idempotency-Key lives as long as an unanswered submission does, on the device (so
  // coming back to this customer after leaving the page or restarting retries it instead of opening a second case).
  const actionRef = useRef<OnlineAction<CustomCaseBody> | null>(null);
  actionRef.current ??= new OnlineAction<CustomCaseBody>(undefined, localAttemptStore(`custom-case.${hit.accountNo}`));
  const action = actionRef.current;
  const [note, setNote] = useState('');
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recording, setRecording] = useState<StartedCase | null>(null);

  const unknown = action.pending !== null; // an earlier submission got no answer: retry it as it was
  const tooLong = note.trim().length > NOTE_MAX;
  const needsAck = hit.openCases > 0 && !ack;
  const canSubmit = mayStart && online && !busy && !tooLong && !needsAck && !recording;

  async function submit() {
    const trimmed = note.trim();
    const body: CustomCaseBody = { customerAccountNo: hit.accountNo, ...(trimmed ? { note: trimmed } : {}) };
    setBusy(true);
    setError(null);
    try {
      const started = await startCustomAudit(api, action, body);
      // the case is open; it becomes my task once the system has judged it and offered it to me
      setRecording(started);
      if (await waitForTask(api, started.caseId)) navigate(`/tasks/${started.caseId}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const frozenNote = action.pending?.body.note ?? '';
  return (
    <div data-testid="custom-form">
      <div className="card">
        <div className="hit-name" style={{ fontWeight: 700, fontSize: 18 }}>{hit.name}</div>
        <div className="row-sub"><span className="mono">{hit.accountNo}</span> · {t(`cust.tariff.${hit.tariffCategory}`)}</div>
        <div className="row-sub">{hit.address}</div>
        <div className="btn-row">
          <a className="btn btn-secondary" href={href(`/customers/${hit.accountNo}`)} data-testid="custom-view-customer">{t('cust.custom.viewCustomer')}</a>
          <Button kind="secondary" onClick={onBack} disabled={busy || unknown} testId="custom-change-customer">{t('cust.custom.changeCustomer')}</Button>
        </div>
      </div>

      {hit.openCases > 0 ? (
        <div className="warn-box" role="status">
          <p style={{ margin: '0 0 6px' }}>{t('cust.custom.openCasesWarn', { n: hit.openCases })}</p>
          <label className="check">
            <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} disabled={busy || unknown} data-testid="custom-ack-open" />
            {t('cust.custom.openCasesAck')}
          </label>
        </div>
      ) : null}

      <label htmlFor="custom-note">{t('cust.custom.note')}</label>
      <textarea
        id="custom-note"
        value={unknown ? frozenNote : note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('cust.custom.notePlaceholder')}
        readOnly={unknown || busy}
        data-testid="custom-note"
      />
      <p className={tooLong ? 'counter overdue' : 'counter'}>{t('cust.chars', { n: note.trim().length, max: NOTE_MAX })}</p>

      {!online ? <div className="warn-box" role="status" data-testid="custom-offline">{t('cust.custom.needsNetwork')}</div> : null}
      {error && !(unknown && isNetworkError(error)) ? (
        <ErrorNote
          error={error}
          ctx="customCase"
          labels={{ customerAccountNo: t('cust.field.accountNo'), note: t('cust.custom.note') }}
          testId="custom-error"
        />
      ) : null}
      {unknown && !busy ? <div className="warn-box" role="status" data-testid="custom-retry-hint">{t('cust.custom.retrySame')}</div> : null}
      {recording ? (
        <div className="ok-box" role="status" data-testid="custom-recording">
          <p style={{ marginTop: 0 }}>{t('cust.custom.recording')}</p>
          <div className="btn-row">
            <a className="btn btn-primary" href={href(`/tasks/${recording.caseId}`)}>{t('cust.custom.openTask')}</a>
            <a className="btn btn-secondary" href={href('/tasks')}>{t('nav.tasks')}</a>
          </div>
        </div>
      ) : null}

      <div className="action-bar">
        {unknown && !busy ? (
          <Button kind="secondary" onClick={() => { action.abandon(); setError(null); }} testId="custom-abandon">{t('cust.custom.abandon')}</Button>
        ) : null}
        <Button onClick={() => void submit()} disabled={!canSubmit} testId="custom-submit">
          {busy ? t('cust.custom.starting') : unknown ? t('cust.custom.retry') : t('cust.custom.start')}
        </Button>
      </div>
    </div>
  );
}
