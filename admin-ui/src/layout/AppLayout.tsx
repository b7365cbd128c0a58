import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { AppBar } from './AppBar';
import { AppMenu } from './AppMenu';
import { CalendarCoverageBanner } from '../resources/calendar/CalendarCoverageBanner';
import { DocumentLang } from './DocumentLang';

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={AppBar} menu={AppMenu}>
      <DocumentLang />
      <CalendarCoverageBanner />
      {children}
    </Layout>
  );
}
