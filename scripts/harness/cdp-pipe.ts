/**
 * Chromium driven over the DevTools protocol on a pipe, without Playwright: for what Playwright changes by
 * being there. Playwright attaches to every service worker, and Chrome never stops a worker that DevTools
 * is attached to (an extension's worker ran 45 s idle under it, where Chrome stops it after 30 s). Here the
 * browser's targets are only discovered, so the worker lives and stops as it would for a reviewer; a page
 * is attached to (flat sessions) where the test needs to read it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM, extensionArgs } from './browser';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface PipeBrowser {
  /** Sends a command (to a page's session when `sessionId` is given) and resolves with its result. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** The extension service workers running now. */
  workers(): Promise<TargetInfo[]>;
  /** Opens a page and attaches to it; returns its target id and session. */
  open(url: string): Promise<{ targetId: string; sessionId: string }>;
  /** Evaluates an expression in a page's session and returns its value. */
  evaluate<T>(sessionId: string, expression: string): Promise<T>;
  close(): Promise<void>;
}

export async function launchOverPipe(extensionDir: string): Promise<PipeBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'govreview-pipe-'));
  const proc: ChildProcess = spawn(
    CHROMIUM,
    ['--headless=new', `--user-data-dir=${userDataDir}`, ...extensionArgs(extensionDir), '--remote-debugging-pipe', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = proc.stdio[3] as Writable;
  const fromBrowser = proc.stdio[4] as Readable;
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let buffer = '';
  // Decoded as a stream: a chunk may end inside a character of a message's Chinese text.
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
      buffer = buffer.slice(end + 1);
      // Events (no id) are not listened to: targets are asked for when needed.
      if (message.id === undefined) continue;
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error.message));
      else p?.resolve(message.result);
    }
  });
  proc.once('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`Chromium exited (${code}) before answering`));
    pending.clear();
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) })}\0`);
    });
  const isWorker = (t: TargetInfo) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://');
  const workers = async () => (await send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos.filter(isWorker);
  await send('Target.setDiscoverTargets', { discover: true });
  return {
    send,
    workers,
    async open(url) {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url });
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      return { targetId, sessionId };
    },
    async evaluate<T>(sessionId: string, expression: string) {
      const r = await send<{ result: { value: T } }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
      return r.result.value;
    },
    async close() {
      const exited = new Promise((r) => proc.once('exit', r));
      // Asked to close, Chromium ends its helper processes too; a kill only if it does not.
      await Promise.race([send('Browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      // A helper may still be writing to the profile a moment after the browser process ends.
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
