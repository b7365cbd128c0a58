import { describe, expect, it } from 'vitest';
import { parseNotice } from './noticeParser';
import { validateDraft } from './calendarModel';

// Lines in the wording of the yearly notice (title, numbered lines, closing); the dates serve as an example.
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
  一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
  二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
  八、中秋节：另行通知。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。`;

describe('parseNotice', () => {
  it('reads each numbered line as a holiday range and its make-up working days', () => {
    const parsed = parseNotice(NOTICE_2026, 2026);
    expect(parsed.holidays).toEqual([
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ]);
    expect(parsed.makeups).toEqual([
      { name: '元旦', date: '2026-01-04' },
      { name: '春节', date: '2026-02-14' },
      { name: '春节', date: '2026-02-28' },
      { name: '国庆节', date: '2026-09-20' },
      { name: '国庆节', date: '2026-10-10' },
    ]);
    expect(parsed.unread).toEqual(['八、中秋节：另行通知。']);
    expect(validateDraft({ year: 2026, ...parsed })).toEqual([]);
  });

  it('reads a single day, a range across months and one across the year end', () => {
    const parsed = parseNotice('一、清明节：4月5日放假，共1天。\n二、劳动节：4月30日至5月4日放假。\n三、元旦：2027年12月31日至1月2日放假。', 2027);
    expect(parsed.holidays).toEqual([
      { name: '清明节', from: '2027-04-05', to: '2027-04-05' },
      { name: '劳动节', from: '2027-04-30', to: '2027-05-04' },
      { name: '元旦', from: '2027-12-31', to: '2028-01-02' },
    ]);
    expect(parsed.makeups).toEqual([]);
  });
});
