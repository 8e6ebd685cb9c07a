/**
 * The crawl itself, once its arguments and sites are read (cli/crawl.ts): opens the state (cli/sqlite-store.ts),
 * sweeps the sites (lib/sweep; up to PARALLEL_SITES at once, never two on one host), writes each site's
 * pages.jsonl as it ends and the summary at the end (cli/crawl-output.ts), and shows progress: one updating line
 * per site on a terminal, or JSON lines on stdout with --json.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { checks } from '../lib/checks';
import { runSweep, type SweepResources } from '../lib/sweep/sweep';
import type { PageResult, SweepProgress } from '../lib/sweep/types';
import type { CrawlArgs } from './crawl-args';
import {
  accessCell,
  type NotSwept,
  pagesJsonl,
  rollupJson,
  type SiteSummary,
  stableOrder,
  summarize,
  summaryCsv,
  visitsCell,
  writeAtomic,
} from './crawl-output';
import { type CrawlSite, type SiteList, type SkippedLine, shareHost } from './crawl-sites';
import { loadNodeJieba } from './node-jieba';
import { loadNodeLanguageModel } from './node-language-model';
import { nodeSpeller } from './node-speller';
import { parseDocument } from './scan-target';
import { CrawlState, type Visit } from './sqlite-store';

/** Sites swept at once (each on hosts of its own, each with its own per-host cap). */
export const PARALLEL_SITES = 3;

/** Where the crawl writes and what stops it (the process's streams and signals, or a test's). */
export interface CrawlIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stderr is a terminal: progress lines update in place. */
  tty: boolean;
  columns(): number;
  signal?: AbortSignal;
  /** Tests substitute the network (default: undici, one connection pool of --per-host connections per origin). */
  fetch?: typeof globalThis.fetch;
}

/** How a crawl ended: its exit code, the sites swept, the lines skipped, the sites not swept. */
export interface CrawlOutcome {
  code: number;
  sites: SiteSummary[];
  skipped: SkippedLine[];
  notSwept: NotSwept[];
}

/** The crawl's lines in each language (the queue's coordinator, cli/crawl-queue.ts, prints the same). */
export const T = {
  'zh-CN': {
    skipped: (s: SkippedLine) => `跳过 sites.csv 第 ${s.line} 行（${s.name || s.url || '空行'}）：${s.reason}`,
    progress: (label: string, p: SweepProgress) => `${label}：已巡检 ${p.done} 页，待巡检 ${p.queued} 页，栏目 ${p.columns} 个，问题 ${p.findings} 处`,
    unreachable: (label: string, why: string) => `✗ ${label}：无法访问（${why}）`,
    done: (label: string, s: SiteSummary) =>
      `✓ ${label}：页面 ${s.rollup.pages.done} 个（失败 ${s.rollup.pages.failed}），栏目 ${s.rollup.columns.length} 个（不更新 ${s.rollup.staleColumns.length}，空白 ${s.rollup.blankColumns.length}），问题 ${s.rollup.findings.length} 处，${s.score.result}${s.score.score === null ? '' : ` ${s.score.score} 分`}`,
    stopped: (label: string, pending: number) => `… ${label}：已停止，待巡检 ${pending} 页（再次运行同一命令继续）`,
    failed: (label: string, msg: string) => `✗ ${label}：巡检出错（${msg}）`,
    visits: (cell: string) => `站点无法访问：${cell}`,
    total: (sites: number, skipped: number, pages: number, findings: number, unreachable: number, out: string) =>
      `巡检网站 ${sites} 个${skipped ? `（跳过 ${skipped} 行）` : ''}，页面 ${pages} 个，问题 ${findings} 处，无法访问 ${unreachable} 个 → ${out}`,
  },
  en: {
    skipped: (s: SkippedLine) => `skipped line ${s.line} of sites.csv (${s.name || s.url || 'empty'}): ${s.reason}`,
    progress: (label: string, p: SweepProgress) => `${label}: ${p.done} pages done, ${p.queued} queued, ${p.columns} columns, ${p.findings} findings`,
    unreachable: (label: string, why: string) => `✗ ${label}: unreachable (${why})`,
    done: (label: string, s: SiteSummary) =>
      `✓ ${label}: ${s.rollup.pages.done} pages (${s.rollup.pages.failed} failed), ${s.rollup.columns.length} columns (${s.rollup.staleColumns.length} stale, ${s.rollup.blankColumns.length} blank), ${s.rollup.findings.length} findings, ${s.score.result}${s.score.score === null ? '' : ` ${s.score.score}`}`,
    stopped: (label: string, pending: number) => `… ${label}: stopped, ${pending} pages left (run the same command again to continue)`,
    failed: (label: string, msg: string) => `✗ ${label}: sweep failed (${msg})`,
    visits: (cell: string) => `site unreachable rate: ${cell}`,
    total: (sites: number, skipped: number, pages: number, findings: number, unreachable: number, out: string) =>
      `${sites} sites swept${skipped ? ` (${skipped} lines skipped)` : ''}, ${pages} pages, ${findings} findings, ${unreachable} unreachable → ${out}`,
  },
} as const;

/** Display width on a terminal: CJK and full-width characters take two columns. */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;
function fitWidth(text: string, width: number): string {
  let w = 0;
  let out = '';
  for (const ch of text) {
    w += WIDE.test(ch) ? 2 : 1;
    if (w > width) return `${out}…`;
    out += ch;
  }
  return out;
}

/**
 * The progress on stderr: on a terminal, one line per site being swept, rewritten in place (at most ten times a
 * second), with the lines that stay (a site done, a line skipped) printed above them; elsewhere only those.
 */
export class ProgressLines {
  private readonly live = new Map<string, string>();
  private drawn = 0;
  private last = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly io: CrawlIo) {}

  set(key: string, text: string): void {
    if (!this.io.tty) return;
    this.live.set(key, text);
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.draw([]);
      },
      Math.max(0, 100 - (Date.now() - this.last)),
    );
  }

  /** A line that stays; `key`'s live line, if any, goes. */
  print(text: string, key?: string): void {
    if (key) this.live.delete(key);
    this.draw([text]);
  }

  end(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.live.clear();
    this.draw([]);
  }

  private draw(stay: string[]): void {
    if (!this.io.tty) {
      for (const t of stay) this.io.stderr(`${t}\n`);
      return;
    }
    let s = this.drawn ? `\r\x1b[${this.drawn}A` : '\r';
    for (const t of stay) s += `\x1b[2K${t}\n`;
    const width = Math.max(20, this.io.columns() - 1);
    for (const t of this.live.values()) s += `\x1b[2K${fitWidth(t, width)}\n`;
    s += '\x1b[J';
    this.drawn = this.live.size;
    this.last = Date.now();
    this.io.stderr(s);
  }
}

/** Sweeps the listed sites into the state and writes the outputs. Never throws for one site's failure. */
export async function runCrawl(args: CrawlArgs, list: SiteList, io: CrawlIo): Promise<CrawlOutcome> {
  const t = T[args.lang];
  const progress = new ProgressLines(io);
  const emit = (obj: object) => {
    if (args.json) io.stdout(`${JSON.stringify(obj)}\n`);
  };
  for (const s of list.skipped) {
    progress.print(t.skipped(s));
    emit({ type: 'skipped', line: s.line, name: s.name, url: s.url, reason: s.reason });
  }

  const state = CrawlState.open(args.state, { lock: true });
  const started = new Date();
  const dispatcher = new Agent({ connections: args.perHost });
  const sites: SiteSummary[] = [];
  const notSwept: NotSwept[] = [];
  let failures = 0;
  try {
    const run = {
      id: state.startRun(
        {
          target: args.target,
          today: args.today,
          maxPages: args.maxPages,
          perHost: args.perHost,
          delayMs: args.delayMs,
          articles: args.articles,
          links: args.links,
          fresh: args.fresh,
        },
        started,
      ),
      started: started.toISOString(),
    };
    // --fresh forgets the listed sites' sweeps; a site whose home page did not open is tried again (a new visit:
    // its sweep held nothing else). Whether any page is to be fetched decides the preloading below.
    let work = false;
    for (const s of list.sites) {
      if (args.fresh) {
        state.forget(s.key);
        await rm(join(args.out, s.slug, 'pages.jsonl'), { force: true });
        work = true;
        continue;
      }
      const store = state.store(s.key, args.today);
      const home = (await store.results()).find((r) => r.kind === 'home');
      const failed = !!home && home.outcome !== 'ok' && home.outcome !== 'too-large';
      if (failed) state.forget(s.key, args.today);
      work ||= !home || failed || (await store.pending()) > 0;
    }
    // One connection pool for every site: the per-host cap holds for hosts that several sites link to.
    const fetch =
      io.fetch ??
      (((input: RequestInfo | URL, init?: RequestInit) =>
        undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof globalThis.fetch);
    const resources = async (): Promise<SweepResources> => ({
      segmenter: await loadNodeJieba(),
      languageModel: loadNodeLanguageModel(),
      speller: nodeSpeller(),
    });
    // jieba and the model load before the first request: loading blocks the event loop for a second, which would
    // count in the home page's time (站点无法访问 is about time). Not when every sweep is done already.
    if (work) await resources();

    const sweepSite = async (s: CrawlSite): Promise<void> => {
      const label = s.site.name || new URL(s.key).host;
      const store = state.store(s.key, args.today, run);
      progress.set(s.key, t.progress(label, { site: label, done: 0, queued: 0, columns: 0, findings: 0 }));
      try {
        const results = await runSweep(s.site, {
          today: args.today,
          fetch,
          parse: parseDocument,
          checks,
          resources,
          store,
          perHost: args.perHost,
          delayMs: args.delayMs,
          maxPages: args.maxPages,
          articlesPerColumn: args.articles,
          checkLinks: args.links,
          signal: io.signal,
          onProgress: (p) => progress.set(s.key, t.progress(label, p)),
          onPage: (r) =>
            emit({ type: 'page', site: label, url: r.url, kind: r.kind, outcome: r.outcome, findings: r.findings.length, ...(r.error && { error: r.error }) }),
        });
        const pending = await store.pending();
        const summary = await siteSummary(args, s, results, state.visits(s.key), pending);
        sites.push(summary);
        progress.print(siteLine(t, label, summary), s.key);
        emit({ type: 'site', ...rollupJson(summary) });
      } catch (err) {
        failures++;
        const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
        notSwept.push({ line: s.line, slug: s.slug, site: s.site, reason: `巡检出错：${msg}` });
        progress.print(t.failed(label, msg), s.key);
        emit({ type: 'site', line: s.line, slug: s.slug, site: s.site, error: msg });
      }
    };

    // Sites in list order, up to PARALLEL_SITES at once, never two sharing a host (each has its own per-host cap).
    const waiting = [...list.sites];
    const active = new Set<CrawlSite>();
    const running = new Set<Promise<void>>();
    while (waiting.length || running.size) {
      for (let i = 0; !io.signal?.aborted && i < waiting.length && active.size < PARALLEL_SITES; ) {
        const s = waiting[i];
        if ([...active].some((a) => shareHost(a, s))) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        active.add(s);
        const p: Promise<void> = sweepSite(s).finally(() => {
          active.delete(s);
          running.delete(p);
        });
        running.add(p);
      }
      if (!running.size) break;
      await Promise.race(running);
    }
    for (const s of waiting) notSwept.push({ line: s.line, slug: s.slug, site: s.site, reason: '巡检已停止' });
  } finally {
    progress.end();
    state.close();
    await dispatcher.close().catch(() => undefined);
  }

  await writeSummary(args, list, sites, notSwept, { state: args.state });
  if (!args.json) io.stdout(`${totalLine(t, args, list, sites)}\n`);
  const stopped = !!io.signal?.aborted && (notSwept.length > failures || sites.some((s) => s.pending));
  return { code: failures ? 3 : stopped ? 130 : 0, sites, skipped: list.skipped, notSwept };
}

/**
 * Writes a site's pages.jsonl and returns its summary. A site with no page done has no file (an empty one would
 * stop `npm run export` of the crawl's files). `results` in any order: they are put in a stable one, so that a
 * resumed crawl rolls up (columns, findings) as an uninterrupted one.
 */
export async function siteSummary(
  args: CrawlArgs,
  s: CrawlSite,
  results: readonly PageResult[],
  visits: readonly Visit[],
  pending: number,
): Promise<SiteSummary> {
  const file = join(args.out, s.slug, 'pages.jsonl');
  const jsonl = pagesJsonl(results, s.site, args.today);
  if (results.length) await writeAtomic(file, jsonl);
  else await rm(file, { force: true });
  const home = results.find((r) => r.kind === 'home');
  const named = { ...s.site, name: s.site.name || home?.title.replace(/\s+/g, ' ').trim() || new URL(s.key).host };
  return summarize(named, s.line, s.slug, stableOrder(results), args.today, jsonl, visits, pending);
}

/** The line that stays when a site's sweep ends: done, unreachable or stopped, and its 站点无法访问 rate over runs. */
export function siteLine(t: (typeof T)[keyof typeof T], label: string, summary: SiteSummary): string {
  const r = summary.rollup;
  const line = summary.pending
    ? t.stopped(label, summary.pending)
    : r.unreachable
      ? t.unreachable(label, accessCell(summary).replace(/^无法访问：/, ''))
      : t.done(label, summary);
  return summary.visits.total > 1 || summary.visits.failed ? `${line}；${t.visits(visitsCell(summary.visits))}` : line;
}

/** Writes summary.csv and summary.json: one row per line of the list (swept, skipped or not swept). `where` names the state. */
export async function writeSummary(
  args: CrawlArgs,
  list: SiteList,
  sites: readonly SiteSummary[],
  notSwept: readonly NotSwept[],
  where: { state: string } | { queue: string },
): Promise<void> {
  const rows = [
    ...sites.map((s) => ({ line: s.line, swept: s })),
    ...list.skipped.map((s) => ({ line: s.line, skipped: s })),
    ...notSwept.map((s) => ({ line: s.line, notSwept: s })),
  ];
  await writeAtomic(join(args.out, 'summary.csv'), summaryCsv(rows));
  const json = {
    target: args.target,
    today: args.today,
    ...where,
    sites: [...sites].sort((a, b) => a.line - b.line).map(rollupJson),
    skipped: list.skipped,
    notSwept: notSwept.map((s) => ({ line: s.line, slug: s.slug, site: s.site, reason: s.reason })),
  };
  await writeAtomic(join(args.out, 'summary.json'), `${JSON.stringify(json, null, 1)}\n`);
}

/** The crawl's last line on stdout (without --json). */
export function totalLine(t: (typeof T)[keyof typeof T], args: CrawlArgs, list: SiteList, sites: readonly SiteSummary[]): string {
  const pages = sites.reduce((n, s) => n + s.rollup.pages.done, 0);
  const findings = sites.reduce((n, s) => n + s.rollup.findings.length, 0);
  const unreachable = sites.filter((s) => s.rollup.unreachable).length;
  return t.total(sites.length, list.skipped.length, pages, findings, unreachable, args.out);
}
