import { useEffect, useState, type ReactNode } from 'react';
import { useTaskDetail } from './useTaskDetail';
import { useApp } from '../../AppContext';
import { useI18n, type T } from '../../i18n';
import { href, navigate } from '../../router';
import { enqueueStep, useCaseOutbox } from '../../outbox';
import { ErrorBox, Loading, Page, errorText } from '../../ui/ui';
import { DeclineSheet } from './DeclineSheet';
import { EvidenceGallery } from './EvidenceGallery';
import { OutboxList } from './OutboxList';
import { codeLabel, deadlineInfo, deadlineText, formatChinaTime, tierClass } from './labels';
import { latestStep, stepNotice, stepNoticeText } from './outboxView';
import { taskActions } from './taskActions';
import { useAppliedCount } from './useApplied';
import type { TaskDetail } from './types';
import { PresenceReasons, awaitingReview, presenceRefused } from '../visit/presence';
import { reasonText } from './reasonText';
import './tasks.css';

// One task: the customer's archive, the judgement and what to check, what was done (check-ins, evidence, history) and
// this device's steps not yet synced. 接受 / 退回 while the task is offered to me; then 去现场, 地图导航 and 填写核查结果.
// Steps go into the outbox, so they work offline: the page says "已保存，待同步" at once and "已提交" once applied.

export function TaskPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { session } = useApp();
  const me = session.identity.username;
  const task = useTaskDetail(id);
  const outbox = useCaseOutbox(id);
  const [declining, setDeclining] = useState(false);
  const [busy, setBusy] = useState(false);
  const [stepError, setStepError] = useState<unknown>(null);

  // Reload once a step of this case is applied (a decline takes the case away from me: nothing left to reload), or
  // refused (reassigned or cancelled meanwhile: the buttons of the old state must go).
  const applied = useAppliedCount(outbox, (i) => i.type !== 'track' && !(i.action === 'decline' && i.status === 'done'), ['done', 'conflict']);
  const evidenceApplied = useAppliedCount(outbox, (i) => i.type === 'evidence');
  const { reload } = task;
  useEffect(() => {
    if (applied > 0) void reload();
  }, [applied, reload]);

  const step = async (action: 'accept' | 'decline', payload: Record<string, unknown>) => {
    setBusy(true);
    setStepError(null);
    try {
      await enqueueStep(id, action, payload);
      setDeclining(false);
    } catch (e) {
      setStepError(e);
    } finally {
      setBusy(false);
    }
  };

  const d = task.data;
  if (!d) {
    return (
      <Page title={t('tasks.task')} back={href('/tasks')}>
        {task.error ? <ErrorBox error={task.error} onRetry={() => void task.reload()} /> : <Loading />}
      </Page>
    );
  }

  const can = taskActions(d, me, outbox);
  const acceptItem = latestStep(outbox, 'accept');
  const declineItem = latestStep(outbox, 'decline');
  const findingsItem = latestStep(outbox, 'findings');
  const dl = deadlineInfo(d);

  return (
    <Page title={d.customer?.name ?? d.caseNo} back={href('/tasks')}>
      {task.error ? (
        <div className="stale-box" role="status" data-testid="task-stale">
          {t('tasks.stale', { reason: errorText(task.error, t), at: formatChinaTime(task.cachedAt ?? undefined) })}
        </div>
      ) : null}

      <section className="card" data-testid="task-summary">
        <div className="row-line">
          <strong>{d.caseNo}</strong>
          <span className="tag">{codeLabel(t, 'case.stage', d.stage)}</span>
        </div>
        <div className="tags">
          <span className="tag">{codeLabel(t, 'case.origin', d.origin)}</span>
          <span className={d.priority === 'high' || d.priority === 'urgent' ? 'tag tag-warn' : 'tag'}>{t('tasks.priority')}：{codeLabel(t, 'case.priority', d.priority)}</span>
          {d.assignment && d.assignment !== 'none' ? <span className={d.assignment === 'offered' ? 'tag tag-offer' : 'tag tag-ok'}>{codeLabel(t, 'case.assignment', d.assignment)}</span> : null}
          {d.escalationTier > 0 ? <span className={tierClass(d.escalationTier)}>{codeLabel(t, 'case.tier', String(d.escalationTier))}</span> : null}
        </div>
        <p className={dl.kind === 'overdue' ? 'overdue deadline' : 'deadline'} data-testid="task-deadline" data-kind={dl.kind}>
          {deadlineText(dl, t)}
          {d.deadlineAt ? <span className="muted small"> · {t('tasks.deadlineAt', { at: formatChinaTime(d.deadlineAt) })}</span> : null}
        </p>
        {d.note ? <p>{t('tasks.note')}：{d.note}</p> : null}
        {d.assignee && d.assignee !== me ? <p className="muted small">{t('tasks.assignee', { who: d.assignee })}</p> : null}
        {acceptItem ? <Notice item={acceptItem} what={t('tasks.step.accept')} testId="accept-notice" /> : null}
        {declineItem ? <Notice item={declineItem} what={t('tasks.step.decline')} testId="decline-notice" /> : null}
        {findingsItem ? <Notice item={findingsItem} what={t('tasks.step.findings')} testId="findings-notice" /> : null}
        {presenceRefused(findingsItem) ? (
          <div className="error-box presence-box" role="alert" data-testid="findings-presence-notice">
            <strong>{t('presence.weak.title')}</strong>
            {findingsItem.problem?.reasons?.length ? <PresenceReasons reasons={findingsItem.problem.reasons} /> : null}
            <a className="btn btn-primary btn-block link-btn" href={href(`/tasks/${id}/findings`)} data-testid="findings-resubmit">{t('presence.weak.resubmit')}</a>
          </div>
        ) : null}
        {awaitingReview(findingsItem) ? <div className="queued-box" role="status" data-testid="findings-review">{t('presence.review')}</div> : null}
        {stepError ? <div className="error-box" role="alert" data-testid="step-error">{errorText(stepError, t)}</div> : null}
        {declineItem && stepNotice(declineItem) !== 'refused' ? <p><a href={href('/tasks')}>{t('tasks.backToList')}</a></p> : null}
      </section>

      {can.map ? (
        <a className="btn btn-secondary btn-block link-btn" href={href(`/tasks/${id}/map`)} data-testid="task-map">{t('tasks.action.map')}</a>
      ) : null}
      <CustomerCard d={d} t={t} />
      <JudgementCard d={d} />
      <OutboxList items={outbox} />

      <Section title={t('tasks.checkIns.title')} testId="task-checkins">
        {d.checkIns.length ? (
          <ul className="list">
            {d.checkIns.map((c) => (
              <li key={c.at} className="row">
                <div className="row-line">
                  <span>{formatChinaTime(c.at)}</span>
                  <span className={c.insideGeofence ? 'tag tag-ok' : 'tag tag-danger'}>{c.insideGeofence ? t('visit.checkIn.inside') : t('visit.checkIn.outside')}</span>
                </div>
                <div className="muted small">
                  {c.distanceM !== null ? t('visit.checkIn.distance', { m: c.distanceM }) : t('visit.checkIn.noLocation')} · {t('visit.accuracy', { m: Math.round(c.accuracyM) })}
                </div>
              </li>
            ))}
          </ul>
        ) : <p className="muted">{t('tasks.checkIns.none')}</p>}
      </Section>

      <Section title={t('tasks.evidence.title')} testId="task-evidence">
        <EvidenceGallery caseId={id} refreshKey={evidenceApplied} />
      </Section>

      {d.findings ? (
        <Section title={t('tasks.findings.title')} testId="task-findings">
          <dl className="kv">
            <dt>{t('findings.result')}</dt><dd>{codeLabel(t, 'case.result', d.findings.result)}</dd>
            {d.findings.problemType ? <><dt>{t('findings.problemType')}</dt><dd>{codeLabel(t, 'case.problemType', d.findings.problemType)}</dd></> : null}
            <dt>{t('findings.summary')}</dt><dd>{d.findings.summary}</dd>
            {d.findings.justification ? <><dt>{t('findings.justification')}</dt><dd>{d.findings.justification}</dd></> : null}
            <dt>{t('tasks.findings.at')}</dt><dd>{formatChinaTime(d.findings.at)} · {d.findings.by}</dd>
          </dl>
        </Section>
      ) : null}

      {d.rectification ? (
        <Section title={t('tasks.rectification.title')} testId="task-rectification">
          <dl className="kv">
            <dt>{t('tasks.rectification.owner')}</dt><dd>{d.rectification.owner ?? '—'}</dd>
            <dt>{t('tasks.rectification.actions')}</dt><dd>{d.rectification.actions.map((a) => codeLabel(t, 'case.rectificationAction', a.kind)).join('、')}</dd>
            <dt>{t('tasks.rectification.issued')}</dt><dd>{formatChinaTime(d.rectification.issuedAt)}</dd>
          </dl>
        </Section>
      ) : null}

      <Section title={t('tasks.history.title')} testId="task-history">
        {d.history.length ? (
          <ol className="list history">
            {[...d.history].reverse().map((h) => (
              <li key={h.seq} className="row">
                <div className="row-line"><span>{codeLabel(t, 'case.event', h.type)}</span><span className="muted small">{formatChinaTime(h.at)}</span></div>
                <div className="muted small">{codeLabel(t, 'case.stage', h.stage)}{h.actor ? ` · ${h.actor}` : ''}</div>
              </li>
            ))}
          </ol>
        ) : <p className="muted">{t('common.empty')}</p>}
      </Section>

      {can.respond || can.visit ? (
        <div className="action-bar" data-testid="task-actions">
          {can.respond ? (
            <>
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setDeclining(true)} data-testid="task-decline">{t('tasks.action.decline')}</button>
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void step('accept', {})} data-testid="task-accept">{t('tasks.action.accept')}</button>
            </>
          ) : null}
          {can.visit ? (
            <>
              <button type="button" className="btn btn-secondary" onClick={() => navigate(`/tasks/${id}/findings`)} data-testid="task-findings">{t('tasks.action.findings')}</button>
              <button type="button" className="btn btn-primary" onClick={() => navigate(`/tasks/${id}/visit`)} data-testid="task-visit">{t('tasks.action.visit')}</button>
            </>
          ) : null}
        </div>
      ) : null}

      {declining ? <DeclineSheet busy={busy} onCancel={() => setDeclining(false)} onSubmit={(reason) => void step('decline', { reason })} /> : null}
    </Page>
  );
}

function Notice({ item, what, testId }: { item: Parameters<typeof stepNoticeText>[0]; what: string; testId: string }) {
  const { t } = useI18n();
  const n = stepNotice(item);
  return (
    <div className={n === 'sent' ? 'ok-box' : n === 'refused' ? 'error-box' : 'queued-box'} role="status" data-testid={testId} data-state={n}>
      <strong>{what}</strong>：{stepNoticeText(item, t)}
    </div>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function CustomerCard({ d, t }: { d: TaskDetail; t: T }) {
  const c = d.customer;
  if (!c) return <Section title={t('tasks.customer.title')} testId="task-customer"><p className="muted">{t('tasks.customer.missing')}</p></Section>;
  const s = c.summary;
  return (
    <Section title={t('tasks.customer.title')} testId="task-customer">
      <dl className="kv">
        <dt>{t('tasks.accountNo')}</dt>
        <dd><a href={href(`/customers/${encodeURIComponent(c.accountNo)}`)} data-testid="task-customer-link">{c.accountNo}</a></dd>
        <dt>{t('tasks.customer.name')}</dt><dd>{c.name}</dd>
        <dt>{t('tasks.customer.address')}</dt><dd>{c.address}</dd>
        <dt>{t('tasks.customer.tariff')}</dt><dd>{codeLabel(t, 'case.tariff', c.tariffCategory)}{c.whitelist ? <span className="tag tag-warn">{t('tasks.customer.whitelist')}</span> : null}</dd>
        <dt>{t('tasks.customer.capacity')}</dt><dd>{c.contractCapacityKva !== null ? `${c.contractCapacityKva} kVA` : '—'}</dd>
        <dt>{t('tasks.customer.meter')}</dt><dd>{c.meterNo ?? '—'}</dd>
        <dt>{t('tasks.customer.status')}</dt><dd>{codeLabel(t, 'case.customerStatus', c.status)}</dd>
        {s.lastMonth ? <><dt>{t('tasks.customer.lastMonth', { month: s.lastMonth.month })}</dt><dd>{s.lastMonth.kwh} kWh · ¥{yuan(s.lastMonth.amountYuan)}</dd></> : null}
        {s.avgMonthlyKwh !== null ? <><dt>{t('tasks.customer.avg', { n: s.months })}</dt><dd>{s.avgMonthlyKwh} kWh</dd></> : null}
        {s.maxMonthlyKwh !== null ? <><dt>{t('tasks.customer.max')}</dt><dd>{s.maxMonthlyKwh} kWh</dd></> : null}
        <dt>{t('tasks.customer.arrears')}</dt><dd className={s.arrearsYuan > 0 ? 'overdue' : undefined}>¥{yuan(s.arrearsYuan)}</dd>
        {s.lastPayment ? <><dt>{t('tasks.customer.lastPayment')}</dt><dd>{s.lastPayment.paidOn} · ¥{yuan(s.lastPayment.amountYuan)}</dd></> : null}
      </dl>
      <p><a className="btn btn-secondary btn-block link-btn" href={href(`/customers/${encodeURIComponent(c.accountNo)}`)}>{t('tasks.customer.open')}</a></p>
    </Section>
  );
}

function JudgementCard({ d }: { d: TaskDetail }) {
  const { t, lang } = useI18n();
  const j = d.judgement;
  return (
    <Section title={t('tasks.judgement.title')} testId="task-judgement">
      {j ? (
        <>
          <p>{t('tasks.judgement.score', { score: Math.round(j.score) })}</p>
          {j.reasons.length ? (
            <ul className="reasons">{j.reasons.map((r) => {
              const why = reasonText(r, lang);
              return (
                <li key={r.code} data-testid="task-reason">
                  {lang === 'en' ? r.textEn : r.textZh}
                  {why ? <span className="reason-why muted small" data-testid="task-reason-why">{why}</span> : null}
                </li>
              );
            })}</ul>
          ) : <p className="muted">{t('tasks.judgement.noReasons')}</p>}
          <p className="muted small">{t('tasks.judgement.ruleSet', { v: j.ruleSetVersion })}</p>
        </>
      ) : <p className="muted">{t('tasks.judgement.none')}</p>}
      <h3>{t('tasks.checkItems.title')}</h3>
      {d.checkItems.length ? (
        <ol className="check-items" data-testid="task-check-items">{d.checkItems.map((c) => <li key={c.code}>{lang === 'en' ? c.textEn : c.textZh}</li>)}</ol>
      ) : <p className="muted">{t('tasks.checkItems.none')}</p>}
    </Section>
  );
}
