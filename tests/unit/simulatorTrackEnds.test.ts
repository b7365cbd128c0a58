import { approachTrack, trackEnd } from '../../scripts/terminal/visit';
import type { TerminalClient } from '../../scripts/terminal/client';

// The simulator plays several visits at once on one device (the chaos load); the server keeps one fix per device and
// instant, so no two of the device's tracks may share an instant, or a walk's fixes are dropped as duplicates.
describe('the simulator’s track ends', () => {
  const target = { lat: 29.85, lon: 114.32 };
  const instants = (end: number) => approachTrack(target, 1200, 30, end).map((p) => p.at);

  afterEach(() => jest.restoreAllMocks());

  it('two tracks started in the same millisecond, or whole fix intervals apart, share no instant', () => {
    const device = {} as TerminalClient;
    const now = jest.spyOn(Date, 'now');
    const ends: number[] = [];
    const starts = [1_000_000, 1_000_000, 1_040_000, 1_040_000, 1_290_000];
    for (const at of starts) {
      now.mockReturnValue(at);
      ends.push(trackEnd(device));
    }
    const all = ends.flatMap(instants);
    expect(new Set(all).size).toBe(all.length);
    // about now, never after it
    ends.forEach((end, i) => expect(starts[i] - end).toBeGreaterThanOrEqual(0));
    ends.forEach((end, i) => expect(starts[i] - end).toBeLessThan(10));
  });

  it('another device keeps its own phases', () => {
    jest.spyOn(Date, 'now').mockReturnValue(5_000_000);
    expect(trackEnd({} as TerminalClient)).toBe(5_000_000);
    expect(trackEnd({} as TerminalClient)).toBe(5_000_000);
  });
});
