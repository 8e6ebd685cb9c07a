/** The ledger's sentence after 合并他人备份: what was added, and what changed here (decisions, sites, screenshots). */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { mergeSummary } = await import('../../../components/ledger/tools');

const report = (over: { findings?: object; sites?: object; screenshots?: object } = {}) => ({
  rounds: { added: 0, skipped: 0 },
  sites: { added: 1, skipped: 0, updated: 0, ...over.sites },
  findings: { added: 3, skipped: 0, updated: 0, ...over.findings },
  screenshots: { added: 3, skipped: 0, removed: 0, ...over.screenshots },
});

describe('mergeSummary', () => {
  it('says what was added', () => {
    expect(mergeSummary(report(), 'zh-CN')).toBe('已合并他人备份：新增问题 3 条，新增网站 1 个，新增截图 3 张');
  });

  it('says what changed here: decisions taken over, sites updated, screenshots replaced, copies already here', () => {
    const s = mergeSummary(report({ findings: { updated: 2, skipped: 4 }, sites: { updated: 1 }, screenshots: { removed: 1 } }), 'zh-CN');
    expect(s).toBe(
      '已合并他人备份：新增问题 3 条，新增网站 1 个，新增截图 3 张，按对方较新的处理更新问题 2 条，更新网站信息 1 个，本机截图 1 张换为对方的截图，已有问题 4 条未重复导入',
    );
    expect(mergeSummary(report({ screenshots: { removed: 1 } }), 'en')).toContain("1 local screenshots replaced by the other reviewer's");
  });
});
