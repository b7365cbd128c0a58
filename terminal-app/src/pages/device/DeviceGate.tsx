import type { ReactNode } from 'react';

/** Shows "等待管理员绑定终端" with the device code until this terminal is bound to the user; then the app. Placeholder. */
export function DeviceGate({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
