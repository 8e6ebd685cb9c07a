import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../../lib/links/host-limiter';

/** A task that runs until released by hand, recording how many ran at once. */
function harness(limiter: HostLimiter) {
  const running = new Map<string, number>();
  let total = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const started: string[] = [];
  const run = (host: string, id: string, signal?: AbortSignal) =>
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
});
