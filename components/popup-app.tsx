import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { categoryLabel, SEVERITIES, severityLabel } from '@/lib/i18n/labels';
import { messageOf } from '@/lib/extension/finding-text';
import { isCommand, type Command } from '@/lib/extension/commands';
import { createClient, type Res } from '@/lib/extension/protocol';
import { siteKeyOf } from '@/lib/engine/hosts';
import { CAPTURE_MODES, normalizeSettings, type CaptureMode } from '@/lib/extension/settings';
import type { Finding, Locale } from '@/lib/engine/types';
import { siteForUrl } from '@/lib/db/repo';
import type { Site } from '@/lib/db/records';
import { GovReviewDb } from '@/lib/db/schema';
import { tr } from '@/lib/i18n/ui-strings';
import { PaletteStyle } from './theme';
import { platformPage } from '@/lib/newmedia';
import { SweepView } from './sweep-panel';
import { withHosts } from './host-grant';
import { NEWMEDIA_MATCHES, originsToAsk } from '@/lib/extension/access';
import type { SweepStatus } from '@/lib/extension/protocol';

const send = createClient((msg) => browser.runtime.sendMessage(msg));
/** The typed client for one frame's content script. */
const toFrame = (tabId: number, frameId: number) => createClient((msg) => browser.tabs.sendMessage(tabId, msg, { frameId }));
type TabState = Res<'popup→background:getTab'>;

/** The toolbar popup: the current tab's findings, the pause switches and the review date. */
export function PopupApp() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [capture, setCapture] = useState<CaptureMode>('visible');
  const [error, setError] = useState('');

  const refresh = async (id: number) => {
    try {
      setState(await send('popup→background:getTab', { tabId: id }));
    } catch (e) {
      setError(String(e));
    }
  };

  // 全站巡检 of this tab's site: its state, followed while it runs.
  const [sweep, setSweep] = useState<SweepStatus | null>(null);
  const sweepAction = async (action: 'start' | 'pause' | 'resume' | 'status') => {
    if (tabId === null) return;
    try {
      // A site off gov.cn: the reviewer grants it first (the background starts the sweep then).
      if (action === 'start' && state && (await withHosts(send, originsToAsk([state.url]), { kind: 'sweep', tabId })) === 'denied') {
        setError(tr('hostDenied', locale));
        return;
      }
      setSweep(await send('popup→background:sweep', { tabId, action: action === 'start' ? 'status' : action }));
    } catch (e) {
      setError(String(e));
    }
  };
  useEffect(() => {
    if (tabId !== null) void sweepAction('status');
  }, [tabId]);
  useEffect(() => {
    if (sweep?.state !== 'running') return;
    const timer = setInterval(() => void sweepAction('status'), 700);
    return () => clearInterval(timer);
  }, [sweep?.state, tabId]);
  // While links are being checked or the search tested, follow the progress.
  const busy = !!state?.links.running || !!state?.search.running;
  useEffect(() => {
    if (!busy || tabId === null) return;
    const timer = setInterval(() => void refresh(tabId), 500);
    return () => clearInterval(timer);
  }, [busy, tabId]);

  useEffect(() => {
    void (async () => {
      const got = normalizeSettings((await browser.storage.local.get('settings')).settings);
      setLocale(got.lang);
      setCapture(got.capture);
      setNewMediaState(got.newMedia);
      // ?tab=<id> opens the popup for a given tab (as a page, e.g. pinned in its own window).
      const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
      const id = fromQuery || (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) return;
      setTabId(id);
      // The reviewer's click on the toolbar button: a page not read as it opened is read now (activeTab).
      const got2 = await send('popup→background:activate', { tabId: id }).catch(() => null);
      if (got2) setAccess(got2);
      await refresh(id);
      // A page just injected scans a moment later: read its findings again.
      if (got2?.access === 'clicked' || got2?.access === 'site') setTimeout(() => void refresh(id), 800);
    })();
  }, []);

  const [access, setAccess] = useState<Res<'popup→background:activate'> | null>(null);
  // The keyboard shortcuts as the browser has them (the reviewer may have changed the keys).
  const [commands, setCommands] = useState<Array<{ name: Command; shortcut: string; description: string }>>([]);
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((all) =>
        setCommands(all.flatMap((c) => (isCommand(c.name) ? [{ name: c.name, shortcut: c.shortcut ?? '', description: c.description ?? c.name }] : []))),
      )
      .catch(() => undefined);
  }, []);
  const runCommand = async (command: Command) => {
    if (tabId === null) return;
    await send('popup→background:command', { tabId, command });
  };
  /** 开启政务新媒体审读: the platforms' pages are read as they open (a content script registered for them). */
  const [newMedia, setNewMediaState] = useState(false);
  const onPlatform = !!state?.url && !!platformPage(state.url);
  const setNewMedia = async (on: boolean) => {
    try {
      // On: the platforms' hosts are asked for first; the background switches the reading on once they are granted.
      if (on && (await withHosts(send, [...NEWMEDIA_MATCHES], { kind: 'newMedia' })) === 'denied') {
        setError(tr('hostDenied', locale));
        return;
      }
      const got = on ? { newMedia: true } : await send('popup→background:setNewMedia', { on });
      setNewMediaState(got.newMedia);
      if (got.newMedia && tabId !== null) {
        const again = await send('popup→background:activate', { tabId });
        setAccess(again);
        setTimeout(() => void refresh(tabId), 800);
      }
    } catch (e) {
      setError(String(e));
    }
  };
  /** 标为该账号最新发布, on a 政务新媒体 article. */
  const onArticle = !!state?.url && platformPage(state.url)?.kind === 'article';
  const [markedNewest, setMarkedNewest] = useState(false);
  useEffect(() => {
    if (tabId !== null && onArticle) void send('popup→background:markNewest', { tabId }).then((r) => setMarkedNewest(r.marked));
  }, [tabId, onArticle]);
  const markNewest = async (on: boolean) => {
    if (tabId === null) return;
    setMarkedNewest((await send('popup→background:markNewest', { tabId, on })).marked);
    setTimeout(() => void refresh(tabId), 800);
  };
  /** 本站自动审读: this site is read as it opens from now on (or no more). */
  const setAutoSite = async (on: boolean) => {
    if (!access?.origin) return;
    if (on) {
      // The site is asked for first (Chrome's dialog); the background registers the reading once it is granted.
      if ((await withHosts(send, [access.origin], { kind: 'autoSite', origin: access.origin })) === 'denied') {
        setError(tr('hostDenied', locale));
        return;
      }
    } else await send('popup→background:setAutoSite', { origin: access.origin, on });
    setAccess({ ...access, access: on ? 'site' : 'clicked' });
  };

  const [recordMsg, setRecordMsg] = useState('');
  // The site the page is filed under (by host), read from the database; again after each recording.
  const [site, setSite] = useState<Site | null | undefined>(undefined);
  useEffect(() => {
    const url = state?.url;
    if (!url || !/^https?:/.test(url)) return;
    const db = new GovReviewDb();
    void siteForUrl(db, url)
      .then((s) => setSite(s ?? null))
      .catch(() => setSite(undefined))
      .finally(() => db.close());
  }, [state?.url, recordMsg]);
  /** 记录 goes through the frame's content script: it knows where the finding is for the screenshot. */
  const record = async (frameId: number, frameUrl: string, keys: string[] | 'all', quiet = false) => {
    if (tabId === null) return { recorded: 0, before: 0 };
    const got = await toFrame(tabId, frameId)('popup→content:record', { frameUrl, keys }).catch(() => ({ recorded: 0, before: 0 }));
    if (!quiet) setRecordMsg(`${tr('recordedN', locale)} ${got.recorded}${got.before ? `，${tr('recordedBeforeN', locale)} ${got.before}` : ''}`);
    return got;
  };
  const recordAll = async () => {
    let recorded = 0;
    let before = 0;
    // One message when every frame is done (a frame's count alone would read as the page's).
    setRecordMsg(tr('recording', locale));
    for (const frame of state?.frames ?? []) {
      const r = await record(frame.frameId, frame.url, 'all', true);
      recorded += r.recorded;
      before += r.before;
    }
    setRecordMsg(`${tr('recordedN', locale)} ${recorded}${before ? `，${tr('recordedBeforeN', locale)} ${before}` : ''}`);
  };

  /** 可见区域 / 整页: what every recording's screenshot shows from now on (card, popup, context menu). */
  const chooseCapture = async (next: CaptureMode) => {
    setCapture((await send('popup→background:setPrefs', { capture: next })).capture);
  };

  const toggleLang = async () => {
    setLocale((await send('popup→background:setPrefs', { lang: locale === 'zh-CN' ? 'en' : 'zh-CN' })).lang);
  };

  const findings: Array<{ f: Finding; index: number; frameId: number; frameUrl: string; top: boolean }> = [];
  for (const frame of state?.frames ?? [])
    frame.findings.forEach((f, index) => findings.push({ f, index, frameId: frame.frameId, frameUrl: frame.url, top: frame.frameId === 0 }));
  const errors = (state?.frames ?? []).flatMap((fr) => fr.errors);
  const focusFinding = (key: string, frameUrl: string, frameId: number) =>
    tabId !== null && void toFrame(tabId, frameId)('popup→content:focusFinding', { key, frameUrl }).catch(() => undefined);
  const host = state ? siteKeyOf(state.url) : '';

  return (
    <div class="popup">
      <PaletteStyle />
      <header>
        <span class="logo" aria-hidden="true">
          审
        </span>
        <h1>{tr('title', locale)}</h1>
        <button type="button" onClick={toggleLang}>
          {tr('language', locale)}
        </button>
      </header>
      <section class="counts">
        {SEVERITIES.map((s) => (
          <span class={`stat sev-${s}`} key={s}>
            <b>{findings.filter((x) => x.f.severity === s).length}</b> {severityLabel(s, locale)}
          </span>
        ))}
      </section>
      <section class="settings">
        <label>
          <input
            type="checkbox"
            checked={state?.pause.global ?? false}
            onChange={async (e) => {
              await send('popup→background:setPause', { scope: 'global', paused: (e.target as HTMLInputElement).checked });
              if (tabId !== null) await refresh(tabId);
            }}
          />
          {tr('pauseAll', locale)}
        </label>
        <label>
          <input
            type="checkbox"
            disabled={!host}
            checked={!!host && (state?.pause.sites.includes(host) ?? false)}
            onChange={async (e) => {
              await send('popup→background:setPause', { scope: 'site', host, paused: (e.target as HTMLInputElement).checked });
              if (tabId !== null) await refresh(tabId);
            }}
          />
          {tr('pauseSite', locale)} <span class="muted">{host}</span>
        </label>
        <label>
          <span class="field-label">{tr('reviewDate', locale)}</span>
          <input
            type="date"
            value={state?.today ?? ''}
            onChange={async (e) => {
              const v = (e.target as HTMLInputElement).value;
              await send('popup→background:setToday', { today: v || null });
              if (tabId !== null) await refresh(tabId);
            }}
          />
        </label>
      </section>
      <section class="ledger">
        {site !== undefined && (
          <p class="site-line">
            {tr('siteName', locale)}：
            {site ? (
              <>
                <b>{site.name}</b>
                <span class="muted">
                  {' '}
                  {site.siteCode || tr('noSiteCode', locale)}
                  {site.region && ` · ${site.region}`}
                </span>
                {site.proposed && <span class="proposed"> {tr('proposed', locale)}</span>}
              </>
            ) : (
              <span class="muted">{tr('siteUnregistered', locale)}</span>
            )}
          </p>
        )}
        <button
          type="button"
          class="open-ledger primary"
          onClick={async () => {
            // Opening the side panel needs this click (a user gesture); a tab is the fallback.
            const side = (globalThis as unknown as { chrome?: { sidePanel?: { open(o: { windowId: number }): Promise<void> } } }).chrome?.sidePanel;
            const win = await browser.windows.getCurrent();
            if (side && win.id !== undefined)
              await side.open({ windowId: win.id }).catch(() => browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') }));
            else await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
          }}
        >
          {tr('openLedger', locale)}
        </button>
      </section>
      {commands.length > 0 && (
        <details class="shortcuts">
          <summary>{tr('shortcuts', locale)}</summary>
          <ul>
            {commands.map((c) => (
              <li key={c.name}>
                <button type="button" class={`command command-${c.name}`} onClick={() => void runCommand(c.name)}>
                  {tr(c.name, locale)}
                </button>{' '}
                <kbd>{c.shortcut || tr('noShortcut', locale)}</kbd>
              </li>
            ))}
          </ul>
          <p class="muted">{tr('shortcutsHint', locale)}</p>
        </details>
      )}
      <section class="links">
        <button
          type="button"
          class="check-links"
          disabled={tabId === null || !state?.frames.length}
          onClick={async () => {
            if (tabId === null) return;
            const starting = !state?.links.running;
            // Links to sites off gov.cn: Chrome asks the reviewer for those hosts (one dialog); the links on hosts
            // held are checked at once, the others once they are granted (the background restarts the check).
            const asking = starting && state?.linkOrigins.length ? withHosts(send, state.linkOrigins, { kind: 'checkLinks', tabId }) : undefined;
            await send('popup→background:checkLinks', { tabId, action: starting ? 'start' : 'stop' });
            await refresh(tabId);
            if (asking && (await asking) === 'denied') setError(tr('hostDenied', locale));
          }}
        >
          {tr(state?.links.running ? 'stopLinks' : 'checkLinks', locale)}
        </button>{' '}
        {!!state?.links.total && (
          <span class="muted link-progress">
            {tr('linkProgress', locale)} {state.links.done}/{state.links.total}，{tr('linkBad', locale)} {state.links.bad}，{tr('linkSuspect', locale)}{' '}
            {state.links.suspect}
            {!!state.links.withheld && <span class="links-withheld">，{tr('linksWithheld', locale, state.links.withheld)}</span>}
          </span>
        )}
      </section>
      {onArticle && newMedia && (
        <section class="mark-newest">
          <button type="button" class={markedNewest ? 'unmark-newest' : 'mark-newest'} onClick={() => void markNewest(!markedNewest)}>
            {tr(markedNewest ? 'unmarkNewest' : 'markNewest', locale)}
          </button>{' '}
          <span class="muted">{tr('markNewestHint', locale)}</span>
        </section>
      )}
      <section class="site-sweep">
        <h2 class="section-title">
          <span>{tr('sweep', locale)}</span>{' '}
          {(!sweep || sweep.state === 'done' || sweep.state === 'failed') && (
            <button type="button" class="sweep-start" disabled={tabId === null || !/^https?:/.test(state?.url ?? '')} onClick={() => void sweepAction('start')}>
              {tr(sweep ? 'sweepAgain' : 'sweepStart', locale)}
            </button>
          )}
          {sweep?.state === 'running' && (
            <button type="button" class="sweep-pause" onClick={() => void sweepAction('pause')}>
              {tr('sweepPause', locale)}
            </button>
          )}
          {sweep?.state === 'paused' && (
            <button type="button" class="sweep-resume" onClick={() => void sweepAction('resume')}>
              {tr('sweepResume', locale)}
            </button>
          )}
        </h2>
        {sweep ? <SweepView sweep={sweep} locale={locale} /> : <p class="muted">{tr('sweepHint', locale)}</p>}
      </section>
      {state?.search.testable && (
        <section class="site-search">
          <button
            type="button"
            class="test-search"
            disabled={tabId === null || state.search.running}
            onClick={async () => {
              if (tabId === null) return;
              // The background submits the search once the site is held (gov.cn) or granted.
              if ((await withHosts(send, originsToAsk([state.url]), { kind: 'testSearch', tabId })) === 'denied') setError(tr('hostDenied', locale));
              await refresh(tabId);
            }}
          >
            {tr(state.search.result ? 'retestSearch' : 'testSearch', locale)}
          </button>{' '}
          <span class={`muted search-status${state.search.result ? ` search-${state.search.result.verdict}` : ''}`}>
            {state.search.running
              ? tr('searchRunning', locale)
              : state.search.result
                ? `${tr(state.search.result.verdict === 'works' ? 'searchWorks' : state.search.result.verdict === 'broken' ? 'searchBroken' : 'searchUntested', locale)}：${state.search.result.reason[locale]}`
                : tr('searchNotTested', locale)}
          </span>
        </section>
      )}
      <section class="page-findings">
        <label>
          <span class="field-label">{tr('capture', locale)}</span>
          <select class="capture-mode" value={capture} onChange={(e) => void chooseCapture((e.target as HTMLSelectElement).value as CaptureMode)}>
            {CAPTURE_MODES.map((m) => (
              <option value={m} key={m}>
                {tr(m === 'fullPage' ? 'captureFullPage' : 'captureVisible', locale)}
              </option>
            ))}
          </select>
        </label>
        <h2 class="section-title">
          <span>{tr('findings', locale)}</span>{' '}
          <button type="button" class="record-all primary" disabled={!findings.length} onClick={() => void recordAll()}>
            {tr('recordAll', locale)}
          </button>
        </h2>
        {recordMsg && <p class="muted record-msg">{recordMsg}</p>}
        {error && <p class="error">{error}</p>}
        {access && access.access !== 'always' && (
          <p class={`muted access access-${access.access}`}>
            {tr(access.access === 'clicked' ? 'accessClicked' : access.access === 'site' ? 'accessGranted' : 'accessUnavailable', locale)}{' '}
            {onPlatform && !newMedia && (
              <button type="button" class="grant-newmedia" onClick={() => void setNewMedia(true)}>
                {tr('grantNewMedia', locale)}
              </button>
            )}
            {onPlatform && newMedia && (
              <button type="button" class="revoke-newmedia" onClick={() => void setNewMedia(false)}>
                {tr('revokeNewMedia', locale)}
              </button>
            )}
            {!onPlatform && access.access === 'clicked' && access.origin && (
              <button type="button" class="grant-site" onClick={() => void setAutoSite(true)}>
                {tr('grantSite', locale)}
              </button>
            )}
            {!onPlatform && access.access === 'site' && (
              <button type="button" class="revoke-site" onClick={() => void setAutoSite(false)}>
                {tr('revokeSite', locale)}
              </button>
            )}
          </p>
        )}
        {!state?.frames.length && (
          <div class="empty">
            <p class="empty-title">{state?.paused ? tr('notScanned', locale) : tr('notScanned', locale)}</p>
            <p class="muted">{tr('notScannedHint', locale)}</p>
          </div>
        )}
        {state?.frames.some((fr) => fr.pending?.length) && <p class="muted model-loading">{tr('modelLoading', locale)}</p>}
        {!!state?.frames.length && !findings.length && (
          <div class="empty">
            <p class="empty-title">{tr('none', locale)}</p>
            <p class="muted">{tr('noneHint', locale)}</p>
          </div>
        )}
        <ul class="findings">
          {findings.map(({ f, index, frameId, frameUrl, top }) => (
            <li
              key={`${frameUrl}#${f.key ?? index}`}
              // A row is a control: click, Enter or Space shows the finding in the page.
              // biome-ignore lint/a11y/noNoninteractiveTabindex: the list row itself is the control (it holds block content a button may not)
              tabIndex={0}
              onClick={() => f.key && focusFinding(f.key, frameUrl, frameId)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && f.key && focusFinding(f.key, frameUrl, frameId)}
            >
              <span class={`chip c-${f.category}`}>{categoryLabel(f.category, locale)}</span>{' '}
              <span class={`sev sev-${f.severity}`}>{severityLabel(f.severity, locale)}</span> {messageOf(f, state?.catalog[f.check], locale)}
              {f.text && <div class="text">{f.text}</div>}
              {f.suggestion && (
                <div class="muted">
                  {tr('suggestion', locale)}：{f.suggestion}
                </div>
              )}
              {f.start === undefined && <span class="muted"> ({tr('pageLevel', locale)})</span>}
              {!top && <span class="muted"> ({tr('frame', locale)})</span>}{' '}
              <button
                type="button"
                class="record-one"
                onClick={(e) => {
                  e.stopPropagation();
                  if (f.key) void record(frameId, frameUrl, [f.key]);
                }}
              >
                {tr('recordOne', locale)}
              </button>
            </li>
          ))}
        </ul>
        {!!state && state.ignore.site.length + state.ignore.global.length > 0 && (
          <details class="ignored">
            <summary>
              {tr('ignored', locale)} ({state.ignore.site.length + state.ignore.global.length})
            </summary>
            <ul>
              {(['site', 'global'] as const).flatMap((scope) =>
                state.ignore[scope].map((entry) => (
                  <li key={`${scope}|${entry.check ?? ''}|${entry.text}`}>
                    <span class="text">{entry.text}</span>{' '}
                    <span class="muted">
                      {entry.check ?? ''} · {tr(scope === 'site' ? 'ignoredSite' : 'ignoredGlobal', locale)}
                    </span>{' '}
                    <button
                      type="button"
                      class="unignore"
                      onClick={async () => {
                        await send('popup→background:removeIgnore', { entry, scope, host });
                        if (tabId !== null) await refresh(tabId);
                      }}
                    >
                      {tr('unignore', locale)}
                    </button>
                  </li>
                )),
              )}
            </ul>
          </details>
        )}
        {!!errors.length && (
          <p class="error">
            {tr('engineErrors', locale)}: {errors.map((e) => `${e.check}: ${e.message}`).join('; ')}
          </p>
        )}
      </section>
    </div>
  );
}
