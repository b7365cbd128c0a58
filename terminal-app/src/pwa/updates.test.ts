import { describe, expect, it } from 'vitest';
import type { ToWorker } from '../../sw/messages';
import { watchUpdates, type ContainerLike, type RegistrationLike, type WorkerLike } from './updates';

class FakeWorker extends EventTarget implements WorkerLike {
  state = 'installing';
  readonly sent: ToWorker[] = [];
  postMessage(m: ToWorker) {
    this.sent.push(m);
  }
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}
class FakeRegistration extends EventTarget implements RegistrationLike {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  /** The browser found a new sw.js and installed it; it now waits. */
  newWorkerInstalled(): FakeWorker {
    const w = new FakeWorker();
    this.installing = w;
    this.dispatchEvent(new Event('updatefound'));
    this.installing = null;
    this.waiting = w;
    w.become('installed');
    return w;
  }
}
class FakeContainer extends EventTarget implements ContainerLike {
  constructor(public controller: unknown) {
    super();
  }
  takeOver() {
    this.controller = {};
    this.dispatchEvent(new Event('controllerchange'));
  }
}

function setup(controlled: boolean) {
  const reg = new FakeRegistration();
  const container = new FakeContainer(controlled ? {} : null);
  let reloads = 0;
  const watcher = watchUpdates(reg, container, () => void (reloads += 1));
  const seen: string[] = [];
  watcher.subscribe(() => seen.push(watcher.state()));
  return { reg, container, watcher, seen, reloads: () => reloads };
}

describe('the update flow', () => {
  it('the first install offers nothing and never reloads, though the new worker claims the page', () => {
    const s = setup(false);
    s.reg.newWorkerInstalled();
    s.reg.waiting = null; // nothing to wait for: it activates
    s.container.takeOver();
    expect(s.watcher.state()).toBe('none');
    expect(s.reloads()).toBe(0);
  });

  it('a new version waits; the app offers it and reloads only after the tap, once the new worker has taken over', () => {
    const s = setup(true);
    const w = s.reg.newWorkerInstalled();
    expect(s.watcher.state()).toBe('available');
    expect(w.sent).toEqual([]); // nothing happens by itself
    expect(s.reloads()).toBe(0);
    s.watcher.apply();
    expect(w.sent).toEqual([{ type: 'skip-waiting' }]);
    expect(s.reloads()).toBe(0); // not before the worker has taken over
    s.container.takeOver();
    s.container.takeOver();
    expect(s.reloads()).toBe(1);
    expect(s.seen).toEqual(['available', 'applying']);
  });

  it('offers a version that was already waiting from an earlier visit', () => {
    const reg = new FakeRegistration();
    reg.waiting = new FakeWorker();
    reg.waiting.state = 'installed';
    expect(watchUpdates(reg, new FakeContainer({}), () => undefined).state()).toBe('available');
  });

  it('when another tab took the update, this page offers the reload instead of reloading by itself', () => {
    const s = setup(true);
    s.container.takeOver();
    expect(s.reloads()).toBe(0);
    expect(s.watcher.state()).toBe('available');
    s.watcher.apply();
    expect(s.reloads()).toBe(1);
  });

  it('apply without an offer does nothing', () => {
    const s = setup(true);
    s.watcher.apply();
    s.container.takeOver();
    expect(s.reloads()).toBe(0);
  });
});
