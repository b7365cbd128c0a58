// The floor for bench:lifecycle: the same number of Updates and activities as a full case, doing nothing.
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export const floorStep = defineUpdate<number, [number]>('floorStep');

interface FloorActivities {
  noop(n: number): Promise<number>;
}
const { noop } = proxyActivities<FloorActivities>({ startToCloseTimeout: '30 seconds' });

export async function floorCase(steps: number, activitiesAtStart: number, activitiesAtEnd: number): Promise<number> {
  let done = 0;
  setHandler(floorStep, async (n) => {
    await noop(n);
    done += 1;
    return done;
  });
  for (let i = 0; i < activitiesAtStart; i += 1) await noop(i);
  await condition(() => done === steps);
  for (let i = 0; i < activitiesAtEnd; i += 1) await noop(i);
  return done;
}
