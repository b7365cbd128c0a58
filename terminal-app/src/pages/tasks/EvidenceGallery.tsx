import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { useLoad } from '../../hooks';
import { ErrorBox, Loading } from '../../ui/ui';
import { codeLabel, formatChinaTime } from './labels';
import type { EvidenceListItem } from './types';
import { PresenceReasons, forensicsReasons } from '../visit/presence';

// The case's evidence with presigned GET URLs (5 min): photo thumbnails, audio and video as tiles; a tap opens the item
// full screen. A URL past its expiry is fetched again before the item opens.

export function EvidenceGallery({ caseId, refreshKey = 0 }: { caseId: string; refreshKey?: number }) {
  const { t } = useI18n();
  const { api } = useApp();
  const list = useLoad(async () => {
    const { data } = await api.GET('/mobile/v1/tasks/{id}/evidence', { params: { path: { id: caseId } } });
    return data as EvidenceListItem[];
  }, [api, caseId, refreshKey]);
  const [open, setOpen] = useState<string | null>(null);

  // A reload that fails shows its error in place of the gallery (useLoad keeps it), so nothing opens on a dead URL.
  const show = useCallback(async (item: EvidenceListItem) => {
    const expired = !item.url || (item.urlExpiresAt !== null && Date.parse(item.urlExpiresAt) - Date.now() < 15_000);
    if (expired) await list.reload();
    setOpen(item.evidenceId);
  }, [list]);

  if (list.state === 'loading') return <Loading />;
  if (list.state === 'error') return <ErrorBox error={list.error} onRetry={() => void list.reload()} />;
  const items = list.data;
  if (!items.length) return <p className="muted" data-testid="evidence-empty">{t('tasks.evidence.none')}</p>;
  const current = open ? items.find((i) => i.evidenceId === open) : undefined;
  return (
    <>
      <ul className="thumbs" data-testid="evidence-list">
        {items.map((e) => (
          <li key={e.evidenceId}>
            <button type="button" className="thumb" onClick={() => void show(e)} disabled={!e.url} data-testid="evidence-thumb" data-kind={e.kind} data-status={e.status}>
              {e.kind === 'photo' && e.url ? <img src={e.url} alt={codeLabel(t, 'case.evidenceKind', e.kind)} loading="lazy" /> : (
                <span className="thumb-icon" aria-hidden>{e.kind === 'audio' ? '♪' : e.kind === 'video' ? '▶' : '▣'}</span>
              )}
              <span className="thumb-caption">
                {codeLabel(t, 'case.evidenceKind', e.kind)}
                {e.status !== 'confirmed' ? ` · ${codeLabel(t, 'case.evidenceStatus', e.status)}` : ''}
                {forensicsReasons(e).length ? ` · ${t('presence.flagged')}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {current ? <EvidenceViewer item={current} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function EvidenceViewer({ item, onClose }: { item: EvidenceListItem; onClose: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [onClose]);
  const url = item.url ?? '';
  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label={codeLabel(t, 'case.evidenceKind', item.kind)} data-testid="evidence-viewer">
      <button type="button" className="viewer-close btn" onClick={onClose} data-testid="evidence-viewer-close">{t('tasks.evidence.close')}</button>
      <div className="viewer-body">
        {item.kind === 'photo' ? <img src={url} alt={codeLabel(t, 'case.evidenceKind', item.kind)} /> : null}
        {item.kind === 'video' ? <video src={url} controls playsInline /> : null}
        {item.kind === 'audio' ? <audio src={url} controls /> : null}
      </div>
      <p className="viewer-meta">
        {t('tasks.evidence.capturedAt', { at: formatChinaTime(item.capturedAt) })} · {item.by}
        {item.lat !== null && item.lon !== null ? ` · ${item.lat.toFixed(5)}, ${item.lon.toFixed(5)}` : ''}
      </p>
      {forensicsReasons(item).length ? (
        <div className="viewer-meta" role="note" aria-label={t('presence.flagged.title')}>
          <strong>{t('presence.flagged.title')}</strong>
          <PresenceReasons reasons={forensicsReasons(item)} testId="evidence-doubts" />
        </div>
      ) : null}
    </div>
  );
}
