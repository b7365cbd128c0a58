import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { ok, type ApiResponse } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';

/**
 * A draft's preview, recomputed on the server whenever the draft's page is opened (and before 启动), never stored:
 * open cases, the latest billing month and the customer base move on, so a count saved with the draft would be stale
 * by the time someone runs it. It uses the draft's own rules and threshold, as the run will.
 */
export type DraftPreview = ApiResponse<'/api/campaigns/{id}/preview'>;

export const draftPreviewKey = (id: string) => ['campaigns', 'draft-preview', id] as const;

export function useDraftPreview(id: string, enabled = true) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: draftPreviewKey(id),
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/campaigns/{id}/preview', { params: { path: { id } } })),
    enabled,
    retry: false,
    staleTime: 0,
  });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The 启动 confirmation: cases it opens now, and the selected customers it skips because they have an open case. */
export function launchConfirmation(p: DraftPreview | undefined, translate: Translate): string[] {
  if (!p) return [translate('resources.campaigns.launch.unknown')];
  const lines = [translate('resources.campaigns.launch.opens', { smart_count: p.wouldOpen, selected: p.selected, matched: p.matched })];
  lines.push(p.skipped > 0 ? translate('resources.campaigns.launch.skips', { smart_count: p.skipped }) : translate('resources.campaigns.launch.noneSkipped'));
  if (p.matched > p.selected) lines.push(translate('resources.campaigns.launch.capped', { cap: p.selected, rest: p.matched - p.selected }));
  return lines;
}
