/**
 * A resource the checks can do without for a moment (the language model, the English dictionary): the
 * first scan that wants it starts the load and goes on without it; the tabs that scanned meanwhile are
 * told to scan again once it is ready, so their first highlights never wait for it.
 */
export class LazyResource<T> {
  private value: T | undefined;
  private loading: Promise<T> | undefined;
  private readonly waiting = new Set<number>();

  constructor(
    private readonly load: () => Promise<T>,
    /** Called once the resource is ready, for each tab that scanned without it. */
    private readonly rescan: (tabId: number) => void,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** The resource now, or undefined while it loads (the tab is then rescanned when it is ready). */
  get(tabId: number | undefined): T | undefined {
    if (this.value !== undefined) return this.value;
    if (tabId !== undefined) this.waiting.add(tabId);
    this.loading ??= this.load().then(
      (v) => {
        this.value = v;
        const tabs = [...this.waiting];
        this.waiting.clear();
        for (const t of tabs) this.rescan(t);
        return v;
      },
      (err: unknown) => {
        // Retried by the next scan that wants it.
        this.loading = undefined;
        this.waiting.clear();
        this.onError(err);
        throw err;
      },
    );
    this.loading.catch(() => undefined);
    return undefined;
  }

  /** Waits for the resource (for hosts that may wait: 复查, benchmarks). */
  async ready(): Promise<T> {
    if (this.value !== undefined) return this.value;
    this.get(undefined);
    return this.loading!;
  }

  /** A tab went away or navigated: nothing to rescan there. */
  forget(tabId: number): void {
    this.waiting.delete(tabId);
  }
}
