/**
 * Quotations that cite a wrong form: inspection notices, 纠错 replies and 留言 answers quote the error they
 * report (将“开诚布公”错写为“开诚不公”; “以习近平总书记为核心的党中央”表述错误; 网民反映的“环镜”应为“环境”). A typo or
 * expression finding inside such a quotation restates what the text already says is wrong: the engine drops it.
 */

/** Words before a quotation that make it the wrong form (…错写为“X”). */
const CITED_AFTER = /(?:错写为|误写为|错写成|误写成|写错为|误写作|错打为|误打为|误用为|错用为|误为|错为|误作)\s*$/;
/** Words after a quotation that make it the wrong form (“X”表述错误, “X”应为“Y”). */
const CITED_BEFORE = /^\s*(?:表述错误|表述有误|有误|错误|为错别字|属错别字|是错别字|应为|应是|应改为|改为|更正为)/;
/** Longest quotation read as a cited form. */
const LONGEST = 60;

/** The [start, end) spans (inside the marks) of the quotations in `text` that cite a wrong form. */
export function citedErrorSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let open = text.indexOf('“'); open !== -1; open = text.indexOf('“', open + 1)) {
    const close = text.indexOf('”', open + 1);
    if (close === -1) break;
    const inner = text.slice(open + 1, close);
    if (inner.length > LONGEST || inner.includes('\n') || inner.includes('“')) continue;
    const before = text.slice(Math.max(0, open - 6), open);
    const after = text.slice(close + 1, close + 8);
    if (CITED_AFTER.test(before) || CITED_BEFORE.test(after)) spans.push([open + 1, close]);
  }
  return spans;
}

/** `findings` without the typo and expression findings that lie within a quotation citing a wrong form. */
export function withoutCitedErrors<F extends { category: string; start?: number; end?: number }>(findings: F[], text: string): F[] {
  const textual = (f: F) => (f.category === 'typo' || f.category === 'expression') && f.start !== undefined && f.end !== undefined;
  if (!findings.some(textual) || !text.includes('“')) return findings;
  const spans = citedErrorSpans(text);
  if (!spans.length) return findings;
  return findings.filter((f) => !textual(f) || !spans.some(([s, e]) => s <= f.start! && f.end! <= e));
}
