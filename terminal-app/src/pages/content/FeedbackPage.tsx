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
import { APP_VERSION } from '../settings/appVersion';
import { ContentTabs } from './ContentTabs';
import { CATEGORIES, checkFeedback, FEEDBACK_LIMITS, loadFeedback, sendFeedback, type Feedback, type FeedbackBody } from './content';
import { CaseLink, Field } from './FormBits';

// 意见反馈: my usage feedback with its status and the back office's reply; send one (with this app's version).
export function FeedbackPage() {
  const { t } = useI18n();
  const { api } = useApp();
  const route = useRoute();
  const [justSent, setJustSent] = useState(false);
  const list = useLoad(() => loadFeedback(api), [api]);
  const linked = route.query.get('caseId');
  // open the form at once when linked from a task, or when a submission is still waiting for its answer
  const [writing, setWriting] = useState(() => Boolean(linked) || localAttemptStore('feedback').load() !== null);
  return (
    <Page title={t('content.tab.feedback')}>
      <ContentTabs current="/feedback" />
      {writing ? (
        <FeedbackForm caseId={linked} caseNo={route.query.get('caseNo')} onDone={() => { setWriting(false); setJustSent(true); void list.reload(); }} onCancel={() => setWriting(false)} />
      ) : (
        <div className="btn-row"><Button onClick={() => { setJustSent(false); setWriting(true); }} testId="feedback-new">{t('content.fb.new')}</Button></div>
      )}
      {justSent && !writing ? <div className="ok-box" role="status" data-testid="feedback-sent">{t('content.fb.sent')}</div> : null}
      <h2 style={{ fontSize: 18, margin: '14px 0 4px' }}>{t('content.fb.mine')}</h2>
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'error' ? <ErrorNote error={list.error} ctx="load" onRetry={() => void list.reload()} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? <Empty>{t('content.fb.none')}</Empty> : null}
      {list.state === 'ok' && list.data.length > 0 ? <ul className="rows" data-testid="feedback-list">{list.data.map((f) => <FeedbackItem key={f.id} f={f} />)}</ul> : null}
    </Page>
  );
}

function FeedbackItem({ f }: { f: Feedback }) {
  const { t } = useI18n();
  return (
    <li data-testid={`feedback-${f.id}`}>
      <div className="row-main"><span>{t(`content.category.${f.category}`)}</span><span className={f.status === 'open' || f.status === 'in_progress' ? 'tag tag-warn' : 'tag'}>{t(`content.fbStatus.${f.status}`)}</span></div>
      <div className="row-sub">
        {formatDateTime(f.createdAt)}
        {f.caseId ? <> · <a href={href(`/tasks/${f.caseId}`)} className="mono">{f.caseNo ?? f.caseId.slice(0, 8)}</a></> : null}
      </div>
      <p className="body-text" style={{ margin: '4px 0 0' }}>{f.text}</p>
      {f.reply ? (
        <div className="answer">
          <div className="row-sub">{t('content.fb.repliedBy', { who: f.repliedBy ?? '—', at: formatDateTime(f.repliedAt) })}</div>
          <div className="body-text">{f.reply}</div>
        </div>
      ) : null}
    </li>
  );
}

function FeedbackForm({ caseId, caseNo, onDone, onCancel }: { caseId: string | null; caseNo: string | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const online = useOnline();
  const form = useOnlineForm<FeedbackBody>('feedback', sendFeedback, onDone);
  const { pending, errors, error, busy, unknown, frozen } = form;
  const [category, setCategory] = useState<string>(pending?.category ?? '');
  const [text, setText] = useState(pending?.text ?? '');
  const [withCase, setWithCase] = useState<string | null>(pending ? pending.caseId ?? null : caseId);

  const submit = () => form.submit(checkFeedback({ category, text, caseId: withCase, appVersion: APP_VERSION }));

  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="feedback-form" noValidate>
      <h2>{t('content.fb.new')}</h2>
      {withCase ? <CaseLink caseId={withCase} caseNo={withCase === caseId ? caseNo : null} onRemove={() => setWithCase(null)} /> : null}
      <Field id="feedback-category" label={t('content.fb.category')} problem={errors.category}>
        <select id="feedback-category" value={category} onChange={(e) => setCategory(e.target.value)} disabled={frozen} data-testid="feedback-category">
          <option value="">{t('content.fb.chooseCategory')}</option>
          {CATEGORIES.map((c) => <option key={c} value={c}>{t(`content.category.${c}`)}</option>)}
        </select>
      </Field>
      <Field id="feedback-text" label={t('content.fb.text')} problem={errors.text} hint={t('cust.chars', { n: text.trim().length, max: FEEDBACK_LIMITS.text[1] })}>
        <textarea id="feedback-text" value={text} onChange={(e) => setText(e.target.value)} readOnly={frozen} rows={5} placeholder={t('content.fb.placeholder')} data-testid="feedback-text" />
      </Field>
      {!online ? <div className="warn-box" role="status">{t('content.needsNetwork')}</div> : null}
      {unknown && !busy ? <div className="warn-box" role="status">{t('content.retrySame')}</div> : null}
      {error && !(unknown && isNetworkError(error)) ? <ErrorNote error={error} ctx="send" labels={{ category: t('content.fb.category'), text: t('content.fb.text'), caseId: t('content.linkedCase') }} /> : null}
      <div className="btn-row">
        {unknown && !busy ? <Button kind="secondary" onClick={form.abandon}>{t('cust.custom.abandon')}</Button> : <Button kind="secondary" onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>}
        <Button type="submit" disabled={busy || !online} testId="feedback-submit">{busy ? t('content.sending') : unknown ? t('common.retry') : t('content.fb.submit')}</Button>
      </div>
    </form>
  );
}
