import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../../lib/links/host-limiter';

/** A task that runs until released by hand, recording how many ran at once. */
function harness(limiter: HostLimiter) {
  const running = new Map<string, number>();
  let total = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const started: string[] = [];
  const run = (host: string, id: string, signal?: AbortSignal, priority?: () => number) =>
    limiter.run(
      host,
      () =>
        new Promise<string>((resolve) => {
          started.push(id);
          running.set(host, (running.get(host) ?? 0) + 1);
          peak = Math.max(peak, ++total);
          releases.push(() => {
            running.set(host, running.get(host)! - 1);
            total--;
            resolve(id);
          });
        }),
      signal,
      priority,
    );
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { run, releases, started, tick, peak: () => peak };
}

describe('HostLimiter', () => {
  it('holds each host to perHost and all hosts to global, first come first served', async () => {
    const h = harness(new HostLimiter(2, 3));
    const all = [h.run('a', 'a1'), h.run('a', 'a2'), h.run('a', 'a3'), h.run('b', 'b1'), h.run('b', 'b2'), h.run('c', 'c1')];
    await h.tick();
    expect(h.started).toEqual(['a1', 'a2', 'b1']); // a3 waits for host a; b2 and c1 for a global slot
    h.releases.shift()!(); // a1 done: the first task that may start is a3
    await h.tick();
    expect(h.started).toEqual(['a1', 'a2', 'b1', 'a3']);
    while (h.releases.length) {
      h.releases.shift()!();
      await h.tick();
    }
    expect(await Promise.all(all)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
    expect(h.started).toHaveLength(6);
    expect(h.peak()).toBe(3);
  });

  it('a busy host does not hold back another host', async () => {
    const h = harness(new HostLimiter(1, 4));
    void h.run('slow', 's1');
    void h.run('slow', 's2');
    void h.run('fast', 'f1');
    await h.tick();
    expect(h.started).toEqual(['s1', 'f1']);
  });

  it('drops a waiting task when its signal aborts, and releases a slot when a task throws', async () => {
    const limiter = new HostLimiter(1, 1);
    const h = harness(limiter);
    const first = h.run('a', 'first');
    const stop = new AbortController();
    const waiting = h.run('a', 'waiting', stop.signal);
    stop.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    h.releases.shift()!();
    await first;
    await expect(limiter.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a', async () => 'after')).resolves.toBe('after');
    expect(h.started).toEqual(['first']);
    expect(limiter.stats()).toEqual({ peakGlobal: 1, peakByHost: { a: 1 } });
  });

  it('starts the waiting task of highest priority that may start, asked afresh each time; equals first come first served', async () => {
    const h = harness(new HostLimiter(1, 10));
    let a2 = 1;
    void h.run('a', 'a1');
    void h.run('a', 'a2', undefined, () => a2);
    void h.run('a', 'a3', undefined, () => 5);
    void h.run('a', 'a4', undefined, () => 5);
    void h.run('b', 'b1', undefined, () => 0);
    await h.tick();
    expect(h.started).toEqual(['a1', 'b1']); // b1 may start at once; a2–a4 wait for host a
    h.releases.shift()!(); // a1 done
    await h.tick();
    expect(h.started).toEqual(['a1', 'b1', 'a3']); // 5 beats 1; a3 came before a4
    a2 = 10; // a waiting task's priority changes (a link learns what its siblings cost)
    h.releases.splice(1, 1)[0](); // a3 done
    await h.tick();
    expect(h.started).toEqual(['a1', 'b1', 'a3', 'a2']);
    h.releases.splice(1, 1)[0](); // a2 done
    await h.tick();
    expect(h.started).toEqual(['a1', 'b1', 'a3', 'a2', 'a4']);
  });

  it('no priority passes the per-host or the global bound', async () => {
    const h = harness(new HostLimiter(2, 3));
    const top = () => Number.POSITIVE_INFINITY;
    void h.run('a', 'a1');
    void h.run('a', 'a2');
    void h.run('a', 'a3', undefined, top);
    void h.run('b', 'b1');
    void h.run('c', 'c1', undefined, top);
    await h.tick();
    expect(h.started).toEqual(['a1', 'a2', 'b1']); // a3: host a is full; c1: three run in all
    h.releases.shift()!(); // a1 done: a3 and c1 may both start; only one slot in all, and they tie
    await h.tick();
    expect(h.started).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(h.peak()).toBe(3);
  });
});
