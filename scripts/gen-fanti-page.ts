/**
 * Builds assets/demo-site/fanti.html: the 繁體 version of xcdt.html, as a site's 简/繁 switch shows it (its
 * text and <meta content> converted with OpenCC's s2t tables, scripts/opencc.ts; the markup as it was).
 * Usage: npx tsx scripts/gen-fanti-page.ts [--check]  (--check: fail if the committed page is stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toTraditional } from './opencc';

const SITE = resolve(dirname(fileURLToPath(import.meta.url)), '../assets/demo-site');
export const FANTI_PAGE = resolve(SITE, 'fanti.html');

/** xcdt.html in traditional characters: text between tags and <meta content> converted, the markup kept. */
export function fantiPage(xcdt = readFileSync(resolve(SITE, 'xcdt.html'), 'utf8')): string {
  return xcdt
    .replace(/>([^<]+)</g, (_m, text: string) => `>${toTraditional(text)}<`)
    .replace(/content="([^"]*)"/g, (_m, content: string) => `content="${toTraditional(content)}"`)
    .replace('lang="zh-CN"', 'lang="zh-Hant"');
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    process.stdout.write('usage: npx tsx scripts/gen-fanti-page.ts [--check]\n');
    return;
  }
  const page = fantiPage();
  if (args.includes('--check')) {
    if (readFileSync(FANTI_PAGE, 'utf8') !== page) {
      process.stderr.write('gen-fanti-page: assets/demo-site/fanti.html is stale: run npx tsx scripts/gen-fanti-page.ts\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(FANTI_PAGE, page);
  process.stdout.write(`wrote ${FANTI_PAGE}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
