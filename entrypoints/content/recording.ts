/**
 * 记录 in the page: the content script knows where each finding is on screen, the background stores it and
 * captures the tab (or, in 整页 mode, the whole page) with each finding's area marked.
 */
import type { Rect } from '@/lib/extension/capture-plan';
import type { CheckCatalog, Client, RecordItem, Res } from '@/lib/extension/protocol';
import type { Category, Finding, TextModel } from '@/lib/engine/types';
import { categoryLabel } from '@/lib/i18n/labels';
import { footerIdentity } from '@/lib/text-model/footer-identity';
import type { TextNodeMap } from '@/lib/text-model/build';
import type { Highlighter } from './highlighter';
import type { RecordOutcome } from './ui';

/** What the frame's last scan found. */
export interface PageState {
  model: TextModel;
  map: TextNodeMap;
  findings: Finding[];
  catalog: CheckCatalog;
}

export class Recording {
  constructor(
    private readonly doc: Document,
    private readonly highlighter: Highlighter,
    private readonly current: () => PageState | null,
    private readonly send: Client,
    private readonly isTop: boolean,
  ) {}

  /** Where a painted finding is on screen now (CSS px of the viewport); null when it has no box. */
  private rectOf(f: Finding): Rect | null {
    const r = this.highlighter.placed.find((p) => p.finding === f)?.range.getBoundingClientRect();
    return r && r.width > 0 ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
  }

  /** Sends findings to be recorded; `area` overrides where a finding is (a selection); undefined = its highlight. */
  private async sendRecord(list: Array<{ finding: Finding; area?: Rect | null }>): Promise<Res<'content→background:record'>> {
    // Two frames for the closed card to leave the screen before the capture.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const items: RecordItem[] = list.map(({ finding, area }) => ({ finding, rect: area === undefined ? this.rectOf(finding) : area }));
    const page = this.current();
    const footer = page?.model.footer ? page.model.text.slice(page.model.footer.start, page.model.footer.end) : '';
    return this.send('content→background:record', {
      items,
      pageUrl: location.href,
      pageTitle: this.doc.title,
      ...footerIdentity(footer),
      // A 政务新媒体 page's findings are filed under its account, not under the platform's host.
      ...(page?.model.newMedia && { newMedia: page.model.newMedia }),
      dpr: window.devicePixelRatio || 1,
      // The rects were measured here: the background places them in the document from it.
      scroll: { x: window.scrollX, y: window.scrollY },
    });
  }

  /** Records one finding (the card's 记录, a shortcut). */
  readonly one = async (f: Finding, area?: Rect | null): Promise<RecordOutcome> => {
    const { results } = await this.sendRecord([{ finding: f, area }]);
    if (!results[0]) throw new Error('record: no result');
    return results[0];
  };

  /** 记录为问题 on the frame's selected text: a manual finding of `category`; null when nothing is selected. */
  async selection(category: Category): Promise<RecordOutcome | null> {
    const sel = this.doc.getSelection();
    const text = sel?.toString().trim() ?? '';
    if (!sel?.rangeCount || !text) return null;
    const r = sel.getRangeAt(0).getBoundingClientRect();
    const area = r.width > 0 ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
    const finding: Finding = {
      check: 'manual',
      category,
      severity: category === 'privacy' || category === 'expression' ? 'veto' : 'deduct',
      messageId: 'manual',
      data: {},
      message: `人工记录：${categoryLabel(category)}`,
      text,
      url: location.href,
    };
    sel.removeAllRanges(); // the evidence shows the page, not the selection colour
    return this.one(finding, area);
  }

  /** 记录 / 全部记录 from the popup: these findings (by key) or all; in 整页 mode one stitched page for all. */
  async fromPopup(keys: string[] | 'all'): Promise<{ recorded: number; before: number }> {
    const page = this.current();
    if (!page) return { recorded: 0, before: 0 };
    const findings = keys === 'all' ? page.findings : page.findings.filter((f) => f.key !== undefined && keys.includes(f.key));
    let recorded = 0;
    let before = 0;
    const { capture: mode } = await this.send('content→background:getSettings', { url: location.href });
    if (mode === 'fullPage' && this.isTop) {
      // 整页: one request, so that the background stitches the page once and marks each finding on its copy.
      const { results } = await this.sendRecord(findings.map((finding) => ({ finding })));
      for (const r of results) {
        if (r.created) recorded++;
        else before++;
      }
      return { recorded, before };
    }
    for (const f of findings) {
      // Each in view for its screenshot (page-level ones are shown with the page as it is).
      this.highlighter.placed.find((p) => p.finding === f)?.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const r = await this.one(f);
      if (r.created) recorded++;
      else before++;
    }
    return { recorded, before };
  }
}
