import type { FrameSummary } from '@/lib/protocol';
import type { ScanResult } from '@/lib/types';

/**
 * The latest scan of each frame of each tab, in service-worker memory. It is rebuilt by the
 * content scripts' next scan after the worker restarts (findings that matter are recorded in the
 * database by the reviewer, not kept here).
 */
export class TabStore {
  private tabs = new Map<number, Map<number, FrameSummary>>();

  put(tabId: number, frameId: number, url: string, result: ScanResult): void {
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
    });
  }

  frames(tabId: number): FrameSummary[] {
    return [...(this.tabs.get(tabId)?.values() ?? [])].sort((a, b) => a.frameId - b.frameId);
  }

  clearFrame(tabId: number, frameId: number): void {
    this.tabs.get(tabId)?.delete(frameId);
  }

  clearTab(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
