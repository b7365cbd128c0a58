import { describe, expect, it } from 'vitest';
import { amapUri, baiduUri, detectPlatform, geoUri, navigationUri, tencentUri } from './navigation';
import { bd09ToGcj02, gcj02ToWgs84 } from '../../../ui-map/coords';
import { distanceM } from '../../../ui-map/geo';

// The destination is eviltransform's Beijing pair (WGS-84 39.911954, 116.377817 ↔ GCJ-02 39.91334545536069,
// 116.38404722455657; see coords.test.ts), so the GCJ-02 figures in the URIs below are the published ones, rounded.
const BEIJING = { lat: 39.911954, lon: 116.377817 };
const NAME = '咸宁市温泉专业合作社';
const ENC = '%E5%92%B8%E5%AE%81%E5%B8%82%E6%B8%A9%E6%B3%89%E4%B8%93%E4%B8%9A%E5%90%88%E4%BD%9C%E7%A4%BE';
const d = { ...BEIJING, name: NAME };

describe('高德', () => {
  it('Android: amapuri://route/plan/ with GCJ-02 and dev=0', () => {
    expect(amapUri(d, { platform: 'android' })).toBe(
      `amapuri://route/plan/?sourceApplication=jicha&dlat=39.913345&dlon=116.384047&dname=${ENC}&dev=0&t=0`,
    );
  });
  it('iOS: iosamap://path with the same parameters', () => {
    expect(amapUri(d, { platform: 'ios', appName: 'jicha-terminal' })).toBe(
      `iosamap://path?sourceApplication=jicha-terminal&dlat=39.913345&dlon=116.384047&dname=${ENC}&dev=0&t=0`,
    );
  });
});

describe('百度', () => {
  it('baidumap://map/direction with BD-09 and coord_type=bd09ll, src per platform', () => {
    expect(baiduUri(d, { platform: 'android' })).toBe(
      `baidumap://map/direction?destination=name:${ENC}|latlng:39.919576,116.390455&coord_type=bd09ll&mode=driving&src=andr.jicha.terminal`,
    );
    expect(baiduUri(d, { platform: 'ios' })).toBe(
      `baidumap://map/direction?destination=name:${ENC}|latlng:39.919576,116.390455&coord_type=bd09ll&mode=driving&src=ios.jicha.terminal`,
    );
  });
  it('its BD-09 point converts back to the WGS-84 destination within a metre', () => {
    const ll = /latlng:([\d.]+),([\d.]+)/.exec(baiduUri(d, { platform: 'android' }))!;
    const back = gcj02ToWgs84(bd09ToGcj02({ lat: Number(ll[1]), lon: Number(ll[2]) }));
    expect(distanceM(back, BEIJING)).toBeLessThan(1);
  });
});

describe('腾讯', () => {
  it('qqmap://map/routeplan with GCJ-02 tocoord, starting at the current location, with a referer', () => {
    expect(tencentUri(d, { platform: 'android' })).toBe(
      `qqmap://map/routeplan?type=drive&from=%E6%88%91%E7%9A%84%E4%BD%8D%E7%BD%AE&fromcoord=CurrentLocation&to=${ENC}&tocoord=39.913345,116.384047&referer=jicha`,
    );
    expect(tencentUri(d, { platform: 'ios', tencentReferer: 'OB4BZ-KEY' })).toContain('&referer=OB4BZ-KEY');
  });
});

describe('geo: fallback', () => {
  it('keeps WGS-84 and labels the point', () => {
    expect(geoUri(d)).toBe(`geo:39.911954,116.377817?q=39.911954,116.377817(${ENC})`);
    expect(geoUri({ ...BEIJING, name: ' ' })).toBe('geo:39.911954,116.377817');
  });
});

describe('names that carry URI syntax', () => {
  it('are percent-encoded, and a "|" cannot split 百度\'s name:…|latlng:… pair', () => {
    const odd = { ...BEIJING, name: 'A&B|C=1 #2' };
    expect(amapUri(odd, { platform: 'android' })).toContain('&dname=A%26B%EF%BD%9CC%3D1%20%232&dev=0');
    const baidu = baiduUri(odd, { platform: 'android' });
    expect(baidu.split('|')).toHaveLength(2);
    expect(new URL(amapUri(odd, { platform: 'android' })).searchParams.get('dname')).toBe('A&B｜C=1 #2');
  });
  it('the query parses into the documented parameters', () => {
    const u = new URL(navigationUri('amap', d, { platform: 'android' }));
    expect(Object.fromEntries(u.searchParams)).toEqual({ sourceApplication: 'jicha', dlat: '39.913345', dlon: '116.384047', dname: NAME, dev: '0', t: '0' });
    const t = new URL(navigationUri('tencent', d, { platform: 'android' }));
    expect(t.searchParams.get('to')).toBe(NAME);
    expect(t.searchParams.get('from')).toBe('我的位置');
  });
});

describe('outside China', () => {
  it('hands the coordinates over unchanged (GCJ-02 = BD-09 = WGS-84 there)', () => {
    const paris = { lat: 48.858370, lon: 2.294481, name: 'Tour Eiffel' };
    expect(amapUri(paris, { platform: 'android' })).toContain('dlat=48.858370&dlon=2.294481');
    expect(baiduUri(paris, { platform: 'android' })).toContain('latlng:48.858370,2.294481');
  });
});

describe('platform', () => {
  it('is iOS for iPhone and touch Macs (iPadOS), Android otherwise', () => {
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' })).toBe('ios');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', maxTouchPoints: 5 })).toBe('ios');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', maxTouchPoints: 0 })).toBe('android');
    expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Linux; Android 11; PDA-X1)' })).toBe('android');
  });
});
