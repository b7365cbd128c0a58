// Hubei's organisation as the province bench generates it: the 17 prefecture-level units (cities, 恩施州 and the
// four directly administered units) with their 103 county-level units, as they are named in addresses. Codes follow
// the materialised-path scheme (HB.XN.XA.WQ); Xianning keeps the demo's XA/JY (and their WQ/YY stations) so the
// demo's ids exist in the bench database too, the other counties are numbered.

export interface BenchCity {
  code: string;
  /** As written in an address after 湖北省. */
  addressZh: string;
  nameEn: string;
  /** County-level units as written in an address; a directly administered city is its own single county. */
  counties: string[];
}

export const HUBEI: BenchCity[] = [
  { code: 'WH', addressZh: '武汉市', nameEn: 'Wuhan', counties: ['江岸区', '江汉区', '硚口区', '汉阳区', '武昌区', '青山区', '洪山区', '东西湖区', '汉南区', '蔡甸区', '江夏区', '黄陂区', '新洲区'] },
  { code: 'HS', addressZh: '黄石市', nameEn: 'Huangshi', counties: ['黄石港区', '西塞山区', '下陆区', '铁山区', '阳新县', '大冶市'] },
  { code: 'SY', addressZh: '十堰市', nameEn: 'Shiyan', counties: ['茅箭区', '张湾区', '郧阳区', '郧西县', '竹山县', '竹溪县', '房县', '丹江口市'] },
  { code: 'YC', addressZh: '宜昌市', nameEn: 'Yichang', counties: ['西陵区', '伍家岗区', '点军区', '猇亭区', '夷陵区', '远安县', '兴山县', '秭归县', '长阳土家族自治县', '五峰土家族自治县', '宜都市', '当阳市', '枝江市'] },
  { code: 'XY', addressZh: '襄阳市', nameEn: 'Xiangyang', counties: ['襄城区', '樊城区', '襄州区', '南漳县', '谷城县', '保康县', '老河口市', '枣阳市', '宜城市'] },
  { code: 'EZ', addressZh: '鄂州市', nameEn: 'Ezhou', counties: ['梁子湖区', '华容区', '鄂城区'] },
  { code: 'JM', addressZh: '荆门市', nameEn: 'Jingmen', counties: ['东宝区', '掇刀区', '沙洋县', '钟祥市', '京山市'] },
  { code: 'XG', addressZh: '孝感市', nameEn: 'Xiaogan', counties: ['孝南区', '孝昌县', '大悟县', '云梦县', '应城市', '安陆市', '汉川市'] },
  { code: 'JZ', addressZh: '荆州市', nameEn: 'Jingzhou', counties: ['沙市区', '荆州区', '公安县', '监利市', '江陵县', '石首市', '洪湖市', '松滋市'] },
  { code: 'HG', addressZh: '黄冈市', nameEn: 'Huanggang', counties: ['黄州区', '团风县', '红安县', '罗田县', '英山县', '浠水县', '蕲春县', '黄梅县', '麻城市', '武穴市'] },
  { code: 'XN', addressZh: '咸宁市', nameEn: 'Xianning', counties: ['咸安区', '嘉鱼县', '通城县', '崇阳县', '通山县', '赤壁市'] },
  { code: 'SZ', addressZh: '随州市', nameEn: 'Suizhou', counties: ['曾都区', '随县', '广水市'] },
  { code: 'ES', addressZh: '恩施土家族苗族自治州', nameEn: 'Enshi', counties: ['恩施市', '利川市', '建始县', '巴东县', '宣恩县', '咸丰县', '来凤县', '鹤峰县'] },
  { code: 'XT', addressZh: '仙桃市', nameEn: 'Xiantao', counties: ['仙桃市'] },
  { code: 'QJ', addressZh: '潜江市', nameEn: 'Qianjiang', counties: ['潜江市'] },
  { code: 'TM', addressZh: '天门市', nameEn: 'Tianmen', counties: ['天门市'] },
  { code: 'SNJ', addressZh: '神农架林区', nameEn: 'Shennongjia', counties: ['神农架林区'] },
];

/** Town names for supply stations (供电所) and street offices (街道). */
export const TOWNS = ['城关', '新华', '永安', '和平', '金桥', '青山', '白沙', '长岭', '石桥', '柳林', '桂花', '横沟', '马桥', '向阳', '红旗',
  '东港', '西河', '南湖', '北山', '双溪', '三里', '花园', '龙泉', '高桥', '杨林', '黄湖', '清水', '大坪', '官桥', '汀泗', '贺胜', '双溪桥', '鱼岳', '温泉'];

export interface BenchOrgUnit { id: string; parentId: string | null; level: 'province' | 'city' | 'county' | 'station'; nameZh: string; nameEn: string; cityAddress: string; countyAddress: string }

/** The province, its cities, counties and 8–12 stations per county (about 1,000): deterministic. */
export function hubeiOrgUnits(): BenchOrgUnit[] {
  const out: BenchOrgUnit[] = [{ id: 'HB', parentId: null, level: 'province', nameZh: '国网湖北省电力有限公司', nameEn: 'State Grid Hubei', cityAddress: '', countyAddress: '' }];
  let countyNo = 0;
  for (const city of HUBEI) {
    const cityId = `HB.${city.code}`;
    const cityZh = city.addressZh.replace(/(市|土家族苗族自治州|林区)$/, '');
    out.push({ id: cityId, parentId: 'HB', level: 'city', nameZh: `国网${cityZh}供电公司`, nameEn: `${city.nameEn} Power Supply Co.`, cityAddress: city.addressZh, countyAddress: '' });
    city.counties.forEach((county, ci) => {
      countyNo += 1;
      const demo = city.code === 'XN' && ci < 2 ? (['XA', 'JY'] as const)[ci] : null;
      const countyId = `${cityId}.${demo ?? `Q${String(ci + 1).padStart(2, '0')}`}`;
      out.push({ id: countyId, parentId: cityId, level: 'county', nameZh: `${county}供电公司`, nameEn: `${city.nameEn} county ${ci + 1} Power Supply Co.`, cityAddress: city.addressZh, countyAddress: county });
      const stations = 8 + ((countyNo * 7) % 5);
      for (let s = 0; s < stations; s += 1) {
        const code = demo && s === 0 ? (demo === 'XA' ? 'WQ' : 'YY') : `S${String(s + 1).padStart(2, '0')}`;
        const town = demo && s === 0 ? (demo === 'XA' ? '温泉' : '鱼岳') : TOWNS[(countyNo * 5 + s) % TOWNS.length];
        out.push({ id: `${countyId}.${code}`, parentId: countyId, level: 'station', nameZh: `${town}供电所`, nameEn: `${city.nameEn} county ${ci + 1} station ${s + 1}`, cityAddress: city.addressZh, countyAddress: county });
      }
    });
  }
  return out;
}
