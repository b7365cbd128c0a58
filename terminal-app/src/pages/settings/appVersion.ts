// The terminal app's own version (package.json), shown on 我的 and sent with usage feedback so the back office knows
// which build a report is about. Vite inlines only this field, not the whole file.
import { version } from '../../../package.json';

export const APP_VERSION: string = version;
