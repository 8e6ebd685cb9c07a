import { runChecks } from '../engine/engine';
import { linkTargets, resultsByUrl } from '../links/targets';
import type { LinkChecker } from '../links/link-checker';
import { buildTextModel } from '../text-model/build';
import type { Check, Finding, LanguageModel, Segmenter, Speller } from '../engine/types';

/** What a recorded finding needs for 复查: what it was, to look for it again. */
export interface RecordedFinding {
  id: number;
  check: string;
  text: string;
  kind?: string;
}

/** The recorded findings of one page sorted by 复查, by id: still there, or gone. */
export interface RecheckResult {
  /** Recorded findings the page still has. */
  present: number[];
  /** Recorded findings the page no longer has: rectified (已整改). */
  gone: number[];
}

/**
 * The scan 复查 runs on one page: the review date, the checks and their resources, a link checker for recorded
 * dead links (without one they stay present), and whether the document is the page itself or a frame.
 */
export interface RecheckOptions {
  today: string;
  checks: readonly Check[];
  segmenter?: Segmenter;
  languageModel?: LanguageModel;
  speller?: Speller;
  /** Re-checks the page's links when given (for recorded link findings). */
  linkChecker?: LinkChecker;
  /** The document is the page itself (default), not a frame in it: as when it was recorded. */
  isTopFrame?: boolean;
}

/** Whether a fresh finding is the recorded one: same check, same text (and same item for page-level ones). */
const same = (r: RecordedFinding, f: Finding) => f.check === r.check && f.text === r.text && (r.text !== '' || f.kind === r.kind);

/**
 * 复查 of one page: scans the page as it is now (a parsed document) and sorts the recorded findings of
 * that page into still present and gone. A manual finding (check 'manual') is present while its text is
 * still on the page.
 */
export async function recheckPage(doc: Document, url: string, recorded: readonly RecordedFinding[], opts: RecheckOptions): Promise<RecheckResult> {
  const { model } = buildTextModel(doc, { url, isTopFrame: opts.isTopFrame ?? true });
  if (opts.linkChecker && recorded.some((r) => r.check === 'link-broken')) {
    model.linkResults = resultsByUrl(await opts.linkChecker.checkAll(linkTargets(model)));
  }
  const { findings } = runChecks(model, {
    today: opts.today,
    checks: opts.checks,
    segmenter: opts.segmenter,
    languageModel: opts.languageModel,
    speller: opts.speller,
  });
  const out: RecheckResult = { present: [], gone: [] };
  for (const r of recorded) {
    // Without a link checker a recorded dead link cannot be judged again: it stays open.
    const undecidable = r.check === 'link-broken' && r.kind !== 'fragment' && !opts.linkChecker;
    const still = undecidable || (r.check === 'manual' ? r.text !== '' && (model.written ?? model.text).includes(r.text) : findings.some((f) => same(r, f)));
    (still ? out.present : out.gone).push(r.id);
  }
  return out;
}
