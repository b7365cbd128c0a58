import { useState } from 'react';
import { useApp } from '../../AppContext';
import { isNetworkError } from '../../api/client';
import { useI18n } from '../../i18n';
import { useLoad, useOnline } from '../../hooks';
import { href, useRoute } from '../../router';
import { Button, Empty, Loading, Page } from '../../ui/ui';
import { formatDateTime } from '../customers/format';
import { localAttemptStore } from '../customers/onlineAction';
import { useOnlineForm } from './useOnlineForm';
import { ErrorNote } from '../customers/parts';
import { ContentTabs } from './ContentTabs';
import { ASK_LIMITS, askConsultation, checkAsk, loadConsultations, TOPICS, type AskBody, type Consultation, type Topic } from './content';
import { CaseLink, Field } from './FormBits';

// 咨询: my questions on policy and procedure with the answers given in the back office; ask one (online: it is sent
// at once under an Idempotency-Key, so a retry after a lost answer does not ask twice).
export function ConsultationsPage() {
  const { t } = useI18n();
  const { api } = useApp();
  const route = useRoute();
  const [justSent, setJustSent] = useState(false);
  const list = useLoad(() => loadConsultations(api), [api]);
  const linked = route.query.get('caseId');
  // open the form at once when linked from a task, or when a submission is still waiting for its answer
  const [asking, setAsking] = useState(() => Boolean(linked) || localAttemptStore('consultation').load() !== null);
  return (
    <Page title={t('content.tab.consultations')}>
      <ContentTabs current="/consultations" />
      {asking ? (
        <AskForm
          caseId={linked}
          caseNo={route.query.get('caseNo')}
          onDone={() => { setAsking(false); setJustSent(true); void list.reload(); }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <div className="btn-row"><Button onClick={() => { setJustSent(false); setAsking(true); }} testId="consult-new">{t('content.ask.new')}</Button></div>
      )}
      {justSent && !asking ? <div className="ok-box" role="status" data-testid="consult-sent">{t('content.ask.sent')}</div> : null}
      <h2 style={{ fontSize: 18, margin: '14px 0 4px' }}>{t('content.ask.mine')}</h2>
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'error' ? <ErrorNote error={list.error} ctx="load" onRetry={() => void list.reload()} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? <Empty>{t('content.ask.none')}</Empty> : null}
      {list.state === 'ok' && list.data.length > 0 ? (
        <ul className="rows" data-testid="consult-list">{list.data.map((c) => <ConsultationItem key={c.id} c={c} />)}</ul>
      ) : null}
    </Page>
  );
}

function ConsultationItem({ c }: { c: Consultation }) {
  const { t } = useI18n();
  const statusClass = c.status === 'open' ? 'tag tag-warn' : 'tag';
  return (
    <li data-testid={`consult-${c.id}`}>
      <div className="row-main"><span>{c.subject}</span><span className={statusClass}>{t(`content.consultStatus.${c.status}`)}</span></div>
      <div className="row-sub">
        {t(`content.topic.${c.topic}`)} · {formatDateTime(c.createdAt)}
        {c.caseId ? <> · <a href={href(`/tasks/${c.caseId}`)} className="mono">{c.caseNo ?? c.caseId.slice(0, 8)}</a></> : null}
      </div>
      <p className="body-text" style={{ margin: '4px 0 0' }}>{c.question}</p>
      {c.answer ? (
        <div className="answer">
          <div className="row-sub">{t('content.ask.answeredBy', { who: c.answeredBy ?? '—', at: formatDateTime(c.answeredAt) })}</div>
          <div className="body-text">{c.answer}</div>
          {c.regulationId ? <a href={href(`/regulations/${c.regulationId}`)}>{t('content.ask.seeRegulation', { title: c.regulationTitle ?? c.regulationId })}</a> : null}
        </div>
      ) : c.status === 'open' ? <p className="row-sub">{t('content.ask.waiting')}</p> : null}
    </li>
  );
}

function AskForm({ caseId, caseNo, onDone, onCancel }: { caseId: string | null; caseNo: string | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const online = useOnline();
  const form = useOnlineForm<AskBody>('consultation', askConsultation, onDone);
  const { pending, errors, error, busy, unknown, frozen } = form;
  const [topic, setTopic] = useState<string>(pending?.topic ?? '');
  const [subject, setSubject] = useState(pending?.subject ?? '');
  const [question, setQuestion] = useState(pending?.question ?? '');
  const [withCase, setWithCase] = useState<string | null>(pending ? pending.caseId ?? null : caseId);

  const submit = () => form.submit(checkAsk({ topic, subject, question, caseId: withCase }));

  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="consult-form" noValidate>
      <h2>{t('content.ask.new')}</h2>
      {withCase ? <CaseLink caseId={withCase} caseNo={withCase === caseId ? caseNo : null} onRemove={() => setWithCase(null)} /> : null}
      <Field id="consult-topic" label={t('content.ask.topic')} problem={errors.topic}>
        <select id="consult-topic" value={topic} onChange={(e) => setTopic(e.target.value)} disabled={frozen} data-testid="consult-topic">
          <option value="">{t('content.ask.chooseTopic')}</option>
          {TOPICS.map((x: Topic) => <option key={x} value={x}>{t(`content.topic.${x}`)}</option>)}
        </select>
      </Field>
      <Field id="consult-subject" label={t('content.ask.subject')} problem={errors.subject} hint={t('cust.chars', { n: subject.trim().length, max: ASK_LIMITS.subject[1] })}>
        <input id="consult-subject" value={subject} onChange={(e) => setSubject(e.target.value)} readOnly={frozen} data-testid="consult-subject" />
      </Field>
      <Field id="consult-question" label={t('content.ask.question')} problem={errors.question} hint={t('cust.chars', { n: question.trim().length, max: ASK_LIMITS.question[1] })}>
        <textarea id="consult-question" value={question} onChange={(e) => setQuestion(e.target.value)} readOnly={frozen} rows={5} data-testid="consult-question" />
      </Field>
      {!online ? <div className="warn-box" role="status">{t('content.needsNetwork')}</div> : null}
      {unknown && !busy ? <div className="warn-box" role="status">{t('content.retrySame')}</div> : null}
      {error && !(unknown && isNetworkError(error)) ? <ErrorNote error={error} ctx="send" labels={{ topic: t('content.ask.topic'), subject: t('content.ask.subject'), question: t('content.ask.question'), caseId: t('content.linkedCase') }} /> : null}
      <div className="btn-row">
        {unknown && !busy ? <Button kind="secondary" onClick={form.abandon}>{t('cust.custom.abandon')}</Button> : <Button kind="secondary" onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>}
        <Button type="submit" disabled={busy || !online} testId="consult-submit">{busy ? t('content.sending') : unknown ? t('common.retry') : t('content.ask.submit')}</Button>
      </div>
    </form>
  );
}
