type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A refused request in the user's words. The API's problem carries a stable `code` (`case-step:WrongStage`,
 * `case.ended`, …) besides its human `detail`, which for a case step is the workflow validator's sentence in English:
 * the code picks the sentence from the catalogue (app.problems.*), and the detail stays beside it for the specifics
 * (which stage, whose step). An unknown code shows the detail alone.
 */
export function refusalText(error: unknown, translate: Translate): { reason: string | null; detail: string } {
  const body = (error as { body?: { code?: unknown; type?: unknown } } | null)?.body;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
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
