import type { MapFeatures } from './features';
import type { BasemapState, GlMapHandle, GlMapOptions } from './glMap';

type Mount = (container: HTMLElement, o: GlMapOptions) => GlMapHandle;
export type GlMapMountOptions = Omit<GlMapOptions, 'initial' | 'onReady' | 'onBasemapState' | 'onFail'>;

/**
 * The MapLibre map's life inside a component, without a UI framework, for both apps' thin wrappers: mount() in an
 * effect keyed by the basemap (its clean-up removes the map), show() when the features change, the buttons' calls.
 * Features given before the map has loaded are drawn, and the view fitted to them, when it loads. The mount function
 * (ui-map/glMap's mountGlMap) is passed in, so this module loads no MapLibre and runs in a test without WebGL.
 */
export class GlMapController {
  /** The features shown (or to be shown once the map has loaded). */
  features: MapFeatures;
  /** The wrapper's current callbacks: replaced on every render, read when MapLibre reports. */
  on: { onBasemapState: (s: BasemapState) => void; onFail: (reason: string) => void };
  private handle: GlMapHandle | null = null;
  private ready = false;

  constructor(
    private readonly mountMap: Mount,
    features: MapFeatures,
    on: GlMapController['on'],
  ) {
    this.features = features;
    this.on = on;
  }

  /** Starts the map in `container`; returns its clean-up. A map that cannot start reports through onFail. */
  mount(container: HTMLElement, o: GlMapMountOptions): () => void {
    let handle: GlMapHandle | null = null;
    try {
      handle = this.mountMap(container, {
        ...o,
        initial: this.features,
        onBasemapState: (s) => this.on.onBasemapState(s),
        onFail: (r) => this.on.onFail(r),
        onReady: () => {
          if (!handle || this.handle !== handle) return; // a map already removed
          this.ready = true;
          handle.setFeatures(this.features);
          handle.fit(this.features);
        },
      });
    } catch (e) {
      this.on.onFail(e instanceof Error ? e.message : String(e));
      return () => undefined;
    }
    const mounted = handle;
    this.handle = mounted;
    return () => {
      if (this.handle === mounted) {
        this.handle = null;
        this.ready = false;
      }
      mounted.remove();
    };
  }

  show(features: MapFeatures): void {
    this.features = features;
    if (this.ready) this.handle?.setFeatures(features);
  }

  /** Fits every feature in view; `whenReady`: only if the map has loaded (it fits by itself when it loads). */
  fit(whenReady = false): void {
    if (!whenReady || this.ready) this.handle?.fit(this.features);
  }

  zoomIn(): void {
    this.handle?.zoomIn();
  }

  zoomOut(): void {
    this.handle?.zoomOut();
  }
}
