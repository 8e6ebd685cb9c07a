/**
 * `npm run scan -- page.html --url <platform URL> --json` then `npm run export`: the findings of 政务新媒体 pages are
 * filed under their accounts (two WeChat pages of one account are one account; never the platform's host), the CSV
 * names their 平台, the report counts them apart from websites.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanTarget } from '../../../cli/scan-target';
import { toJson } from '../../../cli/report';
import { REPO, spawnCli as run } from './spawn-cli';

const FIX = resolve(REPO, 'tests/fixtures/newmedia');
const dir = mkdtempSync(join(tmpdir(), 'govreview-nm-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scan = async (file: string, url: string, name: string) => {
  const out = await scanTarget(resolve(FIX, file), { today: '2026-11-22', links: false, asUrl: url });
  writeFileSync(join(dir, name), toJson(out));
  return out;
};

describe('npm run export of scanned 政务新媒体 pages', { timeout: 60_000 }, () => {
  it('files each page under its account, with its 平台, and counts accounts apart from websites', async () => {
    const a = await scan(
      'wechat-article.html',
      'https://mp.weixin.qq.com/s?__biz=MzA5NzYxMjM0NQ==&mid=2650012345&idx=1&sn=0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'a.json',
    );
    expect(a.newMedia).toMatchObject({ platform: 'wechat', pageKind: 'article', posts: [] });
    await scan('douyin-stale.html', 'https://www.douyin.com/user/MS4wLjABAAAAyunlingwenlv0123456789abcdefghijklmnopqrst', 'b.json');
    const r = await run('cli/export.ts', join(dir, 'a.json'), join(dir, 'b.json'), '--out', join(dir, 'out'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/网站 0 个，政务新媒体 2 个/);
    const rows = readFileSync(join(dir, 'out', 'findings.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    // 网站名称 is the account's name; 平台 the last column; no row is filed under a platform host.
    expect(rows.map((r) => [r.split(',')[2], r.split(',').at(-1)])).toEqual([
      ['云岭发布', '微信公众号'],
      ['云岭文旅', '抖音'],
    ]);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('抖音');
    expect(html).not.toContain('mp.weixin.qq.com</td>');
  });
});
