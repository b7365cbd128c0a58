import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { href } from '../../router';
import type { FieldProblem } from './content';

// Labelled fields with their problem said under them, for the question and feedback forms.

export function Field({ id, label, problem, children, hint }: { id: string; label: string; problem?: FieldProblem; children: ReactNode; hint?: string }) {
  const { t } = useI18n();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className="counter">{hint}</p> : null}
      {problem ? <p className="overdue" role="alert" id={`${id}-problem`} style={{ margin: '2px 0 0' }}>{t(problem.key, problem.params)}</p> : null}
    </div>
  );
}

/** The case a question or feedback is about, when the page was opened from a task (?caseId=…&caseNo=…). */
export function CaseLink({ caseId, caseNo, onRemove }: { caseId: string; caseNo: string | null; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <div className="card" data-testid="linked-case">
      <div className="row-main">
        <span>{t('content.linkedCase')}</span>
        <a href={href(`/tasks/${caseId}`)} className="mono">{caseNo ?? caseId.slice(0, 8)}</a>
      </div>
      <button type="button" className="btn btn-secondary" style={{ marginTop: 6 }} onClick={onRemove} data-testid="linked-case-remove">{t('content.unlinkCase')}</button>
    </div>
  );
}
