import type { FlagsMessages } from './flagsMessagesZh';

export const flagsMessagesEn: FlagsMessages = {
  expectedRate: 'Expected confirmation rate',
  expectedRateValue: 'Expected confirmation %{rate}',
  score: 'Score',
  reasons: 'Reasons',
  stored: {
    title: 'Daily judgement',
    basis: 'Rules %{version} · data month %{month} · %{at}',
    notFlagged: 'The latest daily judgement (rules %{version}, data month %{month}) did not flag this customer.',
    noRun: 'No daily judgement has completed yet. An administrator can run it now under Daily judgement.',
  },
  family: {
    consumption_level: 'Consumption level',
    consumption_drop: 'Consumption drop',
    zero_consumption: 'Zero consumption',
    capacity_exceeded: 'Over capacity',
    meter_events: 'Meter events',
    area_line_loss: 'Station-area line loss',
    zero_signals: 'Zero with missing readings or power loss',
  },
  areaType: { urban: 'urban', town: 'town', rural: 'rural' },
  lineLoss:
    'Area %{area} (%{areaType}) lost %{loss} in %{month} against a norm of %{norm}; this customer used %{monthKwh} kWh, %{drop} below its recent average of %{baselineKwh} kWh',
  runs: {
    title: 'Daily judgement',
    runNow: 'Run now',
    started: 'The daily judgement is running; the customer view and campaign previews read its results once it completes.',
    none: 'The daily judgement has not run yet (it runs every day at 05:00).',
    line: '%{at} · rules %{version} · data month %{month} · %{status} · flagged %{flagged} of %{customers}',
    status: { running: 'running', completed: 'completed', failed: 'failed' },
  },
  calibration: {
    title: 'Expected against actual confirmation rates (by judgement family)',
    empty: 'No case with site findings was closed in the period.',
    columns: { family: 'Family', checked: 'Checked on site', confirmed: 'Confirmed', expected: 'Expected', actual: 'Actual' },
  },
  preview: {
    title: 'Customers it would select',
    source: {
      stored: 'Read from the daily judgement (%{month})',
      live: 'Judged now with this campaign\'s rules (%{month})',
    },
    empty: 'No customer reaches this campaign\'s threshold.',
    more: 'Load more',
    openCase: 'Has an open case',
    columns: { accountNo: 'Account', name: 'Name', station: 'Station', score: 'Score', expectedRate: 'Expected confirmation', reasons: 'Reasons' },
  },
};
