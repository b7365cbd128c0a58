// A small slice of the pilot's organisation (State Grid Hubei → Xianning) for the demo and tests.
export const DEMO_ORG_UNITS = [
  { id: 'HB', parentId: null, level: 'province', nameZh: '国网湖北省电力公司', nameEn: 'State Grid Hubei' },
  { id: 'HB.XN', parentId: 'HB', level: 'city', nameZh: '国网咸宁供电公司', nameEn: 'Xianning Power Supply Co.' },
  { id: 'HB.XN.XA', parentId: 'HB.XN', level: 'county', nameZh: '咸安区供电公司', nameEn: "Xian'an District Power Supply Co." },
  { id: 'HB.XN.XA.WQ', parentId: 'HB.XN.XA', level: 'station', nameZh: '温泉供电所', nameEn: 'Wenquan Supply Station' },
  { id: 'HB.XN.XA.WQ.G01', parentId: 'HB.XN.XA.WQ', level: 'grid', nameZh: '温泉一网格', nameEn: 'Wenquan Grid 1' },
  { id: 'HB.XN.XA.WQ.G02', parentId: 'HB.XN.XA.WQ', level: 'grid', nameZh: '温泉二网格', nameEn: 'Wenquan Grid 2' },
  { id: 'HB.XN.JY', parentId: 'HB.XN', level: 'county', nameZh: '嘉鱼县供电公司', nameEn: 'Jiayu County Power Supply Co.' },
  { id: 'HB.XN.JY.YY', parentId: 'HB.XN.JY', level: 'station', nameZh: '鱼岳供电所', nameEn: 'Yuyue Supply Station' },
  { id: 'HB.XN.JY.YY.G01', parentId: 'HB.XN.JY.YY', level: 'grid', nameZh: '鱼岳一网格', nameEn: 'Yuyue Grid 1' },
] as const;

/** The realm's demo users as terminal personnel (docker/keycloak/jicha-realm.json holds their logins). */
export const DEMO_PERSONNEL = [
  { username: 'inspector', displayName: '李稽查', role: 'inspector', orgUnitId: 'HB.XN.XA.WQ' },
  { username: 'inspector2', displayName: '王用检', role: 'inspector', orgUnitId: 'HB.XN.JY.YY' },
  { username: 'lead', displayName: '张所长', role: 'station_lead', orgUnitId: 'HB.XN.XA.WQ' },
  { username: 'supervisor', displayName: '陈专责', role: 'supervisor', orgUnitId: 'HB.XN' },
  { username: 'manager', displayName: '刘主任', role: 'manager', orgUnitId: 'HB.XN' },
  { username: 'admin', displayName: '赵管理员', role: 'admin', orgUnitId: 'HB' },
] as const;

export interface DemoCustomer {
  accountNo: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  tariffCategory: 'residential' | 'commercial' | 'general_industrial' | 'large_industrial' | 'agricultural';
  capacityKva: number;
  meterNo: string;
  whitelist: boolean;
  stationId: string;
  gridId: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙'];
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕', '国华', '文军', '丽华', '明', '红梅'];
const ROADS = ['温泉路', '桂花路', '青龙路', '金桂路', '永安大道', '长江路'];

/** Deterministic: the same customers on every machine, so tests can name them. */
export function demoCustomers(): DemoCustomer[] {
  const out: DemoCustomer[] = [
    // The pilot's April 2016 case: a "professional cooperative" on the residential tariff, really a restaurant.
    { accountNo: '4210000001', name: '咸安区金桂农民专业合作社', address: '咸宁市咸安区温泉路 88 号', lat: 29.8413, lon: 114.3223, tariffCategory: 'residential', capacityKva: 16, meterNo: 'M4210000001', whitelist: true, stationId: 'HB.XN.XA.WQ', gridId: 'HB.XN.XA.WQ.G01' },
  ];
  for (let i = 2; i <= 24; i += 1) {
    const jiayu = i > 18;
    const station = jiayu ? 'HB.XN.JY.YY' : 'HB.XN.XA.WQ';
    const grid = jiayu ? 'HB.XN.JY.YY.G01' : i % 2 ? 'HB.XN.XA.WQ.G01' : 'HB.XN.XA.WQ.G02';
    const tariff = (['residential', 'residential', 'residential', 'commercial', 'general_industrial', 'agricultural'] as const)[i % 6];
    const accountNo = `${jiayu ? '4212' : '4210'}${String(i).padStart(6, '0')}`;
    out.push({
      accountNo,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
      address: `${jiayu ? '咸宁市嘉鱼县鱼岳镇' : '咸宁市咸安区'}${ROADS[i % ROADS.length]} ${10 + i * 3} 号`,
      lat: (jiayu ? 29.9737 : 29.8527) + ((i * 37) % 100) / 10_000,
      lon: (jiayu ? 113.9394 : 114.3189) + ((i * 53) % 100) / 10_000,
      tariffCategory: tariff,
      capacityKva: tariff === 'residential' ? 8 : tariff === 'commercial' ? 50 : tariff === 'agricultural' ? 30 : 200,
      meterNo: `M${accountNo}`,
      whitelist: tariff === 'residential' && i % 5 === 0,
      stationId: station,
      gridId: grid,
    });
  }
  return out;
}
