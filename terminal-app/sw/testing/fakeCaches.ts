// An in-memory Cache Storage with the behaviour the worker relies on (URL keys, a put moves its key to the end,
// bodies stored once), for the tests; Node has Request and Response but no caches.

type Key = Request | string;
const urlOf = (k: Key | { url: string }): string => (typeof k === 'string' ? k : k.url);

export class FakeCache {
  readonly entries = new Map<string, { body: ArrayBuffer; init: ResponseInit }>();

  async match(key: Key): Promise<Response | undefined> {
    const e = this.entries.get(urlOf(key));
    return e ? new Response(e.body.slice(0), e.init) : undefined;
  }

  async put(key: Key, res: Response): Promise<void> {
    const body = await res.arrayBuffer();
    const url = urlOf(key);
    this.entries.delete(url);
    this.entries.set(url, { body, init: { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) } });
  }

  async delete(key: Key): Promise<boolean> {
    return this.entries.delete(urlOf(key));
  }

  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((u) => new Request(u));
  }

  urls(): string[] {
    return [...this.entries.keys()];
  }
}

export class FakeCacheStorage {
  readonly stores = new Map<string, FakeCache>();

  async open(name: string): Promise<FakeCache> {
    let c = this.stores.get(name);
    if (!c) {
      c = new FakeCache();
      this.stores.set(name, c);
    }
    return c;
  }

  async keys(): Promise<string[]> {
    return [...this.stores.keys()];
  }

  async has(name: string): Promise<boolean> {
    return this.stores.has(name);
  }

  async delete(name: string): Promise<boolean> {
    return this.stores.delete(name);
  }

  /** The worker's view of it. */
  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}
