import { useEffect, useRef, useState } from 'react';
import { useTaskDetail } from '../tasks/useTaskDetail';
import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { href, navigate } from '../../router';
import { discardItem, enqueueEvidence, enqueueStep, useCaseOutbox, useTrackState, whenSettled } from '../../outbox';
import { ErrorBox, Loading, Page, errorText } from '../../ui/ui';
import { codeLabel, formatChinaTime } from '../tasks/labels';
import { taskActions } from '../tasks/taskActions';
import { latestStep } from '../tasks/outboxView';
import { PresenceReasons, presenceRefused } from './presence';
import { useAppliedCount } from '../tasks/useApplied';
import {
  DEFAULT_MIN_VERIFIED_PHOTOS, LIMITS, PROBLEM_TYPES, RESULTS, checkInStatus, emptyDraft, evidenceState, photoStatus, finalSummary, findingsBody, hasErrors,
  draftFromBody, justificationRequired, validateFindings, type CheckAnswer, type FindingsDraft, type FindingsErrors,
} from './findingsForm';
import { PAD_HEIGHT, SignaturePad } from './SignaturePad';
import { exportSignature, exportSize, hasSignature, type Stroke } from './signature';
import '../tasks/tasks.css';
import './visit.css';

// 填写核查结果: the result, the problem type, each must-check item, what was found, a justification when the evidence
// falls short (computed as the workflow does, findingsForm.ts), and the customer's signature on the 用电检查工作单.
// The signature (PNG) is queued as evidence before the findings step, so the outbox sends it first. The draft is kept
// on the device until it is submitted: an app restart or a flat battery does not lose it.
//
// Findings the server refused because the visit's proof of presence is weak (case-step:PresenceWeak, issue #15) come
// back here: the reasons in the inspector's words, the form as it was sent, a justification required; submitted again
// they are accepted and the case goes to a supervisor's review (待督查复核), which the task page then says.

const DRAFT_KEY = (user: string, caseId: string) => `jicha.terminal.findingsDraft.${user}.${caseId}`;

function readDraft(user: string, caseId: string): FindingsDraft {
  try {
    const raw = localStorage.getItem(DRAFT_KEY(user, caseId));
    return raw ? { ...emptyDraft(), ...(JSON.parse(raw) as Partial<FindingsDraft>) } : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

export function FindingsPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { session, config } = useApp();
  const me = session.identity.username;
  const task = useTaskDetail(id);
  const outbox = useCaseOutbox(id);
  const track = useTrackState();
  const [draft, setDraft] = useState<FindingsDraft>(() => readDraft(me, id));
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  /** The strokes whose PNG is already queued: a retry after a failed findings step does not queue the signature twice. */
  const signatureQueued = useRef<Stroke[] | null>(null);
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    try {
      localStorage.setItem(DRAFT_KEY(me, id), JSON.stringify(draft));
    } catch {
      /* storage full: the draft lasts while the page is open */
    }
  }, [draft, me, id]);

  // Photos confirmed and check-ins answered while the page is open change what the evidence rule says.
  const applied = useAppliedCount(outbox);
  const { reload } = task;
  useEffect(() => {
    if (applied > 0) void reload();
  }, [applied, reload]);

  // Findings refused for a weak proof of presence: their content fills an empty form again.
  const lastFindings = latestStep(outbox, 'findings');
  const weak = presenceRefused(lastFindings) ? lastFindings : undefined;
  const refusedLine = t('findings.signature.refusedLine');
  useEffect(() => {
    if (!weak) return;
    const back = draftFromBody(weak.payload, refusedLine);
    if (back) setDraft((x) => (x.result ? x : back));
  }, [weak, refusedLine]);

  const d = task.data;
  if (!d) {
    return (
      <Page title={t('findings.title')} back={href(`/tasks/${id}`)}>
        {task.error ? <ErrorBox error={task.error} onRetry={() => void task.reload()} /> : <Loading />}
      </Page>
    );
  }

  const can = taskActions(d, me, outbox);
  const evidence = evidenceState({
    evidence: d.evidence,
    checkIns: d.checkIns,
    outbox,
    minVerifiedPhotos: d.evidencePolicy?.minVerifiedPhotos ?? DEFAULT_MIN_VERIFIED_PHOTOS,
    radiusM: d.evidencePolicy?.geofenceRadiusM ?? config.map.geofenceM,
  });
  const refusedText = refusedLine;
  // Submitting again after a refusal: the customer's signature went with the first submission (it is evidence of its own).
  const signatureOnFile = !!weak && (
    outbox.some((i) => i.type === 'evidence' && i.evidenceKind === 'signature' && i.status !== 'conflict') || d.evidence.some((e) => (e.kind as string) === 'signature')
  );
  const signed = hasSignature(strokes) || signatureOnFile;
  const errors: FindingsErrors = validateFindings(draft, d.checkItems, evidence, { signed, refusedText, presenceWeak: !!weak });
  const show = (k: keyof FindingsErrors) => {
    const e = tried ? errors[k] : undefined;
    return e && k !== 'items' ? <p className="field-error" role="alert" data-testid={`findings-error-${k}`}>{t((e as { key: string }).key, (e as { params?: Record<string, number> }).params)}</p> : null;
  };
  const set = (patch: Partial<FindingsDraft>) => setDraft((x) => ({ ...x, ...patch }));
  const setItem = (code: string, patch: Partial<{ answer: CheckAnswer; note: string }>) =>
    setDraft((x) => ({ ...x, checklist: { ...x.checklist, [code]: { answer: '', note: '', ...x.checklist[code], ...patch } } }));
  const needJ = justificationRequired(evidence) || !!weak;
  const trackPoints = track.caseId === id ? track.points : 0;

  const submit = async () => {
    setTried(true);
    setSubmitError(null);
    if (hasErrors(errors)) {
      top.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
      return;
    }
    setBusy(true);
    try {
      if (!draft.signatureRefused && hasSignature(strokes) && signatureQueued.current !== strokes) {
        const now = new Date();
        const caption = `${t('findings.workOrder.title')} ${d.caseNo} · ${d.customer?.accountNo ?? ''} ${d.customer?.name ?? ''} · ${formatChinaTime(now.toISOString())}`;
        const blob = await exportSignature(strokes, exportSize(strokes, PAD_HEIGHT), caption);
        await enqueueEvidence(id, { kind: 'signature', blob, contentType: 'image/png', capturedAt: now.toISOString() });
        signatureQueued.current = strokes;
      }
      // The refused findings make way for these (and what waited behind them goes on).
      if (weak) await discardItem(weak.id);
      const item = await enqueueStep(id, 'findings', findingsBody(draft, d.checkItems, refusedText));
      // Online, the answer comes within moments: a refusal for weak presence is shown here, while the inspector is
      // still at the customer. Offline (or slow), the task page tells later, and this page refills from what was sent.
      const settled = await whenSettled(item.id, 15_000);
      if (presenceRefused(settled)) {
        top.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
        return;
      }
      try {
        localStorage.removeItem(DRAFT_KEY(me, id));
      } catch {
        /* nothing kept */
      }
      navigate(`/tasks/${id}`);
    } catch (e) {
      setSubmitError(e);
    } finally {
      setBusy(false);
    }
  };

  const disabled = !can.visit || busy;
  const errorList = tried ? collectErrors(errors, t) : [];
  return (
    <Page title={t('findings.title')} back={href(`/tasks/${id}`)}>
      <div ref={top} />
      {!can.visit ? (
        <div className="queued-box" role="status" data-testid="findings-closed">
          {can.findingsGiven ? t('visit.closed.findings') : !can.accepted ? t('visit.closed.notAccepted') : t('visit.closed.other', { stage: codeLabel(t, 'case.stage', d.stage) })}
        </div>
      ) : null}
      {weak ? (
        <section className="error-box presence-box" role="alert" data-testid="findings-presence">
          <h2>{t('presence.weak.title')}</h2>
          <p>{t('presence.weak.text')}</p>
          {weak.problem?.reasons?.length ? <PresenceReasons reasons={weak.problem.reasons} testId="findings-presence-reasons" /> : <p>{weak.problem?.detail ?? weak.problem?.message}</p>}
          <p>{t('presence.weak.ask')}</p>
        </section>
      ) : null}
      {errorList.length ? (
        <div className="error-box" role="alert" data-testid="findings-errors">
          <p>{t('findings.error.summary', { n: errorList.length })}</p>
          <ul className="errors-summary">{errorList.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      ) : null}

      <section className={`card${evidence.state === 'complete' ? ' evidence-ok' : ''}`} data-testid="findings-evidence" data-state={evidence.state}>
        <h2>{t('findings.evidence.title')}</h2>
        <p className={evidence.state === 'complete' ? 'ok-text' : evidence.state === 'short' ? 'error-text' : ''}>{t(`findings.evidence.state.${evidence.state}`)}</p>
        <ul className="reasons">
          {[photoStatus(evidence), checkInStatus(evidence)].map((p) => <li key={p.key} data-testid="findings-evidence-line">{t(p.key, p.params)}</li>)}
          <li className="muted">{trackPoints ? t('findings.evidence.track', { n: trackPoints }) : t('findings.evidence.noTrack')}</li>
        </ul>
        {evidence.state !== 'complete' && can.visit ? <p><a className="btn btn-secondary btn-block link-btn" href={href(`/tasks/${id}/visit`)}>{t('findings.evidence.complete')}</a></p> : null}
      </section>

      <section className="card">
        <h2>{t('findings.result')}</h2>
        <div className="choice-group">
          {RESULTS.map((r) => (
            <button key={r} type="button" className="choice" aria-pressed={draft.result === r} disabled={disabled}
              onClick={() => set({ result: r, ...(r === 'not_confirmed' ? { problemType: '' } : {}) })} data-testid={`findings-result-${r}`}>
              {codeLabel(t, 'case.result', r)}
            </button>
          ))}
        </div>
        {show('result')}
        {draft.result === 'confirmed' ? (
          <>
            <h3 className="sub">{t('findings.problemType')}</h3>
            <div className="choice-group three">
              {PROBLEM_TYPES.map((p) => (
                <button key={p} type="button" className="choice" aria-pressed={draft.problemType === p} disabled={disabled} onClick={() => set({ problemType: p })} data-testid={`findings-problem-${p}`}>
                  {codeLabel(t, 'case.problemType', p)}
                </button>
              ))}
            </div>
            {show('problemType')}
          </>
        ) : null}
      </section>

      <section className="card" data-testid="findings-checklist">
        <h2>{t('findings.checklist')}</h2>
        {d.checkItems.length ? d.checkItems.map((c) => {
          const a = draft.checklist[c.code] ?? { answer: '' as CheckAnswer, note: '' };
          const itemError = tried ? errors.items?.[c.code] : undefined;
          return (
            <div key={c.code} className={`check-row${itemError ? ' invalid' : ''}`} data-testid={`check-${c.code}`}>
              <p className="check-text">{lang === 'en' ? c.textEn : c.textZh}</p>
              <div className="choice-group">
                <button type="button" className="choice" aria-pressed={a.answer === 'pass'} disabled={disabled} onClick={() => setItem(c.code, { answer: 'pass' })} data-testid={`check-${c.code}-pass`}>{t('findings.check.pass')}</button>
                <button type="button" className="choice fail" aria-pressed={a.answer === 'fail'} disabled={disabled} onClick={() => setItem(c.code, { answer: 'fail' })} data-testid={`check-${c.code}-fail`}>{t('findings.check.fail')}</button>
              </div>
              {a.answer === 'fail' || a.note ? (
                <>
                  <label htmlFor={`note-${c.code}`} className="small">{t('findings.check.note')}</label>
                  <input id={`note-${c.code}`} value={a.note} maxLength={LIMITS.checkNote.max + 20} disabled={disabled} onChange={(e) => setItem(c.code, { note: e.target.value })} data-testid={`check-${c.code}-note`} />
                </>
              ) : null}
              {itemError ? <p className="field-error">{t(itemError.key, itemError.params)}</p> : null}
            </div>
          );
        }) : <p className="muted">{t('tasks.checkItems.none')}</p>}
        {show('checklist')}
      </section>

      <section className="card">
        <label htmlFor="findings-summary">{t('findings.summary')}</label>
        <textarea id="findings-summary" value={draft.summary} disabled={disabled} placeholder={t('findings.summaryHint')} onChange={(e) => set({ summary: e.target.value })} data-testid="findings-summary" />
        <p className="muted small">{draft.summary.trim().length}/{LIMITS.summary.max}</p>
        {show('summary')}
        <label htmlFor="findings-justification">{weak ? t('presence.weak.justificationRequired') : needJ ? t('findings.justificationRequired') : t('findings.justificationOptional')}</label>
        {needJ ? <p className="small">{t(weak ? 'presence.weak.ask' : 'findings.justificationHelp')}</p> : null}
        <textarea id="findings-justification" value={draft.justification} disabled={disabled} onChange={(e) => set({ justification: e.target.value })} data-testid="findings-justification" data-required={needJ ? 'yes' : 'no'} />
        <p className="muted small">{draft.justification.trim().length}/{LIMITS.justification.max}</p>
        {show('justification')}
      </section>

      <section className="card" data-testid="findings-work-order">
        <div className="work-order">
          <h3>{t('findings.workOrder.title')}</h3>
          <dl className="kv">
            <dt>{t('tasks.customer.name')}</dt><dd>{d.customer?.name ?? '—'}</dd>
            <dt>{t('tasks.accountNo')}</dt><dd>{d.customer?.accountNo ?? '—'}</dd>
            <dt>{t('tasks.customer.address')}</dt><dd>{d.customer?.address ?? '—'}</dd>
            <dt>{t('findings.workOrder.caseNo')}</dt><dd>{d.caseNo}</dd>
            <dt>{t('findings.result')}</dt><dd>{draft.result ? codeLabel(t, 'case.result', draft.result) : '—'}{draft.result === 'confirmed' && draft.problemType ? ` · ${codeLabel(t, 'case.problemType', draft.problemType)}` : ''}</dd>
            <dt>{t('findings.workOrder.items')}</dt>
            <dd>{t('findings.workOrder.itemsCount', {
              pass: d.checkItems.filter((c) => draft.checklist[c.code]?.answer === 'pass').length,
              fail: d.checkItems.filter((c) => draft.checklist[c.code]?.answer === 'fail').length,
              total: d.checkItems.length,
            })}</dd>
            <dt>{t('findings.summary')}</dt><dd className="summary-text">{finalSummary(draft, refusedText) || '—'}</dd>
            <dt>{t('findings.workOrder.inspector')}</dt><dd>{session.identity.name || me}</dd>
          </dl>
        </div>
        <h2 className="sub">{t('findings.signature.title')}</h2>
        <p className="small">{signatureOnFile ? t('findings.signature.onFile') : t('findings.signature.help')}</p>
        <SignaturePad strokes={strokes} onChange={setStrokes} disabled={disabled || draft.signatureRefused} />
        <label className="check-inline">
          <input type="checkbox" checked={draft.signatureRefused} disabled={disabled} onChange={(e) => set({ signatureRefused: e.target.checked })} data-testid="findings-signature-refused" />
          {t('findings.signature.refused')}
        </label>
        {show('signature')}
      </section>

      {submitError ? <div className="error-box" role="alert" data-testid="findings-submit-error">{errorText(submitError, t)}</div> : null}
      <div className="action-bar">
        <button type="button" className="btn btn-primary" disabled={disabled} onClick={() => void submit()} data-testid="findings-submit">
          {busy ? t('findings.submitting') : weak ? t('presence.weak.resubmit') : t('findings.submit')}
        </button>
      </div>
    </Page>
  );
}

function collectErrors(e: FindingsErrors, t: (k: string, p?: Record<string, string | number>) => string): string[] {
  const order: (keyof FindingsErrors)[] = ['result', 'problemType', 'checklist', 'summary', 'justification', 'signature'];
  const out: string[] = [];
  for (const k of order) {
    const p = e[k] as { key: string; params?: Record<string, number> } | undefined;
    if (p) out.push(`${t(`findings.field.${k}`)}：${t(p.key, p.params)}`);
  }
  // Item notes too long are named here too (unanswered items are counted by `checklist`).
  const longNotes = Object.values(e.items ?? {}).filter((p) => p.key !== 'findings.error.itemUnanswered').length;
  if (longNotes) out.push(`${t('findings.field.checklist')}：${t('findings.error.notes', { n: longNotes })}`);
  return out;
}
