/**
 * What the checker has learnt about the cost of links, for the order in which it starts them. A link's cost
 * is its chain: from its first request to its verdict, retry waits included. With at most 6 requests at
 * once to a host, the link phase ends soonest when the longest chains start first (longest processing time
 * first) and the short ones fill the gaps at the end; a link that has to wait before a retry is long even
 * when each of its requests is quick, and its wait holds no connection, so it should start early too.
 *
 * A link's cost is unknown until it is requested, so the cost of a waiting link is guessed from its
 * siblings: the links already started in the same directory of the same host, numbers aside (the pages of
 * one column, /art/2026/11/20/ and /art/2026/11/21/ alike, the files of one download module are mostly
 * served by one backend, and fail or are slow together). A sibling still under way counts with what it has
 * taken so far plus the retry wait it is in (a lower bound that grows while it runs), a finished one with
 * its whole chain.
 *
 * A directory none of whose links has started is unknown, and one of its links goes ahead of the known ones
 * (exploring), so that a slow or failing directory shows itself early, not at the end of the phase; but
 * only one such link per host at a time while known links wait, so that the slow links already known go
 * on in the other slots meanwhile rather than waiting for every directory to be tried. An exploring link
 * that takes much longer than first answers on its host usually take (twice their mean, at least
 * EXPLORE_PATIENCE_MS) no longer counts as the one: its directory is slow, which is known by then.
 */

/** One link being checked: reports its first answer, its retry wait and its end. */
export interface CostTrack {
  /** Its first request was answered (or failed). */
  answered(): void;
  /** The link waits `ms` before its retry. */
  waiting(ms: number): void;
  /** The link has its verdict. */
  done(): void;
  /** The check stopped without a verdict (aborted): its cost is not known. */
  dropped(): void;
}

/** The links of one directory waiting for their first request (one object for all of them). */
export interface CostLink {
  /** Higher first: RANK_EXPLORE, the expected cost of its chain in ms, or RANK_EXPLORE_LATER. */
  rank(): number;
  /** Its first request is about to go out. */
  start(): CostTrack;
}

interface Origin {
  /** First requests answered so far, and their total time. */
  answered: number;
  answeredMs: number;
  /** When each first request of an unknown directory still on the wire went out. */
  exploring: Set<{ start: number }>;
}

interface Group {
  doneMs: number;
  doneCount: number;
  /** Links under way: when each started, and until when it is known to last (the end of its retry wait). */
  live: Set<{ start: number; until: number }>;
}

/** Rank of a link of an unknown directory, while no other is being explored on its host: above any known cost. */
export const RANK_EXPLORE = Number.MAX_VALUE;
/** Rank of a link of an unknown directory while another is being explored on its host: after the known ones. */
export const RANK_EXPLORE_LATER = -1;

/** The least time an exploring link holds back the next one. */
export const EXPLORE_PATIENCE_MS = 10;

/**
 * Host and directory of a URL, each run of digits as `0`:
 * `https://a.gov.cn/art/2026/11/20/art_1.html` → `https://a.gov.cn/art/0/0/0/`.
 */
export function siblingKey(url: URL): string {
  return url.origin + url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1).replace(/\d+/g, '0');
}

/** What the checker has learnt about the links of each directory of each host so far (time, retries), to rank the links still waiting. */
export class CostEstimates {
  private readonly groups = new Map<string, Group>();
  private readonly origins = new Map<string, Origin>();
  private readonly links = new Map<string, CostLink>();
  /** Ranks computed at `ranksAt` since the last change: the limiter asks for every waiting link at each free slot. */
  private readonly ranks = new Map<Group, number>();
  private ranksAt = Number.NaN;

  constructor(private readonly now: () => number) {}

  /**
   * A link to be checked (an http(s) URL). Its siblings get the same object, so that the limiter, which asks
   * every waiting link's rank whenever a slot frees, computes each directory's once.
   */
  link(url: URL): CostLink {
    const key = siblingKey(url);
    const known = this.links.get(key);
    if (known) return known;
    let origin = this.origins.get(url.origin);
    if (!origin) {
      origin = { answered: 0, answeredMs: 0, exploring: new Set() };
      this.origins.set(url.origin, origin);
    }
    const o = origin;
    const link: CostLink = {
      rank: () => {
        const g = this.groups.get(key);
        if (!g || g.doneCount + g.live.size === 0) return this.exploringNow(o) ? RANK_EXPLORE_LATER : RANK_EXPLORE;
        return this.expected(g);
      },
      start: () => this.start(key, o),
    };
    this.links.set(key, link);
    return link;
  }

  /** Whether a link of the origin is being explored and has not yet taken much longer than first answers there do. */
  private exploringNow(o: Origin): boolean {
    if (o.exploring.size === 0) return false;
    const patience = Math.max(EXPLORE_PATIENCE_MS, o.answered ? (2 * o.answeredMs) / o.answered : Number.POSITIVE_INFINITY);
    const now = this.now();
    for (const e of o.exploring) if (now - e.start <= patience) return true;
    return false;
  }

  /** The mean cost of a directory's started links, as known now. */
  private expected(g: Group): number {
    const now = this.now();
    if (now !== this.ranksAt) {
      this.ranks.clear();
      this.ranksAt = now;
    }
    let rank = this.ranks.get(g);
    if (rank === undefined) {
      let sum = g.doneMs;
      for (const l of g.live) sum += Math.max(now, l.until) - l.start;
      rank = sum / (g.doneCount + g.live.size);
      this.ranks.set(g, rank);
    }
    return rank;
  }

  private start(key: string, origin: Origin): CostTrack {
    let group = this.groups.get(key);
    if (!group) {
      group = { doneMs: 0, doneCount: 0, live: new Set() };
      this.groups.set(key, group);
    }
    const g = group;
    const now = this.now();
    const entry = { start: now, until: now };
    let exploring = g.doneCount + g.live.size === 0;
    if (exploring) origin.exploring.add(entry);
    const explored = () => {
      if (exploring) origin.exploring.delete(entry);
      exploring = false;
    };
    g.live.add(entry);
    this.changed();
    let answered = false;
    let open = true;
    const close = (record: boolean) => {
      if (!open) return;
      open = false;
      explored();
      g.live.delete(entry);
      if (record) {
        g.doneMs += Math.max(this.now(), entry.until) - entry.start;
        g.doneCount++;
      }
      this.changed();
    };
    return {
      answered: () => {
        if (answered) return;
        answered = true;
        origin.answered++;
        origin.answeredMs += this.now() - entry.start;
        explored();
      },
      waiting: (ms) => {
        entry.until = Math.max(entry.until, this.now() + ms);
        this.changed();
      },
      done: () => close(true),
      dropped: () => close(false),
    };
  }

  private changed(): void {
    this.ranksAt = Number.NaN;
  }
}
