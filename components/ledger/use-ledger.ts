import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser, { type Storage } from 'webextension-polyfill';
import type { FindingRecord, Round, Site, SweepRecord } from '@/lib/db/records';
import type { SweepStatus } from '@/lib/extension/protocol';
import { sweepStatusOf } from '@/lib/extension/sweep-status';
import { GovReviewDb } from '@/lib/db/schema';
import { roundScores, type NamedSiteScore } from '@/lib/db/to-export';
import type { Locale } from '@/lib/engine/types';
import { createClient, RECHECK_STATE_KEY, type RecheckState } from '@/lib/extension/protocol';
import { normalizeSettings } from '@/lib/extension/settings';

/** The typed protocol, from the side panel to the background. */
export const send = createClient((msg) => browser.runtime.sendMessage(msg));

let db: GovReviewDb | undefined;
/** The ledger's connection to the database (an extension page, the background's origin). */
export const database = (): GovReviewDb => (db ??= new GovReviewDb());

/**
 * The value of a Dexie live query, kept current: Dexie re-runs the query when a write anywhere (this page,
 * the background recording or running 复查) touches what it read. `initial` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (v) => setValue(() => v),
      error: (err: unknown) => console.warn('[GovReview] ledger query failed', err),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}

/** A value of extension storage, read once and followed through storage.onChanged. */
function useStorageValue<T>(area: 'local' | 'session', key: string, read: (raw: unknown) => T): T {
  const [value, setValue] = useState<T>(() => read(undefined));
  useEffect(() => {
    let changed = false;
    void browser.storage[area].get(key).then(
      (got) => changed || setValue(() => read(got[key])),
      () => undefined,
    );
    const onChanged = (changes: Record<string, Storage.StorageChange>, name: string) => {
      if (name !== area || !(key in changes)) return;
      changed = true;
      setValue(() => read(changes[key].newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [area, key]);
  return value;
}

const readLocale = (raw: unknown): Locale => normalizeSettings(raw).lang;
const readRecheck = (raw: unknown): RecheckState | undefined => (raw && typeof raw === 'object' ? (raw as RecheckState) : undefined);

/**
 * What the side panel's ledger shows, kept current by `useLedger`: the reviewer's UI language, the rounds and
 * the one shown, every site, that round's findings and scores, and this session's 复查.
 */
export interface Ledger {
  locale: Locale;
  rounds: Round[];
  /** The round shown: the one chosen, else the latest; null while there is none. */
  roundId: number | null;
  round: Round | undefined;
  /** Choose a round; null for the latest. */
  selectRound(id: number | null): void;
  sites: Site[];
  /** The round's findings, in recording order (no screenshot: those are read when shown or exported). */
  rows: FindingRecord[];
  /** Each site's result by the indicators, from the rows (no screenshot read). */
  scores: NamedSiteScore[];
  /** The 复查 of this browser session (progress, then the report), as the background stores it. */
  recheck: RecheckState | undefined;
  /** The round's 全站巡检, newest first. */
  sweeps: SweepStatus[];
}

/** The ledger's data: live queries over the database and the 复查 state the background keeps. */
export function useLedger(): Ledger {
  const locale = useStorageValue('local', 'settings', readLocale);
  const recheck = useStorageValue('session', RECHECK_STATE_KEY, readRecheck);
  const rounds = useLiveQuery(() => database().rounds.toArray(), [], [] as Round[]);
  const [chosen, setChosen] = useState<number | null>(null);
  const round = rounds.find((r) => r.id === chosen) ?? rounds[rounds.length - 1];
  const roundId = round?.id ?? null;
  const fetched = useLiveQuery(
    () => (roundId === null ? Promise.resolve([]) : database().findings.where('roundId').equals(roundId).sortBy('id')),
    [roundId],
    [] as FindingRecord[],
  );
  // Until the query of a newly chosen round answers, the previous round's rows are not shown as this one's.
  const rows = useMemo(() => fetched.filter((r) => r.roundId === roundId), [fetched, roundId]);
  const sites = useLiveQuery(() => database().sites.toArray(), [], [] as Site[]);
  const scores = useMemo(() => (round ? roundScores({ round, sites, findings: rows }) : []), [round, sites, rows]);
  // The round's 全站巡检, newest first: progress while they run, their stale and blank columns once done.
  const sweepRows = useLiveQuery(
    () => (roundId === null ? Promise.resolve([] as SweepRecord[]) : database().sweeps.where('roundId').equals(roundId).reverse().sortBy('id')),
    [roundId],
    [] as SweepRecord[],
  );
  const sweeps = useMemo(() => sweepRows.map(sweepStatusOf), [sweepRows]);
  return { locale, rounds, roundId, round, selectRound: setChosen, sites, rows, scores, recheck, sweeps };
}
