import { StoredJudgementSection } from '../flags/StoredJudgementSection';
import { useState } from 'react';
import { Box, Card, Stack, Tab, Tabs } from '@mui/material';
import { ListButton, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { LoadingState } from '../../ui/LoadStates';
import type { Customer360 } from './customerModel';
import {
  ArchiveSection, BillingSection, CasesSection, CollectionSection, JudgementSection, PaymentsSection, WorkOrdersSection,
} from './CustomerSections';
import { DETAIL_PAGE_SX } from './pageSx';

export const CUSTOMER_TABS = ['overview', 'billing', 'collection', 'payments', 'workOrders', 'cases'] as const;
type CustomerTab = (typeof CUSTOMER_TABS)[number];

/** 客户统一视图: one customer as marketing, collection and the audit see it. */
function Customer360View() {
  const c = useRecordContext<Customer360>();
  const translate = useTranslate();
  const [tab, setTab] = useState<CustomerTab>('overview');
  if (!c) return null;
  // react-admin first shows the row from the list page (no bills, readings…) until the 360 view arrives.
  if (!Array.isArray(c.consumption)) return <LoadingState />;
  const counts: Partial<Record<CustomerTab, number>> = {
    collection: c.meterEvents.length || undefined,
    workOrders: c.workOrders.length || undefined,
  };
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Card>
        <Tabs
          value={tab}
          onChange={(_, v: CustomerTab) => setTab(v)}
          variant="scrollable"
          scrollButtons="auto"
          allowScrollButtonsMobile
          aria-label={translate('resources.customers.tabs.label')}
        >
          {CUSTOMER_TABS.map((t) => (
            <Tab
              key={t}
              value={t}
              sx={{ minHeight: 48 }}
              data-testid={`customer-tab-${t}`}
              label={counts[t] ? `${translate(`resources.customers.tabs.${t}`)} (${counts[t]})` : translate(`resources.customers.tabs.${t}`)}
            />
          ))}
        </Tabs>
      </Card>
      <Box role="tabpanel">
        {tab === 'overview' ? (
          <Stack spacing={2}>
            <ArchiveSection c={c} />
            <StoredJudgementSection accountNo={c.accountNo} />
            <JudgementSection accountNo={c.accountNo} />
          </Stack>
        ) : tab === 'billing' ? (
          <BillingSection c={c} />
        ) : tab === 'collection' ? (
          <CollectionSection c={c} />
        ) : tab === 'payments' ? (
          <PaymentsSection c={c} />
        ) : tab === 'workOrders' ? (
          <WorkOrdersSection c={c} />
        ) : (
          <CasesSection accountNo={c.accountNo} />
        )}
      </Box>
    </Stack>
  );
}

export function CustomerShow() {
  return (
    <Show
      component="div"
      actions={
        <TopToolbar>
          <ListButton />
        </TopToolbar>
      }
    >
      <Customer360View />
    </Show>
  );
}
