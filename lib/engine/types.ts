import type { LanguageModel } from '../lm/model';

export type { LanguageModel };

/**
 * Core types of the GovReview check engine. Plain TypeScript: no WXT, no DOM globals,
 * so the same checks run in the extension (service worker), the CLI and the tests.
 */

/** 问题类型: the categories of the national indicators (国办秘函〔2019〕19号). */
export type Category = 'typo' | 'expression' | 'privacy' | 'identity' | 'stale' | 'blank' | 'link' | 'service' | 'interaction' | 'search';

/** veto = 单项否决, deduct = 扣分, notice = 提示 (not scored). */
export type Severity = 'veto' | 'deduct' | 'notice';

/** UI and message languages: Chinese first, English available. */
export type Locale = 'zh-CN' | 'en';

/** A message template per locale; `{{name}}` is replaced by `data.name`. */
export type MessageTemplates = Record<Locale, string>;

/** Options schema entry: enough for a settings page to render a control. */
export interface OptionSpec {
  type: 'boolean' | 'number' | 'string' | 'string[]';
  default: unknown;
  description: MessageTemplates;
}

/** Static metadata of a check, in the ESLint/textlint shape. */
/** The static metadata of a check; `M` is the union of its message ids. */
export interface CheckMeta<M extends string = string> {
  /** kebab-case id; equals the check's file name (lib/checks/<id>.ts). */
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** The national indicator the check scores (名称 as printed in the indicator table). */
  indicator: MessageTemplates;
  description: MessageTemplates;
  /** messageId → templates. */
  messages: Record<M, MessageTemplates>;
  options?: Record<string, OptionSpec>;
  /** Only run on the top-level frame (e.g. footer identification). */
  topFrameOnly?: boolean;
  /**
   * Judges a government website's own structure (footer identification, columns, 找错, search, 留言, 办事指南):
   * not run on a 政务新媒体 page (model.newMedia), which is judged by the 政务新媒体 indicators instead.
   */
  websiteOnly?: boolean;
  /**
   * Its text findings give way to any finding of another check in the same category that they overlap
   * (a statistical check defers to the curated ones: one slip, one finding).
   */
  yieldsOnOverlap?: boolean;
}

/** What a check reports: a range into `TextModel.text` (or none, for a page-level finding). */
export interface Report<M extends string = string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** UTF-16 offsets into model.text; omit both for a page-level finding (e.g. a missing footer item). */
  start?: number;
  end?: number;
  /** Text flagged when there is no range (e.g. a URL). Defaults to model.text.slice(start, end). */
  text?: string;
  suggestion?: string;
  /** Overrides the check's default severity (a data entry may carry its own). */
  severity?: Severity;
  /** Sub-kind for reviewers and the CSV (e.g. the identification item 'icp'). */
  kind?: string;
}

/**
 * Chinese word segmentation, injected by the host (jieba-wasm: the Node build in the CLI, the web
 * build in the service worker). Checks run it only on short windows around candidates.
 */
export interface Segmenter {
  /** Words of `text` in order, without HMM guessing of unknown words; they concatenate to `text`. */
  cut(text: string): string[];
  /** Whether `word` is an entry of the segmenter's own dictionary (words added by addWords are not). */
  isWord(word: string): boolean;
  /**
   * Adds words (e.g. known wrong forms such as 既使) so that segmentation decides in context whether
   * they stand as words: 既使困难再大 → 既使/困难…, but 既使用…又… → 既/使用…. Idempotent.
   */
  addWords?(words: readonly string[]): void;
  /**
   * Words of `text` with their part-of-speech tags (jieba's ICTCLAS-style set: n, v, vn, a, ad, d, uj …),
   * cut as `cut` cuts (no HMM). A word's tag is its dictionary tag, not read from context. Optional: hosts
   * whose segmenter has no tagger leave it out, and the checks that need it report nothing.
   */
  tag?(text: string): Array<[word: string, pos: string]>;
}

/**
 * English spelling, injected by the host (a Hunspell dictionary through nspell: lib/spell/). Loaded lazily:
 * checks that need it report nothing without it.
 */
export interface Speller {
  /** Whether the dictionary accepts `word` as written (case rules of the dictionary apply). */
  correct(word: string): boolean;
  /** Dictionary suggestions for a misspelled word, best first. */
  suggest(word: string): string[];
}

/** A reviewer's 忽略 entry: this exact text is no problem (for one check, or for every check). */
export interface IgnoreEntry {
  text: string;
  check?: string;
}

/** What a check's run() gets: the page's text model, the resources the host loaded, its options, the review date, report(). */
export interface CheckContext<M extends string = string> {
  readonly model: TextModel;
  /** Word segmentation when the host provides one; checks that need it report nothing without it. */
  readonly segmenter?: Segmenter;
  /** The word n-gram language model (lib/lm/), when the host has loaded it; checks that need it report nothing without it. */
  readonly languageModel?: LanguageModel;
  /** English spelling, when the host has loaded it. */
  readonly speller?: Speller;
  /** Options merged over the meta defaults. */
  readonly options: Record<string, unknown>;
  /** Reference date, injected (the CLI's --today, the reviewer's monitoring date). Never read the clock. */
  readonly today: string;
  report(r: Report<M>): void;
  /** Throws a budget error once the check has run past its time budget; long loops call it. */
  checkBudget(): void;
}

/** A check: static metadata and a run() that only reports. One per file in lib/checks/. */
export interface Check<M extends string = string> {
  meta: CheckMeta<M>;
  /** Only reports; never touches the DOM, the network or storage. */
  run(ctx: CheckContext<M>): void;
}

/** Anchor that re-finds a finding (after Hypothesis: quote selector + position selector). */
export interface Anchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

/** One problem a check reported on a page, as the engine hands it to the hosts: where, what, how grave, and under which indicator. */
export interface Finding {
  /**
   * Stable within a page: the check, the message, the text and which occurrence of that text it is
   * (`check:messageId:text#n`), so a rescan that finds the same problem gives it the same id and the popup,
   * the card and the shortcuts refer to findings by key, never by their place in a list.
   */
  key?: string;
  check: string;
  category: Category;
  severity: Severity;
  messageId: string;
  data: Record<string, string | number>;
  /** zh-CN message (render other locales from messageId + data). */
  message: string;
  /** The exact text flagged ('' for a page-level finding with nothing to point at). */
  text: string;
  suggestion?: string;
  kind?: string;
  /** Range into model.text; absent for page-level findings. */
  start?: number;
  end?: number;
  anchor?: Anchor;
  /** 1-based line, set when the scanned input is a .txt file read line by line. */
  line?: number;
  /** Frame URL the finding belongs to (the page URL for the top frame). */
  url: string;
}

/** A check that threw or ran past its budget; its findings are dropped, the others stand. */
export interface EngineError {
  check: string;
  kind: 'threw' | 'timeout';
  message: string;
}

/** What runChecks returns for one page: findings, errors and per-check timings. */
export interface ScanResult {
  url: string;
  findings: Finding[];
  errors: EngineError[];
  /** Milliseconds spent in each check, for benchmarks and the debug view. */
  timings: Record<string, number>;
}

/** What the link checker (lib/links) found for one URL, as the link check reads it. */
export interface LinkResultSummary {
  verdict: 'ok' | 'dead' | 'error' | 'soft404' | 'suspect' | 'skipped';
  status?: number;
  finalUrl?: string;
  /** Short reason in both locales. */
  reason: MessageTemplates;
}

/** A link of the page: its absolute URL, text, and whether it sits in the footer. */
export interface LinkInfo {
  /** Absolute URL (resolved against the document base). */
  href: string;
  /** Raw attribute value as written. */
  rawHref: string;
  text: string;
  title?: string;
  inFooter: boolean;
  /** Range of the link text in model.text, when its text is visible. */
  start?: number;
  end?: number;
}

/** An image of the page: absolute src, alt, title, whether it sits in the footer. */
export interface ImageInfo {
  src: string;
  alt: string;
  title?: string;
  inFooter: boolean;
  /** href of the enclosing link, if any. */
  linkHref?: string;
}

/** A script of the page (external, or a loader URL found in an inline one): src, id and attributes. */
export interface ScriptInfo {
  src: string;
  id: string;
  /** All attributes (lower-cased names), e.g. sitecode of the 找错 widget. */
  attrs: Record<string, string>;
}

/**
 * A site search (站内搜索) offered by the page: a form the page submits (its action, method, the field that
 * takes the words, the other fields as the form sends them), a search box that only the page's scripts
 * submit, or a link to the site's search service. Found by lib/text-model/search-entries.ts.
 */
export interface SearchEntry {
  kind: 'form' | 'script' | 'link';
  /** Absolute URL the form submits to, or the link's target ('' for a box submitted by script). */
  action: string;
  method: 'get' | 'post';
  /** Name of the field that takes the search words (form only). */
  field?: string;
  /** The form's other named fields as it would send them (hidden channel ids, selects' chosen values). */
  fields?: Array<[string, string]>;
  /** The charset the form submits in (accept-charset, else the document's), lower-cased. */
  charset?: string;
  /** Range of the entry's visible text (its button or link text) in model.text, when it has any. */
  start?: number;
  end?: number;
}

/**
 * What the site-search test (lib/search) found, attached by the host that ran it (the background, the CLI):
 * works, broken (error status, soft 404, no result for a word that is on the home page), or untested
 * (time-out, a box only scripts submit, a result page whose results a script loads).
 */
export interface SearchTestSummary {
  verdict: 'works' | 'broken' | 'untested';
  /** The words searched for ('' when nothing was submitted). */
  term: string;
  /** The URL requested (with the query for a GET). */
  url: string;
  status?: number;
  /** Short reason in both locales. */
  reason: MessageTemplates;
}

/** A located date such as 发布时间：2026-11-20. */
export interface DatedText {
  date: string; // YYYY-MM-DD
  start: number;
  end: number;
}

/** The date printed with a list item. */
export interface ListItemDate {
  /** YYYY-MM-DD, or --MM-DD when the page leaves the year out ([11-20]); resolve with resolveDate(date, today). */
  date: string;
  /** Range of the date text in model.text. */
  start: number;
  end: number;
}

/** One entry of a list: its link, its date, and its range in model.text. */
export interface ListItem {
  href: string;
  /** The link's text (the item's title). */
  text: string;
  date?: ListItemDate;
  start: number;
  end: number;
}

/**
 * A repeated structure of linked items (ul/ol > li, table rows, repeated div/p siblings), or an empty list
 * container (items []), with the name of the column it shows. Built by lib/text-model/lists.ts.
 */
export interface ListInfo {
  /** 栏目名称: the list's own caption, else the page's breadcrumb (当前位置) or <title>; '' when none. */
  name: string;
  /** caption: a heading/title/更多 box of the list's block; breadcrumb, title: the page's. */
  nameSource: 'caption' | 'breadcrumb' | 'title' | 'none';
  /** Range of the name in model.text (absent when it came from <title>). */
  nameStart?: number;
  nameEnd?: number;
  inFooter: boolean;
  /** Range of the list in model.text (start === end for an empty container). */
  start: number;
  end: number;
  items: ListItem[];
}

/** The 政务新媒体 platforms GovReview reads (lib/newmedia/: one adapter per platform page kind). */
export type NewMediaPlatform = 'wechat' | 'weibo' | 'douyin' | 'kuaishou' | 'toutiao';

/** One post of a 政务新媒体 page: an item of an account's list, or the article or video the page shows. */
export interface NewMediaPost {
  /** Its time as the page prints it (2026-11-18 10:30, 11-18, 3天前, 昨天 12:30); '' when the page shows none. */
  dateText: string;
  /**
   * YYYY-MM-DD: set when the page gives a full date (a year, a timestamp, a full date in an attribute) or when the
   * text model was built with a reference (BuildOptions.newMediaReference); else the check resolves dateText
   * against the review date (lib/newmedia/dates.ts resolvePostDate).
   */
  date?: string;
  /** The date is an estimate: the page printed weeks, months or years ago (2周前, 1个月前). */
  approximate?: boolean;
  /** Pinned (置顶): shown first whatever its date, so never the account's newest post. */
  pinned: boolean;
  /** Absolute URL of the post, when the page links it. */
  url?: string;
  title?: string;
  /** The post shows no text of its own, only pictures or a video: counted as a post, not text-checked. */
  imageOnly: boolean;
  /** Range of its date text in model.text, when that text is visible. */
  start?: number;
  end?: number;
}

/**
 * What a 政务新媒体 page shows (an account's page with its posts, or one article or video), read by
 * lib/newmedia/ when the URL is a platform's. These pages render late and load more posts on scroll: this is
 * what the DOM held when the model was built (the content script rescans on changes).
 */
export interface NewMediaInfo {
  platform: NewMediaPlatform;
  /** account: a list of the account's posts (its home page, a WeChat 合集 or 历史消息); article: one post. */
  pageKind: 'account' | 'article' | 'unknown';
  /** The account as the page names it: 账号名称, an id the platform gives it (微博 uid, 抖音 sec_uid, __biz …), its page. */
  account: { name?: string; id?: string; url: string };
  /** A WeChat 合集 (appmsgalbum): its posts are one topic of the account's, not all of them. */
  album?: { name?: string; id?: string };
  /** The posts in page order (pinned ones included, marked). */
  posts: NewMediaPost[];
  /**
   * Why the page cannot tell when the account last posted: a login wall, a captcha, no posts, or posts that
   * print no date. Absent when some unpinned post is dated.
   */
  problem?: 'login' | 'captcha' | 'no-posts' | 'undated';
  /**
   * The reviewer marked this article as the account's newest (the popup's 标为该账号最新发布; attached by the host):
   * the 内容不更新 rule then judges its date as the account's.
   */
  markedNewest?: boolean;
}

/**
 * The serializable text model of one document (one frame). Built once per document by
 * lib/text-model/build.ts; the DOM map stays in the content script, this crosses contexts.
 */
export interface TextModel {
  url: string;
  title: string;
  /** Visible text of the frame: text nodes verbatim, '\n' inserted between blocks. */
  text: string;
  isTopFrame: boolean;
  lang?: string;
  /** Footer (页面底部功能区) range in text, when one was found. */
  footer?: { start: number; end: number };
  /** Main content per Readability (run on a clone). */
  main?: { title: string; text: string; byline?: string };
  publishDate?: DatedText;
  /** Lists of linked items and empty list containers, in document order (HTML pages only). */
  lists?: ListInfo[];
  /** ids and a[name] of the document, when some link points at a fragment of this page (for wrong #links). */
  anchors?: string[];
  /**
   * Verdicts of the links and images of this model, by absolute URL without fragment, attached by the host
   * that checked them (the background in the extension, the CLI): checks only read them.
   */
  linkResults?: Record<string, LinkResultSummary>;
  /** Site searches the page offers (HTML pages only; absent when none). */
  searches?: SearchEntry[];
  /** Charset of the document (document.characterSet, or what the CLI decoded it as), lower-cased. */
  charset?: string;
  /** Result of the site-search test, attached by the host that ran it (checks only read it). */
  searchTest?: SearchTestSummary;
  links: LinkInfo[];
  images: ImageInfo[];
  /** External scripts, plus loader URLs found in inline scripts (attrs["data-govreview-inline"]). */
  scripts: ScriptInfo[];
  /** A 政务新媒体 page (微信公众号, 微博, 抖音, 快手, 今日头条): its account and posts (lib/newmedia/). */
  newMedia?: NewMediaInfo;
  /** Source of the model: a DOM page, or a plain text file read line by line. */
  source: 'html' | 'text';
  /**
   * The page is written in traditional characters (a 繁體 version of a site): `text`, the title, the links'
   * and images' text and the main content are folded back to simplified, one character for one, so every
   * check reads it as the simplified site and every offset is the page's own (lib/text/traditional.ts).
   */
  traditional?: boolean;
  /** For a traditional page: its text as written (`text` folded), which a finding quotes (`Finding.text`). */
  written?: string;
  /** For a traditional page: its title as written (`title` folded), which a scan's result gives. */
  writtenTitle?: string;
  /** For source 'text': start offset of each line in text. */
  lineStarts?: number[];
}
