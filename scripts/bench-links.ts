/**
 * `npx tsx scripts/bench-links.ts`: our link checker (lib/links) against linkinator on the same page of
 * 300 links, served locally by scripts/serve.mjs, in the same process. Prints one JSON object: wall
 * times and their ratio (median of BENCH_LINK_ROUNDS rounds, default 3), both tools' verdict counts,
 * every link where they disagree, our mistakes against the known truth of each link, peak connections
 * and requests in flight per host, and the bars:
 *  - every hard-dead and soft-404 link found, no false positive among the 300;
 *  - at most 6 connections at once to one host;
 *  - wall time at most 1.5 × linkinator's;
 *  - the link phase at most 1.2 × its politeness limit: the longer of the server's busy time over 6 (the
 *    per-host cap) and the longest single link's chain (its requests, and before a retry the wait a correct
 *    checker makes: the Retry-After asked for, else the checker's backoff), from the server's log of the
 *    same run.
 *
 * linkinator is configured to do the same job as ours: a 15 s timeout, Retry-After honoured on 429
 * (`retry`), one retry of a 5xx (`retryErrors`; its count is 0-based: a count of 1 retries twice),
 * no added jitter; everything else is its default (HEAD, then GET on failure; concurrency 100).
 * Its defaults alone (no retries) are run too, for reference.
 *
 * Every round serves fresh servers (the flaky routes keep state, and socket peaks must not mix).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkChecker, RETRY_DELAY_MS, type LinkVerdict } from '../lib/links';
import { boundedFetch } from '../cli/bounded-fetch';
import { serveDir } from './serve.mjs';
import { InFlight, bytes, doc, failFirst, page, redirect, slow, status, type Handler } from '../tests/unit/links/link-routes';
import { mulberry32 } from './prng';

const SEED = 20261123;
const ROUNDS = Number(process.env.BENCH_LINK_ROUNDS ?? 3);
/** Bytes of a page our checker reads (default: the checker's own, 64 KB); to compare reading whole pages. */
const MAX_BODY_BYTES = process.env.BENCH_LINK_MAX_BODY_BYTES ? Number(process.env.BENCH_LINK_MAX_BODY_BYTES) : undefined;

type Truth = 'ok' | 'dead' | 'error' | 'soft404';

/** One kind of link in the mix: how many, what it truly is, and the routes that serve the i-th one. */
interface Kind {
  kind: string;
  count: number;
  truth: Truth;
  /** Path of the link on the page; `refused` links point at a closed port instead. */
  path: (i: number) => string;
  /** Routes to serve (by path), given a random source for delays and sizes. */
  routes: (i: number, random: () => number) => Record<string, Handler>;
}

const ARTICLE = '各县（区）人民政府，市直各部门：为切实做好2026年防汛抗旱工作，确保人民群众生命财产安全，现就有关事项通知如下。';
const articlePage = (title: string, paragraphs: number) => page(title, `<h1>${title}</h1>${`<p>${ARTICLE}</p>`.repeat(paragraphs)}`);
const randomBytes = (n: number, random: () => number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
const art = (prefix: string) => (i: number) => `/${prefix}/2026/t20261120_${1000 + i}.html`;

const KINDS: Kind[] = [
  {
    kind: 'ok-page',
    count: 144,
    truth: 'ok',
    path: art('xxgk'),
    routes: (i, r) => ({ [art('xxgk')(i)]: articlePage(`关于第${i}项工作的通知`, 5 + Math.floor(r() * 60)) }),
  },
  // Long pages: past the 64 KB read.
  { kind: 'ok-big-page', count: 5, truth: 'ok', path: art('big'), routes: (i) => ({ [art('big')(i)]: articlePage(`2026年政府工作报告（${i}）`, 900) }) },
  {
    kind: 'ok-short-page',
    count: 10,
    truth: 'ok',
    path: art('short'),
    routes: (i) => ({ [art('short')(i)]: page('联系我们', `<p>值班电话：0871-6${String(1000000 + i).slice(1)}</p>`) }),
  },
  {
    kind: 'ok-tricky-page',
    count: 6,
    truth: 'ok',
    path: art('tricky'),
    routes: (i) => {
      const bodies = [
        ['依申请公开告知书', '<p>经查，您申请公开的政府信息不存在的，本机关依法告知。</p>'],
        ['修订说明', '<p>原第三条已删除，其余条款顺延。</p>'],
        ['公交线路调整', '<p>404路公交车自12月1日起调整线路。</p>'],
        ['老人找不到家 民警热心帮助', `<p>${ARTICLE}</p>`],
        ['政府公报2026年第404期', `<p>${ARTICLE}</p>`],
        ['关于网站错误链接整改情况的通报', `<p>${ARTICLE}</p>`],
      ];
      return { [art('tricky')(i)]: page(bodies[i % bodies.length][0], bodies[i % bodies.length][1]) };
    },
  },
  {
    kind: 'ok-attachment',
    count: 25,
    truth: 'ok',
    path: (i) => `/files/2026/P0${2000 + i}.${['pdf', 'docx', 'xls'][i % 3]}`,
    routes: (i, r) => ({
      [`/files/2026/P0${2000 + i}.${['pdf', 'docx', 'xls'][i % 3]}`]: bytes(randomBytes(20_000 + Math.floor(r() * 300_000), r), 'application/octet-stream'),
    }),
  },
  {
    kind: 'ok-slow',
    count: 20,
    truth: 'ok',
    path: art('slow'),
    routes: (i, r) => ({ [art('slow')(i)]: slow(300 + Math.floor(r() * 500), articlePage(`关于第${i}季度工作的报告`, 10)) }),
  },
  {
    kind: 'ok-redirect',
    count: 12,
    truth: 'ok',
    path: (i) => `/old/ok/${i}/0`,
    routes: (i) => {
      const hops = 1 + (i % 3);
      const codes = [301, 302, 307, 308];
      const routes: Record<string, Handler> = { [`/moved/${i}.html`]: articlePage(`关于第${i}号文件的解读`, 8) };
      for (let h = 0; h < hops; h++) routes[`/old/ok/${i}/${h}`] = redirect(codes[(i + h) % 4], h + 1 < hops ? `/old/ok/${i}/${h + 1}` : `/moved/${i}.html`);
      return routes;
    },
  },
  {
    kind: 'ok-flaky-500',
    count: 6,
    truth: 'ok',
    path: art('flaky'),
    routes: (i) => ({ [art('flaky')(i)]: failFirst(status(500), articlePage(`关于第${i}批项目的公示`, 6)) }),
  },
  {
    kind: 'ok-429',
    count: 5,
    truth: 'ok',
    path: art('rate'),
    routes: (i) => ({ [art('rate')(i)]: failFirst(status(429, { 'Retry-After': '1' }), articlePage(`关于第${i}次会议的通知`, 6)) }),
  },
  { kind: 'dead-404', count: 20, truth: 'dead', path: art('gone404'), routes: (i) => ({ [art('gone404')(i)]: status(404) }) },
  { kind: 'dead-410', count: 8, truth: 'dead', path: art('gone410'), routes: (i) => ({ [art('gone410')(i)]: status(410) }) },
  {
    kind: 'dead-redirect-404',
    count: 4,
    truth: 'dead',
    path: (i) => `/old/dead/${i}`,
    routes: (i) => ({ [`/old/dead/${i}`]: redirect(301, `/removed/${i}.html`), [`/removed/${i}.html`]: status(404) }),
  },
  {
    kind: 'dead-redirect-loop',
    count: 2,
    truth: 'dead',
    path: (i) => `/loop/${i}/a`,
    routes: (i) => ({ [`/loop/${i}/a`]: redirect(302, `/loop/${i}/b`), [`/loop/${i}/b`]: redirect(302, `/loop/${i}/a`) }),
  },
  { kind: 'dead-refused', count: 3, truth: 'dead', path: art('refused'), routes: () => ({}) },
  { kind: 'error-503', count: 4, truth: 'error', path: art('down'), routes: (i) => ({ [art('down')(i)]: status(503) }) },
  {
    kind: 'soft404-body',
    count: 8,
    truth: 'soft404',
    path: art('softbody'),
    routes: (i) => ({
      [art('softbody')(i)]: page(
        '某某市人民政府',
        `<div class="nav">首页 政务公开 办事服务 互动交流</div><p>对不起，您访问的页面不存在或已被删除！</p><p><a href="/">返回首页</a></p>`,
      ),
    }),
  },
  {
    kind: 'soft404-title',
    count: 5,
    truth: 'soft404',
    path: art('softtitle'),
    routes: (i) => ({ [art('softtitle')(i)]: page(i % 2 ? '404 Not Found' : '404 - 某某市人民政府', '<center>抱歉</center>') }),
  },
  {
    kind: 'soft404-tiny',
    count: 3,
    truth: 'soft404',
    path: art('softtiny'),
    routes: (i) => ({
      [art('softtiny')(i)]: page('提示', ['<p>信息已删除</p>', '<script>alert("该信息不存在");history.back();</script>', '<p>文章已过期</p>'][i % 3]),
    }),
  },
  { kind: 'soft404-home', count: 5, truth: 'soft404', path: art('softhome'), routes: (i) => ({ [art('softhome')(i)]: redirect(302, '/') }) },
  { kind: 'soft404-error-page', count: 4, truth: 'soft404', path: art('softerr'), routes: (i) => ({ [art('softerr')(i)]: redirect(302, '/404.html') }) },
  {
    kind: 'soft404-refresh',
    count: 1,
    truth: 'soft404',
    path: art('softrefresh'),
    routes: (i) => ({ [art('softrefresh')(i)]: page('跳转', '<meta http-equiv="refresh" content="0;url=/404.html">') }),
  },
];

interface LinkSpec {
  kind: string;
  truth: Truth;
  /** Path on the site, or an absolute URL (refused links). */
  href: (site: string) => string;
}

/** The 300 links in a seeded order, and a factory of fresh routes (flaky routes keep state). */
function buildMix(closedPort: number) {
  const random = mulberry32(SEED);
  const specs: LinkSpec[] = [];
  for (const k of KINDS) {
    for (let i = 0; i < k.count; i++) {
      const path = k.path(i);
      specs.push({ kind: k.kind, truth: k.truth, href: (site) => (k.kind === 'dead-refused' ? `http://127.0.0.1:${closedPort}${path}` : `${site}${path}`) });
    }
  }
  for (let i = specs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [specs[i], specs[j]] = [specs[j], specs[i]];
  }
  const routes = (flight: InFlight): Record<string, Handler> => {
    const r = mulberry32(SEED + 1); // the same delays and sizes in every round
    const all: Record<string, Handler> = {};
    for (const k of KINDS) for (let i = 0; i < k.count; i++) Object.assign(all, k.routes(i, r));
    const home = doc('某某市人民政府', `<h1>某某市人民政府</h1><ul>${specs.map((s, i) => `<li><a href="${s.href('')}">链接${i}</a></li>`).join('')}</ul>`);
    all['/'] = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(home) });
      res.end(req.method === 'HEAD' ? undefined : home);
    };
    all['/404.html'] = page('提示', '<p>对不起，您访问的页面不存在！</p>');
    return Object.fromEntries(Object.entries(all).map(([p, h]) => [p, flight.track(h)]));
  };
  return { specs, routes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const countBy = <T>(xs: T[], key: (x: T) => string) => xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});

async function closedPortOnLocalhost(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

const root = mkdtempSync(join(tmpdir(), 'bench-links-'));
const closedPort = await closedPortOnLocalhost();
const { specs, routes } = buildMix(closedPort);
const { check: linkinatorCheck } = await import('linkinator');
const linkinatorVersion = (JSON.parse(readFileSync('node_modules/linkinator/package.json', 'utf8')) as { version: string }).version;
const LINKINATOR_SAME_JOB = { recurse: false, timeout: 15_000, retry: true, retryErrors: true, retryErrorsCount: 0, retryErrorsJitter: 0 };

async function withSite<T>(run: (site: Awaited<ReturnType<typeof serveDir>>, flight: InFlight) => Promise<T>) {
  const flight = new InFlight();
  const site = await serveDir(root, { routes: routes(flight) });
  try {
    const started = performance.now();
    const out = await run(site, flight);
    return { out, ms: performance.now() - started, sockets: site.maxConnections(), inFlight: flight.peak, requests: flight.log.length, log: flight.log };
  } finally {
    await site.close();
  }
}

/**
 * The page, read on a connection of its own that is closed before the check starts (as the CLI loads
 * a page before checking its links), so that the server's socket peak counts the checker's only.
 */
function readPage(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => res.socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8'))));
    }).on('error', reject);
  });
}

/** Ours, as the CLI would run it: read the page, take its links, check them. */
const runOurs = () =>
  withSite(async (site) => {
    const html = await readPage(`${site.url}/`);
    while (site.connections() > 0) await new Promise((resolve) => setTimeout(resolve, 1)); // the server saw it close
    const hrefs = [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((m) => new URL(m[1], `${site.url}/`).href);
    const checker = new LinkChecker({ maxBodyBytes: MAX_BODY_BYTES, fetch: boundedFetch() });
    const linkStarted = performance.now();
    const results = await checker.checkAll(hrefs);
    const linkMs = performance.now() - linkStarted;
    return { site: site.url, results, checkerPeak: checker.stats().peakByHost[site.url], linkMs, linkStarted };
  });

const runLinkinator = (options: object) =>
  withSite(async (site) => {
    const { links } = await linkinatorCheck({ path: `${site.url}/`, ...options });
    return { site: site.url, links: links.filter((l) => l.url !== `${site.url}/`) };
  });

const ours: Array<Awaited<ReturnType<typeof runOurs>>> = [];
const theirs: Array<Awaited<ReturnType<typeof runLinkinator>>> = [];
const theirDefaults: typeof theirs = [];
for (let round = 0; round < ROUNDS; round++) {
  ours.push(await runOurs());
  theirs.push(await runLinkinator(LINKINATOR_SAME_JOB));
  theirDefaults.push(await runLinkinator({ recurse: false }));
}
rmSync(root, { recursive: true, force: true });

// Verdicts of the last round, keyed by the link's index in the mix.
const lastOurs = ours[ours.length - 1];
const lastTheirs = theirs[theirs.length - 1];
const ourVerdict = (i: number): LinkVerdict => lastOurs.out.results[i].verdict;
const theirState = (i: number) => {
  const href = specs[i].href(lastTheirs.out.site);
  const l = lastTheirs.out.links.find((x) => x.url === href);
  return l ? `${l.state}${l.status ? ` ${l.status}` : ''}` : 'MISSING';
};
const COUNTED: ReadonlySet<LinkVerdict> = new Set(['dead', 'error', 'soft404']);
const path = (i: number) => specs[i].href('');

const ourMistakes = specs.flatMap((s, i) =>
  ourVerdict(i) === s.truth ? [] : [{ link: path(i), kind: s.kind, truth: s.truth, ours: ourVerdict(i), reason: lastOurs.out.results[i].reason.en }],
);
const disagreements = specs.flatMap((s, i) => {
  const theyBroken = theirState(i).startsWith('BROKEN');
  return COUNTED.has(ourVerdict(i)) === theyBroken ? [] : [{ link: path(i), kind: s.kind, truth: s.truth, ours: ourVerdict(i), linkinator: theirState(i) }];
});
const stable = ours.every((r) => r.out.results.every((x, i) => x.verdict === lastOurs.out.results[i].verdict));

/**
 * The politeness limit of one run's link phase: no schedule with at most 6 requests at once to the host can
 * end sooner than the server's total busy time over 6, nor than the longest link's own chain: its requests
 * one after another, and between a try the server answered 429 or 5xx and its retry the wait any correct
 * checker makes — the Retry-After asked for, or without one a backoff (ours: RETRY_DELAY_MS; retrying a
 * failing server at once would not be polite). A request that did not ask for a retry ends its URL's chain,
 * so the links that share a URL (the home page, the error page) are not summed into one; a retry that failed
 * again adds no wait (none follows). Measured from the server's log of that run.
 */
function politenessLimit(run: (typeof ours)[number]): { ms: number; busyOver6Ms: number; longestChainMs: number } {
  const log = run.log.filter((l) => l.start >= run.out.linkStarted && l.end !== undefined).sort((a, b) => a.start - b.start);
  const busy = log.reduce((n, l) => n + (l.end! - l.start), 0);
  const chains: number[] = [];
  const awaitingRetry = new Map<string, { ms: number; wait: number }>();
  for (const l of log) {
    const before = awaitingRetry.get(l.url);
    const ms = (before ? before.ms + before.wait : 0) + (l.end! - l.start);
    if (l.status === 429 || (l.status ?? 0) >= 500) awaitingRetry.set(l.url, { ms, wait: l.retryAfterMs ?? RETRY_DELAY_MS });
    else {
      awaitingRetry.delete(l.url);
      chains.push(ms);
    }
  }
  for (const { ms } of awaitingRetry.values()) chains.push(ms);
  const longest = Math.max(0, ...chains);
  return { ms: Math.max(busy / 6, longest), busyOver6Ms: Math.round(busy / 6), longestChainMs: Math.round(longest) };
}
const limits = ours.map(politenessLimit);
const politenessRatio = Number(median(ours.map((r, i) => r.out.linkMs / limits[i].ms)).toFixed(2));

const oursMs = median(ours.map((r) => r.ms));
const theirsMs = median(theirs.map((r) => r.ms));
const peakSockets = Math.max(...ours.map((r) => r.sockets));
const peakInFlight = Math.max(...ours.map((r) => r.inFlight));
const ratio = Number((oursMs / theirsMs).toFixed(2));
const bars = {
  allDeadFound: specs.every((s, i) => s.truth !== 'dead' || ourVerdict(i) === 'dead'),
  allSoft404Found: specs.every((s, i) => s.truth !== 'soft404' || ourVerdict(i) === 'soft404'),
  noFalsePositive: specs.every((s, i) => s.truth !== 'ok' || ourVerdict(i) === 'ok'),
  atMostSixRequestsPerHost: peakInFlight <= 6,
  atMostSixSocketsPerHost: peakSockets <= 6,
  wallTimeWithin1_5x: ratio <= 1.5,
  linkPhaseWithin1_2xPolitenessLimit: politenessRatio <= 1.2,
  stableAcrossRounds: stable,
};

console.log(
  JSON.stringify(
    {
      links: specs.length,
      seed: SEED,
      rounds: ROUNDS,
      mix: countBy(specs, (s) => s.kind),
      truth: countBy(specs, (s) => s.truth),
      ours: {
        wallMs: Math.round(oursMs),
        verdicts: countBy(lastOurs.out.results, (r) => r.verdict),
        peakConnectionsPerHost: peakSockets,
        peakRequestsInFlightPerHost: peakInFlight,
        checkerPeakPerHost: Math.max(...ours.map((r) => r.out.checkerPeak)),
        requests: lastOurs.requests,
        maxBodyBytes: MAX_BODY_BYTES ?? 'default (65536)',
      },
      linkinator: {
        version: linkinatorVersion,
        options: LINKINATOR_SAME_JOB,
        wallMs: Math.round(theirsMs),
        states: countBy(lastTheirs.out.links, (l) => l.state),
        peakConnectionsPerHost: Math.max(...theirs.map((r) => r.sockets)),
        peakRequestsInFlightPerHost: Math.max(...theirs.map((r) => r.inFlight)),
        requests: lastTheirs.requests,
      },
      linkinatorDefaults: {
        options: { recurse: false },
        wallMs: Math.round(median(theirDefaults.map((r) => r.ms))),
        states: countBy(theirDefaults[theirDefaults.length - 1].out.links, (l) => l.state),
        ratioOursToIt: Number((oursMs / median(theirDefaults.map((r) => r.ms))).toFixed(2)),
      },
      ratio,
      /** Our link phase against the politeness limit of its own run (median over rounds): 1 = no schedule under the per-host cap could be faster. */
      politeness: {
        ratio: politenessRatio,
        linkMs: ours.map((r) => Math.round(r.out.linkMs)),
        limitMs: limits.map((l) => Math.round(l.ms)),
        busyOver6Ms: limits.map((l) => l.busyOver6Ms),
        longestChainMs: limits.map((l) => l.longestChainMs),
        /** Requests the server had in hand on average over the link phase (6 = the cap always full). */
        averageInFlight: ours.map((r, i) => Number(((limits[i].busyOver6Ms * 6) / r.out.linkMs).toFixed(2))),
      },
      ourMistakes,
      disagreements,
      bars: { ...bars, pass: Object.values(bars).every(Boolean) },
      notes: [
        ...(peakSockets > peakInFlight
          ? [
              `sockets (${peakSockets}) exceed requests in flight (${peakInFlight}): a page read past maxBodyBytes is aborted, and Node's fetch (undici) ` +
                'then opens a replacement connection at once, which the server accepts before it has processed the close of the aborted one. ' +
                'BENCH_LINK_MAX_BODY_BYTES=1000000 (no aborts in this mix) shows the socket peak without them.',
            ]
          : []),
        'linkinator retries a 5xx after at least 2 s (2^1 s backoff, not configurable lower); ours after 1 s. linkinatorDefaults does not retry at all; both linkinator runs allow up to 100 requests at once (its default concurrency), with no per-host bound.',
      ],
      machine: { cores: cpus().length, node: process.version },
    },
    null,
    2,
  ),
);
