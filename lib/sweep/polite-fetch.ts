/**
 * A fetch that keeps a sweep polite: at most `perHost` requests in flight per origin (scheme, host, port), a
 * connection counted busy until its body has been read or dropped, an optional pause between two requests to one
 * origin, credentials omitted. The sweep's page fetches and its link checks share one, so the cap holds for both.
 * The slots are this process's own unless `slots` gives them (the CLI's queue mode: slots shared by every worker
 * on every machine, cli/queue-slots.ts); the connection is counted busy until its body is read either way.
 */

interface HostQueue {
  active: number;
  waiting: Array<() => void>;
  /** When the next request to this origin may start (ms, `now()`'s clock). */
  nextStart: number;
}

/** Slots of origins held elsewhere: `acquire` waits for one of `origin` (and for its pause) and resolves with its release. */
export interface HostSlots {
  acquire(origin: string): Promise<() => void>;
}

/** How politeFetch bounds its requests: the fetch it wraps, the per-origin cap, the pause, and a clock for tests. */
export interface PoliteFetchOptions {
  fetch: typeof fetch;
  /** Where the slots come from; default this process's own (`perHost` per origin, `delayMs` between starts). */
  slots?: HostSlots;
  /** Requests in flight per origin. Default 4. */
  perHost?: number;
  /** Pause between the starts of two requests to one origin, ms. Default 0. */
  delayMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Statistics for tests and the benchmark: the most requests ever in flight to one origin. */
export interface PoliteFetch {
  fetch: typeof fetch;
  peak(origin?: string): number;
}

const originOf = (input: RequestInfo | URL): string => {
  try {
    return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).origin;
  } catch {
    return '';
  }
};

/** Wraps `opts.fetch` with the per-origin bound and pause. */
export function politeFetch(opts: PoliteFetchOptions): PoliteFetch {
  const perHost = Math.max(1, opts.perHost ?? 4);
  const delayMs = opts.delayMs ?? 0;
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const hosts = new Map<string, HostQueue>();
  const peaks = new Map<string, number>();
  /** Requests holding a slot, per origin (for `peak`). */
  const holding = new Map<string, number>();

  const acquire = async (origin: string): Promise<void> => {
    const q = hosts.get(origin) ?? { active: 0, waiting: [], nextStart: 0 };
    hosts.set(origin, q);
    if (q.active >= perHost) await new Promise<void>((resolve) => q.waiting.push(resolve));
    else q.active++;
    if (delayMs > 0) {
      const start = Math.max(now(), q.nextStart);
      q.nextStart = start + delayMs;
      if (start > now()) await sleep(start - now());
    }
  };
  const release = (origin: string): void => {
    const q = hosts.get(origin);
    if (!q) return;
    const next = q.waiting.shift();
    if (next)
      next(); // the slot passes on; active stays
    else q.active--;
  };

  /** A slot of `origin`, from `opts.slots` or this process's own; resolves with its release (to call once). */
  const take = async (origin: string): Promise<() => void> => {
    let free: () => void;
    if (opts.slots) free = await opts.slots.acquire(origin);
    else {
      await acquire(origin);
      free = () => release(origin);
    }
    const n = (holding.get(origin) ?? 0) + 1;
    holding.set(origin, n);
    peaks.set(origin, Math.max(peaks.get(origin) ?? 0, n));
    return () => {
      holding.set(origin, (holding.get(origin) ?? 1) - 1);
      free();
    };
  };

  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const origin = originOf(input);
    const free = await take(origin);
    let res: Response;
    try {
      res = await opts.fetch(input, { ...init, credentials: 'omit' });
    } catch (err) {
      free();
      throw err;
    }
    if (!res.body) {
      free();
      return res;
    }
    // The connection is busy until the body is read to its end, cancelled or failed.
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      // The runtime returns the connection to its pool only after the last chunk is handed over: the next request
      // to this origin starts a macrotask later, so that it reuses the connection instead of opening another.
      setTimeout(free, 0);
    };
    const reader = res.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done: end, value } = await reader.read();
          if (end) {
            done();
            controller.close();
          } else controller.enqueue(value);
        } catch (err) {
          done();
          controller.error(err);
        }
      },
      async cancel(reason) {
        done();
        await reader.cancel(reason).catch(() => undefined);
      },
    });
    const out = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    // A constructed Response has no URL and was never redirected: carry the real ones over.
    Object.defineProperties(out, { url: { value: res.url }, redirected: { value: res.redirected }, type: { value: res.type } });
    return out;
  };
  return {
    fetch: wrapped as typeof fetch,
    peak: (origin) => (origin ? (peaks.get(origin) ?? 0) : Math.max(0, ...peaks.values())),
  };
}
