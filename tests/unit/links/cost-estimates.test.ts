import { describe, expect, it } from 'vitest';
import { CostEstimates, EXPLORE_PATIENCE_MS, RANK_EXPLORE, RANK_EXPLORE_LATER, siblingKey } from '../../../lib/links/cost-estimates';

const u = (path: string, host = 'http://www.example.gov.cn') => new URL(`${host}${path}`);

describe('siblingKey', () => {
  it('groups links by host and directory, numbers aside', () => {
    expect(siblingKey(u('/art/2026/11/20/art_1234_5678.html'))).toBe('http://www.example.gov.cn/art/0/0/0/');
    expect(siblingKey(u('/art/2025/1/3/art_9.html?id=4'))).toBe(siblingKey(u('/art/2026/11/20/x.html')));
    expect(siblingKey(u('/col/col123/index.html'))).toBe('http://www.example.gov.cn/col/col0/');
    expect(siblingKey(u('/index.html'))).toBe('http://www.example.gov.cn/');
    expect(siblingKey(u('/xxgk/a.html'))).not.toBe(siblingKey(u('/xxgk/a.html', 'https://www.example.gov.cn')));
    expect(siblingKey(u('/xxgk/a.html'))).not.toBe(siblingKey(u('/zwgk/a.html')));
  });
});

describe('CostEstimates', () => {
  it('ranks a link by the mean cost of its started siblings, retry waits included', () => {
    let now = 0;
    const costs = new CostEstimates(() => now);
    const first = costs.link(u('/down/2026/1.html'));
    const second = costs.link(u('/down/2026/2.html'));
    expect(second.rank()).toBe(RANK_EXPLORE); // nothing known about /down/ yet
    const track = first.start();
    now = 5;
    expect(second.rank()).toBe(5); // a sibling under way for 5 ms: at least that
    track.answered();
    track.waiting(1000); // answered 503, retries in 1 s
    expect(second.rank()).toBe(1005); // known to last until its wait ends, 1005 ms from its start
    now = 1010;
    track.done();
    now = 5000;
    expect(second.rank()).toBe(1010); // finished: its whole chain, no longer growing
    const third = costs.link(u('/down/2026/3.html'));
    const t2 = second.start();
    now = 5010;
    expect(third.rank()).toBe((1010 + 10) / 2);
    t2.dropped(); // aborted: not counted
    expect(third.rank()).toBe(1010);
  });

  it('explores one unknown directory per host at a time, until it is answered or takes far longer than answers do', () => {
    let now = 0;
    const costs = new CostEstimates(() => now);
    const a = costs.link(u('/a/1.html'));
    const b = costs.link(u('/b/1.html'));
    const c = costs.link(u('/c/1.html'));
    const elsewhere = costs.link(u('/b/1.html', 'http://other.example.gov.cn'));
    const ta = a.start();
    expect(b.rank()).toBe(RANK_EXPLORE_LATER); // /a/ is being tried: /b/ waits behind known links
    expect(elsewhere.rank()).toBe(RANK_EXPLORE); // another host explores on its own
    now = 2;
    ta.answered();
    expect(b.rank()).toBe(RANK_EXPLORE);
    const tb = b.start();
    expect(c.rank()).toBe(RANK_EXPLORE_LATER);
    // First answers take 2 ms on average here: after EXPLORE_PATIENCE_MS (more than twice that), /b/ is slow, and no longer holds /c/ back.
    now = 2 + EXPLORE_PATIENCE_MS;
    expect(c.rank()).toBe(RANK_EXPLORE_LATER);
    now = 3 + EXPLORE_PATIENCE_MS;
    expect(c.rank()).toBe(RANK_EXPLORE);
    tb.done();
  });
});
