import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { AppBar } from './AppBar';

export function AppLayout({ children }: { children: ReactNode }) {
  return <Layout appBar={AppBar}>{children}</Layout>;
}
