import type { HolidayRange, MakeupDay } from './calendarModel';

// Reads the State Council General Office's yearly notice (国务院办公厅关于某年部分节假日安排的通知) as pasted by an admin:
//   一、元旦：1月1日（周五）至3日（周日）放假，共3天。
//   二、春节：2月5日（农历除夕）至11日（农历正月初七）放假调休，共7天。2月13日（星期六）、2月20日（星期六）上班。
// Each numbered line gives one holiday range and its make-up working days. The editor shows the result before anything
// is published, so a line read wrongly is seen (and lines not understood are reported, never guessed).

const NUMBERED = /^[一二三四五六七八九十]+[、.．]\s*([^：:]{1,40})[：:](.*)$/;
const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g;
const RANGE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:至(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日)?(?:放假|休息)/;
const WORKED = /((?:(?:\d{4}年)?\d{1,2}月\d{1,2}日[、，,和及]?)+)(?:上班|正常上班)/g;

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export interface ParsedNotice {
  holidays: HolidayRange[];
  makeups: MakeupDay[];
  /** Numbered lines with no holiday range in them. */
  unread: string[];
}

export function parseNotice(text: string, year: number): ParsedNotice {
  const out: ParsedNotice = { holidays: [], makeups: [], unread: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const numbered = NUMBERED.exec(line);
    if (!numbered) continue; // the title, the greeting, the closing lines
    const name = numbered[1]!.trim();
    // weekdays and lunar dates in brackets say nothing the dates do not
    const rest = numbered[2]!.replace(/（[^）]*）|\([^)]*\)/g, '');
    const range = RANGE.exec(rest);
    if (!range) {
      out.unread.push(line);
      continue;
    }
    const y1 = range[1] ? Number(range[1]) : year;
    const m1 = Number(range[2]);
    const d1 = Number(range[3]);
    const m2 = range[5] ? Number(range[5]) : m1;
    const d2 = range[6] ? Number(range[6]) : d1;
    // a range that runs into the next year (12月31日至1月2日) without saying so
    const y2 = range[4] ? Number(range[4]) : m2 < m1 ? y1 + 1 : y1;
    out.holidays.push({ name, from: iso(y1, m1, d1), to: iso(y2, m2, d2) });
    for (const worked of rest.matchAll(WORKED)) {
      for (const date of worked[1]!.matchAll(DATE)) {
        out.makeups.push({ name, date: iso(date[1] ? Number(date[1]) : year, Number(date[2]), Number(date[3])) });
      }
    }
  }
  return out;
}
