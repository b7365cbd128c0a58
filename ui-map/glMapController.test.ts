import { describe, expect, it, vi } from 'vitest';
import type { MapFeatures } from './features';
import type { GlMapHandle, GlMapOptions } from './glMap';
import { GlMapController } from './glMapController';

// The framework-free part of both apps' MapLibre wrappers, against a fake mountGlMap: what reaches the map before and
// after it loads, across a remount (a new basemap), and what a map that cannot start reports.

const at = (lat: number): MapFeatures => ({ customer: { lat, lon: 114.3 }, position: null, geofenceM: 200, tracks: [], localTrack: [], replay: null });

function fakeMount() {
  const maps: { options: GlMapOptions; handle: { [K in keyof GlMapHandle]: ReturnType<typeof vi.fn> } }[] = [];
  const mount = (_: HTMLElement, options: GlMapOptions): GlMapHandle => {
    const handle = { setFeatures: vi.fn(), fit: vi.fn(), zoomIn: vi.fn(), zoomOut: vi.fn(), remove: vi.fn() };
    maps.push({ options, handle });
    return handle;
  };
  return { maps, mount };
}
const box = {} as HTMLElement;
const callbacks = () => ({ onBasemapState: vi.fn(), onFail: vi.fn() });

describe('GlMapController', () => {
  it('holds features until the map has loaded, then draws and fits the latest; afterwards draws each change', () => {
    const { maps, mount } = fakeMount();
    const map = new GlMapController(mount, at(30), callbacks());
    map.mount(box, { basemap: null, labels: { customer: 'c', position: 'p', replay: 'r' } });
    expect(maps[0]!.options.initial).toEqual(at(30));
    map.show(at(31));
    map.fit(true);
    expect(maps[0]!.handle.setFeatures).not.toHaveBeenCalled();
    expect(maps[0]!.handle.fit).not.toHaveBeenCalled();
    maps[0]!.options.onReady();
    expect(maps[0]!.handle.setFeatures).toHaveBeenCalledWith(at(31));
    expect(maps[0]!.handle.fit).toHaveBeenCalledWith(at(31));
    map.show(at(32));
    map.fit(true);
    expect(maps[0]!.handle.setFeatures).toHaveBeenLastCalledWith(at(32));
    expect(maps[0]!.handle.fit).toHaveBeenLastCalledWith(at(32));
  });

  it('removes the map on clean-up; the next map starts from the latest features and waits for its own load', () => {
    const { maps, mount } = fakeMount();
    const map = new GlMapController(mount, at(30), callbacks());
    const cleanUp = map.mount(box, { basemap: null, labels: { customer: 'c', position: 'p', replay: 'r' } });
    maps[0]!.options.onReady();
    cleanUp();
    expect(maps[0]!.handle.remove).toHaveBeenCalledOnce();
    map.show(at(33));
    map.mount(box, { basemap: null, labels: { customer: 'c', position: 'p', replay: 'r' } });
    expect(maps[1]!.options.initial).toEqual(at(33));
    map.show(at(34));
    expect(maps[1]!.handle.setFeatures).not.toHaveBeenCalled();
    maps[0]!.options.onReady(); // a late load of the removed map changes nothing
    expect(maps[1]!.handle.setFeatures).not.toHaveBeenCalled();
    expect(maps[0]!.handle.setFeatures).toHaveBeenCalledTimes(1);
    maps[1]!.options.onReady();
    expect(maps[1]!.handle.setFeatures).toHaveBeenCalledWith(at(34));
  });

  it('passes MapLibre\'s reports to the callbacks of the latest render, and a failed start to onFail', () => {
    const { maps, mount } = fakeMount();
    const first = callbacks();
    const map = new GlMapController(mount, at(30), first);
    map.mount(box, { basemap: null, labels: { customer: 'c', position: 'p', replay: 'r' } });
    const later = callbacks();
    map.on = later;
    maps[0]!.options.onBasemapState('failed');
    expect(later.onBasemapState).toHaveBeenCalledWith('failed');
    expect(first.onBasemapState).not.toHaveBeenCalled();

    const broken = new GlMapController(() => { throw new Error('no WebGL context'); }, at(30), later);
    const cleanUp = broken.mount(box, { basemap: null, labels: { customer: 'c', position: 'p', replay: 'r' } });
    expect(later.onFail).toHaveBeenCalledWith('no WebGL context');
    expect(cleanUp).not.toThrow();
    broken.zoomIn(); // the buttons of a map that never started do nothing
  });

  it('zooms and fits on demand, before the map has loaded too', () => {
    const { maps, mount } = fakeMount();
    const map = new GlMapController(mount, at(30), callbacks());
    map.mount(box, { basemap: null, labels: { customer: 'c', position: 'p', replay: 'r' } });
    map.zoomIn();
    map.zoomOut();
    map.fit();
    expect(maps[0]!.handle.zoomIn).toHaveBeenCalledOnce();
    expect(maps[0]!.handle.zoomOut).toHaveBeenCalledOnce();
    expect(maps[0]!.handle.fit).toHaveBeenCalledWith(at(30));
  });
});
