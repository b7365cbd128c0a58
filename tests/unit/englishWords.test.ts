import { englishWords } from '../support/englishWords';

describe('englishWords: English from the workflow or the API on a zh-CN page (#16)', () => {
  it('finds the sentences the issue saw leak into Chinese pages', () => {
    expect(englishWords('派单失败：inspector2 is not an inspector of station HB.XN.XA.WQ.')).toEqual(['is', 'not', 'an', 'inspector', 'of', 'station']);
    expect(englishWords('考核明细 fieldOnTime 现场核查')).toEqual(['fieldOnTime']);
    expect(englishWords('改类：residential → commercial')).toEqual(['residential', 'commercial']);
    expect(englishWords('The dismiss step has invalid fields.')).toEqual(['The', 'dismiss', 'step', 'has', 'invalid', 'fields']);
    expect(englishWords('提醒 Deadline 2026-12-04T08:00:00Z approaching for lead1 (rectification)')).toEqual(['Deadline', 'approaching', 'for', 'rectification']);
    expect(englishWords('状态 WrongStage')).toEqual(['WrongStage']);
    expect(englishWords('类型 escalation_tier1')).toEqual(['escalation_tier1']);
    expect(englishWords('差额电费 = 0.2 yuan/kWh')).toEqual(['yuan']);
  });

  it('lets ids, codes, units, acronyms, URLs, file names and brand names through', () => {
    const page = [
      '工单号 JC-2026-000123 户号 4200123456 供电所 HB.XN.XA.WQ 规则 THEFT_DROP 版本 v2024.1',
      '处理人 inspector2 月用电量 1,200 kWh 容量 315 kVA 距离 1.2 km 精度 12 m',
      '照片 IMG_0001.jpg 定位 GPS 拍摄信息 EXIF 终端 ID 地图 MapLibre © OpenStreetMap',
      '下载 https://example.org/a/b?x=1 联系 ops@example.org 系统 SG186 A 区',
    ].join('\n');
    expect(englishWords(page)).toEqual([]);
  });

  it('names each word once, in the order met, and takes a test\'s own allowed words', () => {
    expect(englishWords('case 工单 case closed', { allow: ['closed'] })).toEqual(['case']);
  });

  it('finds nothing in a Chinese page', () => {
    expect(englishWords('稽查工单 待办人 李稽查（温泉供电所） 剩余 3 个工作日 居民生活用电 → 一般工商业用电')).toEqual([]);
  });
});
