import { codedText, storedLocale } from '../i18n/codedMessages';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A refused request in the user's words. The API's problem carries a stable `code` (`case-step.not-station-inspector`,
 * `case.ended`, …) and its `params` besides its human `detail`. A code of the domain's message catalogue
 * (client/messages.gen.ts) is rendered from it with its params in the user's language: that is the whole sentence.
 * Otherwise the code picks a sentence from this app's catalogue (app.problems.*), and the detail stays beside it for
 * the specifics. An unknown code shows the detail alone.
 */
export function refusalText(error: unknown, translate: Translate, lang: string = storedLocale()): { reason: string | null; detail: string } {
  const body = (error as { body?: { code?: unknown; type?: unknown; params?: unknown } } | null)?.body;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const coded = codedText(body?.code, body?.params, lang);
  if (coded) return { reason: coded, detail: '' };
  const key = problemKey(typeof body?.code === 'string' ? body.code : null, typeof body?.type === 'string' ? body.type : null);
  const reason = key ? translate(`app.problems.${key}`, { _: '' }) : '';
  return { reason: reason || null, detail };
}

/** The catalogue key of a problem code (or, for problems without one, of its type). */
export function problemKey(code: string | null, type: string | null): string | null {
  if (code?.startsWith('case-step:')) return `caseStep.${code.slice('case-step:'.length)}`;
  if (code === 'case.ended') return 'caseEnded';
  if (code === 'case.imported') return 'caseImported'; // 历史导入: no workflow
  if (code === 'case.not-visible') return 'caseNotVisible';
  if (code === 'presence-review.none') return 'presenceReviewNone';
  // money on a rectification order (#17): rectification.*, penalty.*, verification.*, tariff.* → money.<code>
  if (code && /^(rectification|penalty|verification|tariff)\./.test(code)) return `money.${code}`;
  if (code?.startsWith('list.')) return code; // list.bad-cursor → list['bad-cursor']
  if (type === 'urn:jicha:case-workflow:unavailable') return 'workflowUnavailable';
  if (code === 'database.unavailable') return 'databaseUnavailable';
  return null;
}
