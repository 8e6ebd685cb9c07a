import browser, { type Runtime } from 'webextension-polyfill';
import { ensureScanning, syncAutoSites, syncNewMedia } from './access';
import { loadSettings, onSettingsChanged, updateSettings } from './settings-store';
import { originPattern, originsToAsk } from '@/lib/extension/access';
import { GrantWaiter, grantedFetch, mayFetch, splitByAccess } from './host-access';
import { isCommand, type Command } from '@/lib/extension/commands';
import { KeepWarm } from '@/lib/extension/keep-warm';
import { checks } from '@/lib/checks';
import { CATEGORIES, categoryLabel } from '@/lib/i18n/labels';
import { runChecks } from '@/lib/engine/engine';
import { createClient, dispatch, type CheckCatalog, type FrameSummary, type GrantTask, type Handlers } from '@/lib/extension/protocol';
import { siteKeyOf } from '@/lib/engine/hosts';
import { addIgnore, ignoreFor, isPaused, localDate, removeIgnore, setSitePaused, type Settings } from '@/lib/extension/settings';
import { linkTargets } from '@/lib/links/targets';
import type { Anchor, Category, IgnoreEntry, LinkResultSummary, TextModel } from '@/lib/engine/types';
import { hasEnglishText } from '@/lib/spell/english-text';
import { loadLanguageModel } from './language-model';
import { LazyResource } from './lazy-resource';
import { LinkRunner } from './link-runner';
import { SearchRunner } from './search-runner';
import { pauseSweep, restoreSweeps, resumeSweep, startSweep, sweepStatus } from './sweep';
import { planSearchTest } from '@/lib/search/search-test';
import { isHomePage } from '@/lib/text-model/page-kind';
import { roundNameOf } from '@/lib/db/records';
import { siteForUrl } from '@/lib/db/repo';
import type { SearchTestSummary } from '@/lib/engine/types';
import { restoreRecheck, startRecheck } from './recheck';
import { database, record } from './recorder';
import { loadSegmenter } from './segmenter';
import { loadSpeller } from './speller';
import { pingWorker } from './worker-ping';
import { TabStore } from './tab-store';

const store = new TabStore();
/** Findings reopened from the ledger, shown by the tab's top frame after its first scan. */
const pendingFocus = new Map<number, { anchor: Anchor; check: string; frameUrl?: string }>();
const toTab = (tabId: number) => createClient((msg) => browser.tabs.sendMessage(tabId, msg));
const links = new LinkRunner(
  (tabId, progress) => {
    void toTab(tabId)('background→content:linkProgress', progress).catch(() => undefined);
  },
  (tabId) => {
    void toTab(tabId)('background→content:rescan', {}).catch(() => undefined);
  },
  {
    load: async () => ((await browser.storage.session.get('linkVerdicts')).linkVerdicts ?? {}) as Record<string, LinkResultSummary>,
    save: (linkVerdicts) => browser.storage.session.set({ linkVerdicts }),
  },
  grantedFetch,
);
const linksRestored = links.restore();
const searches = new SearchRunner(
  // Only sites the reviewer may reach: a refused fetch is 未能检测, never 站内搜索无法使用.
  grantedFetch,
  (tabId) => {
    void toTab(tabId)('background→content:rescan', {}).catch(() => undefined);
  },
  {
    loadResults: async () => ((await browser.storage.session.get('searchTests')).searchTests ?? {}) as Record<string, SearchTestSummary>,
    saveResults: (searchTests) => browser.storage.session.set({ searchTests }),
    loadMarks: async () => ((await browser.storage.local.get('searchTested')).searchTested ?? []) as string[],
    saveMarks: (searchTested) => browser.storage.local.set({ searchTested }),
  },
);

/**
 * The site-search test around a scan of a tab's top frame: note what its home page offers, attach the result
 * known for it, and run the test by itself once per site and round when the site is in the ledger.
 */
async function prepareSearch(tabId: number | undefined, frameId: number, model: TextModel, today: string): Promise<void> {
  if (tabId === undefined || frameId !== 0) return;
  const plan = isHomePage(model) ? planSearchTest(model, today) : undefined;
  await searches.note(tabId, plan);
  if (!plan) return;
  const known = await searches.resultFor(model.url);
  if (known) {
    model.searchTest = known;
    return;
  }
  const site = await siteForUrl(database(), model.url).catch(() => undefined);
  // By itself only where no grant is needed (gov.cn) or was given: nothing asks the reviewer unbidden.
  if (site && (await mayFetch(model.url))) await searches.startOnce(tabId, roundNameOf(today), siteKeyOf(model.url));
}
// Loaded lazily, never awaited by a scan: the page shows the other checks' findings at once, and those of
// typo-context (the model) and typo-english (the dictionary) with the rescan that follows the load.
const rescanTab = (tabId: number) => void toTab(tabId)('background→content:rescan', {}).catch(() => undefined);
const languageModel = new LazyResource(loadLanguageModel, rescanTab, (err) => console.warn('[GovReview] the language model did not load', err));
const speller = new LazyResource(loadSpeller, rescanTab, (err) => console.warn('[GovReview] the English dictionary did not load', err));
// After each page the worker stays warm a while (lib/extension/keep-warm.ts): the reviewer's next page finds
// the model and jieba loaded instead of waiting for a cold start.
const warm = new KeepWarm(pingWorker);
const CATALOG: CheckCatalog = Object.fromEntries(checks.map((c) => [c.meta.id, { indicator: c.meta.indicator, messages: c.meta.messages }]));

/** The 政务新媒体 articles the reviewer marked as their account's newest (page URLs without fragment). */
async function newestMarks(): Promise<string[]> {
  const got = (await browser.storage.local.get('newestMarks')).newestMarks;
  return Array.isArray(got) ? got.filter((m): m is string => typeof m === 'string') : [];
}

/** The reference date of a scan: the reviewer's 审读日期, else today (the background owns the clock). */
function todayOf(s: Settings): string {
  return s.today ?? localDate(Date.now());
}

async function updateBadge(tabId: number): Promise<void> {
  const frames = store.frames(tabId);
  const count = frames.reduce((n, f) => n + f.findings.length, 0);
  const veto = frames.some((f) => f.findings.some((x) => x.severity === 'veto'));
  try {
    await browser.action.setBadgeText({ tabId, text: count ? String(count > 999 ? '999+' : count) : '' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: veto ? '#c62828' : '#ef6c00' });
  } catch {
    // The tab may have closed meanwhile; nothing to show then.
  }
}

/** Tells every content script in every tab that the settings changed (pause, review date). */
async function broadcastSettings(s: Settings, rescan = false): Promise<void> {
  const tabs = await browser.tabs.query({});
  const send = (tabId: number, url: string) =>
    createClient((msg) => browser.tabs.sendMessage(tabId, msg))('background→content:settingsChanged', {
      paused: isPaused(s.pause, url),
      today: todayOf(s),
      rescan,
    });
  await Promise.all(tabs.map((t) => (t.id !== undefined && t.url ? send(t.id, t.url).catch(() => undefined) : undefined)));
}

type Sender = Runtime.MessageSender;

/** Stores a 忽略 entry (for every site when host is null) and has every page scan again. */
async function storeIgnore(entry: IgnoreEntry, host: string | null): Promise<void> {
  await updateSettings((s) => addIgnore(s, entry, host), 'rescan');
}

const handlers: Handlers<Sender> = {
  async 'content→background:scan'({ model }, sender) {
    warm.touch();
    const [settings, segmenter] = await Promise.all([loadSettings(), loadSegmenter().catch(() => undefined)]);
    // Link verdicts already known this session (the reviewer started link checking) go to the link check.
    const targets = linkTargets(model);
    await linksRestored;
    const known = links.resultsFor(targets);
    if (known) model.linkResults = known;
    const tabId = sender.tab?.id;
    await prepareSearch(tabId, sender.frameId ?? 0, model, todayOf(settings));
    // An article the reviewer marked as its account's newest: the 内容不更新 rule judges its date.
    if (model.newMedia?.pageKind === 'article' && (await newestMarks()).includes(model.url.split('#')[0])) model.newMedia.markedNewest = true;
    const lm = languageModel.get(tabId);
    const wantsSpeller = hasEnglishText(model.text);
    const sp = wantsSpeller ? speller.get(tabId) : undefined;
    const loading = [...(lm ? [] : ['languageModel']), ...(wantsSpeller && !sp ? ['speller'] : [])];
    const result = runChecks(model, {
      today: todayOf(settings),
      checks,
      segmenter,
      languageModel: lm,
      speller: sp,
      ignore: ignoreFor(settings, sender.tab?.url ?? model.url),
    });
    if (tabId !== undefined) {
      store.put(tabId, sender.frameId ?? 0, model.url, result, targets, loading);
      void updateBadge(tabId);
    }
    // The finding to show goes to the scan of its frame: the page's own, or the frame it was recorded in.
    const pending = tabId !== undefined ? pendingFocus.get(tabId) : undefined;
    const mine = pending && (pending.frameUrl ? pending.frameUrl === model.url : (sender.frameId ?? 0) === 0);
    if (mine) pendingFocus.delete(tabId!);
    const focus = mine ? { anchor: pending.anchor, check: pending.check } : undefined;
    return { ...result, catalog: CATALOG, ...(focus && { focus }) };
  },
  async 'panel→background:ignore'({ text, scope, host }) {
    await storeIgnore({ text }, scope === 'global' ? null : host);
    return { ok: true as const };
  },
  async 'panel→background:openFinding'({ url, anchor, check, frameUrl }) {
    const tab = await browser.tabs.create({ url });
    if (tab.id === undefined) throw new Error('openFinding: no tab');
    if (anchor) pendingFocus.set(tab.id, { anchor, check, ...(frameUrl && frameUrl !== url && { frameUrl }) });
    return { tabId: tab.id };
  },
  async 'panel→background:recheck'({ roundId }) {
    return startRecheck(roundId, (await loadSettings()).today);
  },
  async 'content→background:getSettings'({ url }, sender) {
    const settings = await loadSettings();
    // Frames ask for their page: the site switch follows the tab's top-level host.
    return { paused: isPaused(settings.pause, sender.tab?.url ?? url), today: todayOf(settings), lang: settings.lang, capture: settings.capture };
  },
  async 'content→background:clearFrame'(_req, sender) {
    if (sender.tab?.id !== undefined) {
      store.clearFrame(sender.tab.id, sender.frameId ?? 0);
      void updateBadge(sender.tab.id);
    }
    return { ok: true as const };
  },
  async 'content→background:ignore'({ text, check, scope }, sender) {
    await storeIgnore(check ? { text, check } : { text }, scope === 'global' ? null : siteKeyOf(sender.tab?.url ?? ''));
    return { ok: true as const };
  },
  async 'popup→background:getTab'({ tabId }) {
    const settings = await loadSettings();
    const tab = await browser.tabs.get(tabId);
    const frames: FrameSummary[] = store.frames(tabId);
    const ignore = { site: settings.ignore.sites[siteKeyOf(tab.url ?? '')] ?? [], global: settings.ignore.global };
    return {
      url: tab.url ?? '',
      frames,
      paused: isPaused(settings.pause, tab.url ?? ''),
      pause: settings.pause,
      today: todayOf(settings),
      catalog: CATALOG,
      ignore,
      links: links.progress(tabId),
      search: searches.state(tabId),
      // Asked of Chrome per site: only while no check runs (the popup polls while one does, and needs them only to start).
      linkOrigins: links.progress(tabId).running ? [] : await withheldOrigins(store.linkTargets(tabId)),
    };
  },
  async 'popup→background:whenGranted'({ origins, task }) {
    return { ran: await grants.when(origins, task) };
  },
  async 'popup→background:activate'({ tabId }) {
    const tab = await browser.tabs.get(tabId);
    const settings = await loadSettings();
    return { access: await ensureScanning(tabId, settings.autoSites, settings.newMedia), origin: originPattern(tab.url ?? '') };
  },
  async 'popup→background:command'({ tabId, command }) {
    return runCommandInTab(tabId, command);
  },
  async 'popup→background:markNewest'({ tabId, on }) {
    const tab = await browser.tabs.get(tabId);
    const key = (tab.url ?? '').split('#')[0];
    const marks = await newestMarks();
    if (on !== undefined && key) {
      const next = on ? [...new Set([...marks, key])] : marks.filter((m) => m !== key);
      await browser.storage.local.set({ newestMarks: next });
      rescanTab(tabId);
      return { marked: on };
    }
    return { marked: marks.includes(key) };
  },
  async 'popup→background:setNewMedia'({ on }) {
    const settings = await updateSettings((s) => ({ ...s, newMedia: on }));
    await syncNewMedia(settings.newMedia);
    return { newMedia: settings.newMedia };
  },
  async 'popup→background:setAutoSite'({ origin, on }) {
    const settings = await updateSettings((s) => ({ ...s, autoSites: on ? [...s.autoSites, origin] : s.autoSites.filter((o) => o !== origin) }));
    await syncAutoSites(settings.autoSites);
    return { autoSites: settings.autoSites };
  },
  async 'popup→background:setPrefs'({ capture, lang }) {
    const settings = await updateSettings((s) => ({ ...s, capture: capture ?? s.capture, lang: lang ?? s.lang }));
    return { capture: settings.capture, lang: settings.lang };
  },
  async 'popup→background:checkLinks'({ tabId, action }) {
    return action === 'start' ? startLinks(tabId) : links.stop(tabId);
  },
  async 'popup→background:sweep'({ tabId, action, delayMs }) {
    const tab = tabId === undefined ? undefined : await browser.tabs.get(tabId);
    if (action === 'start') {
      if (!tab?.url || !/^https?:/.test(tab.url)) throw new Error('全站巡检 needs a web page');
      if (!(await mayFetch(tab.url))) throw new Error(`全站巡检：未授权访问 ${originPattern(tab.url)}`);
      return startSweep(tab.url, tab.title ?? '', todayOf(await loadSettings()), delayMs ?? 0);
    }
    if (action === 'pause') return pauseSweep();
    const status = await sweepStatus(tab?.url);
    if (action === 'resume' && status && status.state !== 'done') return resumeSweep(status.id);
    return status;
  },
  async 'popup→background:testSearch'({ tabId }) {
    return searches.start(tabId);
  },
  async 'content→background:record'(req, sender) {
    if (sender.tab?.windowId === undefined || sender.tab.id === undefined) throw new Error('record: not from a tab');
    const settings = await loadSettings();
    const frameId = sender.frameId ?? 0;
    // A finding in a frame is filed under the page the reviewer visited (the tab's), as reviewers report it;
    // the frame's own URL stays on the finding (frameUrl). The frame's footer is not the page's: no proposal from it.
    const page = frameId !== 0 && sender.tab.url ? { pageUrl: sender.tab.url, pageTitle: sender.tab.title ?? '', siteCode: undefined, sponsor: undefined } : {};
    return record({ ...req, ...page, windowId: sender.tab.windowId, tabId: sender.tab.id, frameId }, todayOf(settings), settings.capture);
  },
  async 'content→background:stopLinks'(_req, sender) {
    return sender.tab?.id === undefined ? links.progress(-1) : links.stop(sender.tab.id);
  },
  async 'popup→background:removeIgnore'({ entry, scope, host }) {
    await updateSettings((s) => removeIgnore(s, entry, scope === 'global' ? null : (host ?? '')), 'rescan');
    return { ok: true as const };
  },
  async 'popup→background:setPause'({ scope, host, paused }) {
    const site = siteKeyOf(`https://${host ?? ''}`) || (host ?? '');
    const settings = await updateSettings(
      (s) => ({ ...s, pause: scope === 'global' ? { ...s.pause, global: paused } : setSitePaused(s.pause, site, paused) }),
      'notify',
    );
    return settings.pause;
  },
  async 'popup→background:setToday'({ today }) {
    // normalizeSettings keeps a YYYY-MM-DD date and drops anything else (null: today).
    const settings = await updateSettings((s) => ({ ...s, today }), 'rescan');
    return { today: todayOf(settings) };
  },
};

/** Checks the links of a tab whose sites are held; the others wait for the reviewer's grant (no verdict, no finding). */
async function startLinks(tabId: number) {
  const { held, withheld } = await splitByAccess(store.linkTargets(tabId));
  return links.start(tabId, held, withheld.length);
}

/** The sites of these links that need a grant and do not have it. */
async function withheldOrigins(urls: readonly string[]): Promise<string[]> {
  return originsToAsk((await splitByAccess(urls)).withheld);
}

/** What the background does once the reviewer's grant arrives (the popup asked for it). */
async function runGranted(task: GrantTask): Promise<unknown> {
  switch (task.kind) {
    case 'checkLinks':
      return startLinks(task.tabId);
    case 'autoSite':
      return handlers['popup→background:setAutoSite']!({ origin: task.origin, on: true }, {} as Sender);
    case 'newMedia':
      return handlers['popup→background:setNewMedia']!({ on: true }, {} as Sender);
    case 'testSearch':
      return searches.start(task.tabId);
    case 'sweep':
      return handlers['popup→background:sweep']!({ tabId: task.tabId, action: 'start', delayMs: task.delayMs }, {} as Sender);
  }
}
const grants = new GrantWaiter(runGranted);

/** A shortcut for the tab's top frame (the scanner there moves to a finding, or records or ignores the open one). */
async function runCommandInTab(tabId: number, command: Command): Promise<{ ok: boolean; text?: string }> {
  const toTab = createClient((msg) => browser.tabs.sendMessage(tabId, msg, { frameId: 0 }));
  return toTab('background→content:command', { command }).catch(() => ({ ok: false }));
}

/** 记录为问题 on selected text, one entry per 问题类型 (a manual finding the checks could not make). */
function setUpContextMenu(): void {
  browser.contextMenus.removeAll().then(
    () => {
      browser.contextMenus.create({ id: 'govreview-record', title: '记录为问题（GovReview）', contexts: ['selection'] });
      for (const c of CATEGORIES)
        browser.contextMenus.create({ id: `govreview-record:${c}`, parentId: 'govreview-record', title: categoryLabel(c), contexts: ['selection'] });
    },
    () => undefined,
  );
}

export function startBackground(): void {
  browser.runtime.onInstalled.addListener(setUpContextMenu);
  browser.runtime.onStartup.addListener(setUpContextMenu);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const id = String(info.menuItemId);
    if (!id.startsWith('govreview-record:') || tab?.id === undefined) return;
    const category = id.slice('govreview-record:'.length) as Category;
    void createClient((msg) => browser.tabs.sendMessage(tab.id!, msg, { frameId: info.frameId ?? 0 }))('background→content:recordSelection', {
      category,
    }).catch(() => undefined);
  });
  onSettingsChanged(broadcastSettings);
  // The reviewer granted hosts (Chrome's dialog, which the popup opened): the tasks waiting for them run.
  browser.permissions.onAdded.addListener(() => void grants.granted());
  // Keyboard shortcuts (the manifest's commands): the key grants activeTab, so a page not read yet is read first.
  browser.commands.onCommand.addListener((command: string, tab?: { id?: number }) => {
    if (!isCommand(command) || tab?.id === undefined) return;
    const tabId = tab.id;
    void loadSettings()
      .then((settings) => ensureScanning(tabId, settings.autoSites, settings.newMedia))
      .then(() => runCommandInTab(tabId, command));
  });
  // The reviewer's sites (本站自动审读) get the content script as they open.
  void loadSettings()
    .then((settings) => Promise.all([syncAutoSites(settings.autoSites), syncNewMedia(settings.newMedia)]))
    .catch((err) => console.warn('[GovReview] sites read as they open', err));
  // Load jieba as the worker starts, so that the first scan does not wait for it.
  void loadSegmenter().catch((err) => console.warn('[GovReview] jieba did not load', err));
  restoreRecheck();
  restoreSweeps();
  browser.runtime.onMessage.addListener((msg: unknown, sender: Sender) => dispatch(handlers, msg, sender));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url) {
      store.clearTab(tabId);
      links.forget(tabId);
      searches.forget(tabId);
      void updateBadge(tabId);
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    store.clearTab(tabId);
    links.forget(tabId);
    searches.forget(tabId);
    languageModel.forget(tabId);
    speller.forget(tabId);
  });
}
