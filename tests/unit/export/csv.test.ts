import { describe, expect, it } from 'vitest';
import { beijingTime, CSV_BOM, CSV_COLUMNS, csvCell, findingsCsv } from '../../../lib/export/csv';
import { finding, site } from './factory';

/** RFC 4180 reader, enough to read our own output back. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && s[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['中文原文', '中文原文'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\r=x', `"'\r=x"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('numbers are not neutralised and undefined is empty', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('findingsCsv', () => {
  it('starts with the BOM, has exactly the columns, CRLF rows and reads back cell for cell', () => {
    const f = finding({ text: '他说："按装"，\n然后', suggestion: '=安装', screenshot: '截图 1.png', status: '已确认', note: '+已电话告知' });
    const csv = findingsCsv([site()], [f]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[0].join(',')).toBe(
      '序号,县（区）/部门,网站名称,网站标识码,问题页面网址,问题类型,问题描述,原文,建议,严重程度,状态,发现时间,截图文件名,备注,平台',
    );
    expect(rows[1]).toEqual([
      '1',
      '临沧',
      '临沧市人民政府',
      '5309000044',
      'https://www.lincang.gov.cn/zwgk/index.html',
      '错别字',
      '疑似错别字：按装 → 安装',
      '他说："按装"，\n然后',
      "'=安装",
      '扣分',
      '已确认',
      '2026-11-20 16:00', // 08:00 UTC is 16:00 in Beijing
      '截图 1.png',
      "'+已电话告知",
      '', // 平台: a website has none
    ]);
    expect(rows).toHaveLength(2);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('a finding of an unknown site keeps its row with empty site cells', () => {
    const rows = parseCsv(findingsCsv([], [finding({ siteId: 'nowhere' })]).slice(1));
    expect(rows[1].slice(0, 5)).toEqual(['1', '', '', '', 'https://www.lincang.gov.cn/zwgk/index.html']);
  });

  it('prints 发现时间 in Beijing time across midnight and the year, and leaves a value it cannot read as it is', () => {
    expect(beijingTime('2026-12-31T17:30:00.000Z')).toBe('2027-01-01 01:30');
    expect(beijingTime('2026-11-20T15:59:59.000Z')).toBe('2026-11-20 23:59');
    expect(beijingTime('昨天')).toBe('昨天');
  });

  it('UTF-8 bytes begin EF BB BF', () => {
    const bytes = new TextEncoder().encode(findingsCsv([site()], []));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
