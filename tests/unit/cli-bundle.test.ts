/**
 * The built CLI (scripts/build-cli.mjs → dist/cli/*.mjs): what `npm run scan` / `npm run export` run. Spawns
 * the bundle with plain Node (no tsx) and checks the contract of --help and bad flags, and that commands that
 * need no segmentation never load jieba-wasm, the language model or the English dictionary.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePath, CLI_ENTRIES, staleReason } from '../../scripts/build-cli.mjs';

const REPO = resolve(__dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((done) => {
    const p = spawn(process.execPath, args, { cwd: opts.cwd ?? REPO, env: { ...process.env, GOVREVIEW_DEBUG: '', ...opts.env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/**
 * A preload (`node --import probe.mjs …`) that records every file read with fs.readFileSync (jieba-wasm reads
 * its .wasm so, the CLI its model and dictionary-en's files) and every CommonJS module loaded, into $PROBE_OUT.
 */
const PROBE = `
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const reads = [];
const readFileSync = fs.readFileSync;
const writeFileSync = fs.writeFileSync;
fs.readFileSync = function (file, ...rest) {
  reads.push(String(file instanceof URL ? file.pathname : file));
  return readFileSync.call(this, file, ...rest);
};
syncBuiltinESMExports();
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => writeFileSync(process.env.PROBE_OUT, JSON.stringify({ reads, cjs: Object.keys(cache) })));
`;

let dir: string;
let build: ReturnType<typeof spawnSync>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'govreview-cli-bundle-'));
  writeFileSync(join(dir, 'probe.mjs'), PROBE);
  writeFileSync(join(dir, 'notice.txt'), '关于做好冬季防火工作的通知\n各单位要认真落实安全责任。\n');
  build = spawnSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO, encoding: 'utf8' });
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a command with the probe; returns the run and what it read and loaded. */
async function probed(args: string[], cwd?: string): Promise<Run & { reads: string[]; cjs: string[] }> {
  const out = join(dir, `probe-${Math.random().toString(36).slice(2)}.json`);
  const r = await run(['--import', join(dir, 'probe.mjs'), ...args], { cwd, env: { PROBE_OUT: out } });
  return { ...r, ...(JSON.parse(readFileSync(out, 'utf8')) as { reads: string[]; cjs: string[] }) };
}

const LAZY = /jieba|zh-lm(-neighbours)?\.bin|dictionary-en/;

describe('node scripts/build-cli.mjs', () => {
  it('writes dist/cli/<name>.mjs for every CLI command and leaves the bundle fresh', () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(CLI_ENTRIES).toEqual(expect.arrayContaining(['scan', 'export']));
    for (const name of CLI_ENTRIES) expect(existsSync(bundlePath(name))).toBe(true);
    expect(staleReason()).toBe('');
  });
});

describe('the bundled CLI, run by plain Node', () => {
  it('scan --help prints the usage on stdout and exits 0', async () => {
    const r = await run([bundlePath('scan'), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run scan -- <url \| page\.html \| text\.txt>/);
    expect(r.stdout).toMatch(/--no-links/);
    expect(r.stderr).toBe('');
  });

  it('a wrong flag exits 2 with one line on stderr and nothing on stdout', async () => {
    const r = await run([bundlePath('scan'), 'x.html', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^govreview: unknown option --frobnicate/)]);
    const e = await run([bundlePath('export'), 'a.json', '--frobnicate']);
    expect(e.code).toBe(2);
    expect(e.stdout).toBe('');
    expect(e.stderr).toMatch(/^govreview: unknown option --frobnicate/);
  });

  it('export --help and scan --help load neither jieba, the language model nor the dictionary', async () => {
    const exp = await probed([bundlePath('export'), '--help']);
    expect(exp.code).toBe(0);
    expect(exp.stdout).toMatch(/^usage: npm run export -- /);
    expect(exp.stderr).toBe('');
    expect(exp.reads.filter((f) => LAZY.test(f))).toEqual([]);
    expect(exp.cjs.filter((f) => LAZY.test(f))).toEqual([]);
    const scan = await probed([bundlePath('scan'), '--help']);
    expect(scan.code).toBe(0);
    expect([...scan.reads, ...scan.cjs].filter((f) => LAZY.test(f))).toEqual([]);
  });

  it('a scan loads jieba and the model (the probe sees them), from the project whatever the working folder', async () => {
    const r = await probed([bundlePath('scan'), join(dir, 'notice.txt'), '--json', '--today', '2026-11-22'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).today).toBe('2026-11-22');
    expect(r.reads).toContain(resolve(REPO, 'lib/data/lm/zh-lm.bin'));
    expect(r.reads).toContain(resolve(REPO, 'lib/data/lm/zh-lm-neighbours.bin'));
    expect(r.reads.some((f) => f.endsWith('jieba_rs_wasm_bg.wasm'))).toBe(true);
    expect(r.cjs.some((f) => f.includes('node_modules/jieba-wasm/'))).toBe(true);
  });

  it('export merges what scan --json printed into the files (fflate, Dexie and the report bundled)', async () => {
    const scan = await run([bundlePath('scan'), resolve(REPO, 'assets/demo-site/dibao.html'), '--json', '--no-links', '--today', '2026-11-22']);
    expect(scan.code).toBe(0);
    writeFileSync(join(dir, 'scan.json'), scan.stdout);
    const out = join(dir, 'export');
    const r = await run([bundlePath('export'), join(dir, 'scan.json'), '--out', out, '--today', '2026-11-22']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2026年第四季度：网站 1 个，问题 3 处/);
    for (const f of ['findings.csv', 'report.html', 'govreview-export.zip']) expect(existsSync(join(out, f))).toBe(true);
  });

  it('node cli/run.mjs (what the npm scripts run) runs the named command', async () => {
    const r = await run([resolve(REPO, 'cli/run.mjs'), 'export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run export -- /);
    const bad = await run([resolve(REPO, 'cli/run.mjs'), 'frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: node cli\/run\.mjs <scan\|export\|crawl>/);
  });
});
