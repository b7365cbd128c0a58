import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { AppBar } from './AppBar';
import { AppMenu } from './AppMenu';
import { CalendarCoverageBanner } from '../resources/calendar/CalendarCoverageBanner';
import { DocumentLang } from './DocumentLang';
import { TabletSidebar } from './TabletSidebar';

/**
 * The layout (react-admin's is `min-width: fit-content`) and its content column may shrink below their widest child's
 * natural width (a row of tabs, a wide table): those scroll in their own box, and a phone's page never scrolls
 * sideways (#16).
 */
const LAYOUT_SX = { minWidth: 0, '& .RaLayout-content': { minWidth: 0 } } as const;

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={AppBar} menu={AppMenu} sx={LAYOUT_SX}>
      <DocumentLang />
      <TabletSidebar />
      <CalendarCoverageBanner />
      {children}
    </Layout>
  );
}
