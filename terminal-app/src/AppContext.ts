import { createContext, useContext } from 'react';
import type { ApiClient } from '../../client';
import type { TerminalConfig } from './boot/config';
import type { Session } from './auth/session';

/** What every page may use: the API client (with token, device id and language), the session and the config. */
export interface AppServices {
  api: ApiClient;
  session: Session;
  config: TerminalConfig;
  deviceId: string;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside <AppContext.Provider>');
  return s;
}
