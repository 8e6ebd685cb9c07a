import type { FrameSummary } from '@/lib/extension/protocol';
import type { ScanResult } from '@/lib/engine/types';

/**
 * The latest scan of each frame of each tab, in service-worker memory. It is rebuilt by the
 * content scripts' next scan after the worker restarts (findings that matter are recorded in the
 * database by the reviewer, not kept here).
 */
export class TabStore {
  private tabs = new Map<number, Map<number, FrameSummary>>();
  /** The URLs each frame's last model asks the link checker about (lib/links/targets.ts). */
  private targets = new Map<number, Map<number, string[]>>();

  put(tabId: number, frameId: number, url: string, result: ScanResult, linkTargets: string[] = [], pending: string[] = []): void {
    let t = this.targets.get(tabId);
    if (!t) this.targets.set(tabId, (t = new Map()));
    t.set(frameId, linkTargets);
    let frames = this.tabs.get(tabId);
    if (!frames) this.tabs.set(tabId, (frames = new Map()));
    const previous = frames.get(frameId);
    frames.set(frameId, {
      frameId,
      url,
      findings: result.findings,
      errors: result.errors,
      scannedAt: Date.now(),
      scans: (previous?.url === url ? previous.scans : 0) + 1,
      pending,
    });
  }

  /** Every link target of the tab's frames, each once. */
  linkTargets(tabId: number): string[] {
    return [...new Set([...(this.targets.get(tabId)?.values() ?? [])].flat())];
  }

  frames(tabId: number): FrameSummary[] {
    return [...(this.tabs.get(tabId)?.values() ?? [])].sort((a, b) => a.frameId - b.frameId);
  }

  clearFrame(tabId: number, frameId: number): void {
    this.tabs.get(tabId)?.delete(frameId);
    this.targets.get(tabId)?.delete(frameId);
  }

  clearTab(tabId: number): void {
    this.tabs.delete(tabId);
    this.targets.delete(tabId);
  }
}
