// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithAdmin } from '../test/renderWithAdmin';
import { fakeApi, jsonResponse } from '../test/fakeApi';
import { chinaDateIn, earliestEffectiveDate, PublishVersionButton } from './PublishVersionButton';

const R = 'resources.assessment-rule-sets';
const texts = {
  button: `${R}.publish.button`, title: `${R}.publish.title`, hint: `${R}.publish.hint`, dateLabel: `${R}.fields.effectiveFrom`,
  dateHelp: `${R}.publish.effectiveHelp`, confirm: `${R}.publish.confirm`, done: `${R}.publish.done`,
};

describe('PublishVersionButton', () => {
  it('China calendar: 16:30 UTC is already the next day in Beijing', () => {
    expect(chinaDateIn(0, new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
    expect(chinaDateIn(1, new Date('2026-11-27T15:30:00Z'))).toBe('2026-11-28');
  });

  it('offers today (China calendar) as the earliest effective date, for every kind of rule set', () => {
    expect(earliestEffectiveDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(earliestEffectiveDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });

  it('publishes from the chosen date and puts the server\'s refusal of the date under the date input', async () => {
    const publish = vi.fn(() =>
      jsonResponse(422, { type: 'about:blank', title: 'Invalid request', status: 422, detail: 'A rule set takes effect today (2030-01-02, China time) or later.', errors: [{ path: 'effectiveFrom', message: 'must be 2030-01-02 or later' }] }),
    );
    const { callApi, requests } = fakeApi({ 'POST /api/assessment-rule-sets/v2/publish': publish });
    renderWithAdmin(<PublishVersionButton resource="assessment-rule-sets" version="v2" earliest="2030-01-02" texts={texts} />, {
      dataProvider: { callApi } as never,
      roles: ['manager'],
    });
    fireEvent.click(await screen.findByTestId('publish-version'));
    const input = (await screen.findByTestId('publish-effective-from')).querySelector('input')!;
    expect(input.value).toBe('2030-01-02');
    expect(input.min).toBe('2030-01-02');
    fireEvent.change(input, { target: { value: '2030-02-01' } });
    fireEvent.click(screen.getAllByRole('button').find((b) => b.closest('[role="dialog"]') && b.className.includes('contained'))!);
    await waitFor(() => expect(publish).toHaveBeenCalledTimes(1));
    expect(await requests[0]!.json()).toEqual({ effectiveFrom: '2030-02-01' });
    expect(await screen.findByText('must be 2030-01-02 or later')).toBeTruthy();
  }, 30_000);

});
