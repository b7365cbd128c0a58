import { TerminalError, isNetworkError } from '../../api/client';
import { hasText, type T } from '../../i18n';
import { errorText } from '../../ui/ui';

// Errors in the user's words for the custom audit, public query and content pages. Many of the API's refusals carry
// only an English `detail` (e.g. "No customer 4210000001 in your org unit."), so the status is read here in the
// context of the page that made the call, and the API's own text is the last resort.

export type ErrorContext = 'search' | 'customer' | 'customCase' | 'regulation' | 'send' | 'load';

export function describeError(e: unknown, t: T, ctx: ErrorContext): string {
  if (isNetworkError(e)) {
    if (ctx === 'customCase' || ctx === 'send') return t('cust.err.sendNoAnswer');
    return t('cust.err.loadOffline');
  }
  if (!(e instanceof TerminalError)) return errorText(e, t);
  const code = e.code;
  if (code && hasText(`problem.${code}`)) return t(`problem.${code}`);
  const accountField = e.fieldErrors.some((f) => f.path.endsWith('customerAccountNo') || f.path.endsWith('accountNo'));
  switch (e.status) {
    case 401:
      return t('auth.sessionExpired');
    case 403:
      if (ctx === 'customCase' || ctx === 'customer' || ctx === 'search') return t('cust.err.outsideUnit');
      return t('cust.err.forbidden');
    case 404:
      if (ctx === 'customer') return t('cust.err.customerNotFound');
      if (ctx === 'regulation') return t('cust.err.regulationNotFound');
      return t('cust.err.notFound');
    case 409:
      if (ctx === 'customCase') return t('cust.err.keyOtherCase');
      return t('cust.err.conflict');
    case 400:
    case 422:
      if (ctx === 'customCase' && accountField && e.status === 422) return t('cust.err.unknownCustomer');
      if (ctx === 'customer' && accountField) return t('cust.err.accountFormat');
      return t('cust.err.invalid');
    case 429:
      return t('problem.rate-limit');
    default:
      if (e.status >= 500) return t('cust.err.server');
      return errorText(e, t);
  }
}
