import { wgs84ToBd09, wgs84ToGcj02, type LatLon } from '../../../ui-map/coords';

// "导航": hand the customer's location to the phone's map app by its URI scheme, in the datum that app expects
// (we hold WGS-84). The inspector's own position is not passed: every app starts from its own current fix, which is
// fresher than ours by the time the app opens. Coordinates with 6 decimals (~0.1 m).
//
// Formats, checked against the vendors' published URI documentation:
//  高德 Android  amapuri://route/plan/?sourceApplication=…&dlat=…&dlon=…&dname=…&dev=0&t=0
//                https://lbs.amap.com/api/amap-mobile/guide/android/route — dev=0: "lat 和 lon 是已经加密后的，不需要国测
//                加密" (we pass GCJ-02); t=0: driving.
//  高德 iOS      iosamap://path?sourceApplication=…&dlat=…&dlon=…&dname=…&dev=0&t=0
//                https://lbs.amap.com/api/amap-mobile/guide/ios/route (same parameters).
//  百度          baidumap://map/direction?destination=name:…|latlng:lat,lng&coord_type=bd09ll&mode=driving&src=…
//                https://lbsyun.baidu.com/index.php?title=uri/api/android (2.3.2 路线规划; iOS: …uri/api/ios). We send
//                BD-09 with coord_type=bd09ll — Baidu's own datum, so no app-side conversion is involved. Without
//                `origin` the route starts at 我的位置. `src` is required, "andr.公司名.应用名" / "ios.公司名.应用名".
//  腾讯          qqmap://map/routeplan?type=drive&from=我的位置&fromcoord=CurrentLocation&to=…&tocoord=lat,lng&referer=…
//                https://lbs.qq.com/webApi/uriV1/uriGuide/uriMobileRoute — tocoord is GCJ-02 "lat,lng";
//                fromcoord=CurrentLocation starts at the phone's position; `referer` names the caller (the current
//                page asks for the developer key there; a deployment with a key passes it as `tencentReferer`).
//  geo:          geo:lat,lon?q=lat,lon(label) — RFC 5870 (WGS-84) plus Android's q= label; any map app, the fallback.
//                The same shape the API's geoUri has (services/tracks/trackGeometry.ts).

export type MapApp = 'amap' | 'baidu' | 'tencent' | 'geo';
export type Platform = 'android' | 'ios';

export interface Destination extends LatLon {
  /** Shown by the map app as the destination: the customer's name, else the address. */
  name: string;
}

export interface NavigationOptions {
  platform: Platform;
  /** Caller name for 高德's sourceApplication and 百度's src. */
  appName?: string;
  /** 腾讯's referer: the deployment's developer key if it has one, else the app's name. */
  tencentReferer?: string;
}

const APP = 'jicha';
const f6 = (n: number): string => n.toFixed(6);
/** The name as a query value; '|' would split 百度's name:…|latlng:… pair, so it becomes a full-width bar. */
const label = (name: string): string => encodeURIComponent(name.replace(/\|/g, '｜').trim());

export function amapUri(d: Destination, o: NavigationOptions): string {
  const g = wgs84ToGcj02(d);
  const q = `sourceApplication=${encodeURIComponent(o.appName ?? APP)}&dlat=${f6(g.lat)}&dlon=${f6(g.lon)}&dname=${label(d.name)}&dev=0&t=0`;
  return o.platform === 'ios' ? `iosamap://path?${q}` : `amapuri://route/plan/?${q}`;
}

export function baiduUri(d: Destination, o: NavigationOptions): string {
  const b = wgs84ToBd09(d);
  const src = `${o.platform === 'ios' ? 'ios' : 'andr'}.${o.appName ?? APP}.terminal`;
  return `baidumap://map/direction?destination=name:${label(d.name)}|latlng:${f6(b.lat)},${f6(b.lon)}&coord_type=bd09ll&mode=driving&src=${encodeURIComponent(src)}`;
}

export function tencentUri(d: Destination, o: NavigationOptions): string {
  const g = wgs84ToGcj02(d);
  const referer = encodeURIComponent(o.tencentReferer ?? o.appName ?? APP);
  return `qqmap://map/routeplan?type=drive&from=${encodeURIComponent('我的位置')}&fromcoord=CurrentLocation&to=${label(d.name)}&tocoord=${f6(g.lat)},${f6(g.lon)}&referer=${referer}`;
}

export function geoUri(d: Destination): string {
  const ll = `${f6(d.lat)},${f6(d.lon)}`;
  return d.name.trim() ? `geo:${ll}?q=${ll}(${label(d.name)})` : `geo:${ll}`;
}

export function navigationUri(app: MapApp, d: Destination, o: NavigationOptions): string {
  switch (app) {
    case 'amap': return amapUri(d, o);
    case 'baidu': return baiduUri(d, o);
    case 'tencent': return tencentUri(d, o);
    case 'geo': return geoUri(d);
  }
}

/** iPhone/iPad (iPadOS reports itself as a Mac with touch); everything else — Android phones and PDAs — is Android. */
export function detectPlatform(nav: { userAgent: string; maxTouchPoints?: number } = navigator): Platform {
  if (/iPhone|iPad|iPod/i.test(nav.userAgent)) return 'ios';
  if (/Macintosh/i.test(nav.userAgent) && (nav.maxTouchPoints ?? 0) > 1) return 'ios';
  return 'android';
}
