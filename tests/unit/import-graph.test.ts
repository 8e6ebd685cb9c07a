/**
 * The house's rooms, read from the import graph: lib/ runs in the browser and in Node alike, so it never
 * imports the extension's entrypoints, its UI components or the CLI; and no module imports itself through
 * others (no cycle, type-only imports included: a cycle of types is a knot in the design all the same).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SOURCE_DIRS = ['lib', 'entrypoints', 'components', 'cli'];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '/index.ts', '/index.tsx', ''];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Project files a module imports (static, dynamic and type-only), as paths from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    const spec = m[1] ?? m[2] ?? m[3];
    let base: string;
    if (spec.startsWith('@/')) base = join(ROOT, spec.slice(2));
    else if (spec.startsWith('.')) base = resolve(dirname(file), spec);
    else continue;
    const hit = EXTENSIONS.map((e) => base + e).find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) out.push(relative(ROOT, hit));
  }
  return out;
}

const files = SOURCE_DIRS.flatMap((d) => walk(join(ROOT, d)));
const graph = new Map(files.map((f) => [relative(ROOT, f), importsOf(f)]));

/** Every cycle's first edge found by depth-first search (each as the path that closes it). */
function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const m of g.get(n) ?? []) {
      if (!g.has(m)) continue;
      if (state.get(m) === 1) found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('the import graph', () => {
  it('reads imports: the parser finds what a known module imports', () => {
    expect(graph.get('lib/extension/protocol.ts')).toContain('lib/extension/settings.ts');
    expect(graph.size).toBeGreaterThan(100);
  });

  it('finds a cycle when there is one (the search itself)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('lib/ never imports the entrypoints, the components or the CLI', () => {
    const upward = [...graph].flatMap(([f, deps]) => (f.startsWith('lib/') ? deps.filter((d) => !d.startsWith('lib/')).map((d) => `${f} → ${d}`) : []));
    expect(upward).toEqual([]);
  });

  it('the components hold no network or check code: no checks, no engine run, no fetch', () => {
    const offending = [...graph].flatMap(([f, deps]) =>
      f.startsWith('components/')
        ? deps.filter((d) => d.startsWith('lib/checks/') || d === 'lib/engine/engine.ts' || d.startsWith('lib/links/')).map((d) => `${f} → ${d}`)
        : [],
    );
    const fetching = files
      .filter((f) => relative(ROOT, f).startsWith('components/') && /\bfetch\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect({ offending, fetching }).toEqual({ offending: [], fetching: [] });
  });
});
