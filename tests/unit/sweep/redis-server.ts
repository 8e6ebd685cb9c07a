/**
 * A real redis-server for the queue tests (no mock): started on a free port of 127.0.0.1 with nothing saved
 * (`--save '' --appendonly no`, its folder a temporary one), killed after. When redis-server is missing the tests
 * fail with a message saying how to install it (.ci/run installs it); they are never skipped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A redis-server of the tests. */
export interface TestRedis {
  url: string;
  port: number;
  /** Kills it (SIGKILL: nothing to save) and removes its folder. */
  stop(): Promise<void>;
}

/** The redis-server binary: $REDIS_SERVER, else the first on PATH (or /usr/bin). */
export function redisServerBinary(): string | undefined {
  const candidates = process.env.REDIS_SERVER
    ? [process.env.REDIS_SERVER]
    : [...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'redis-server')), '/usr/bin/redis-server', '/usr/sbin/redis-server'];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** Whether something on `port` answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let data = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\r\n')) done(data.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/** Starts a redis-server; throws (with how to install it) when there is none. */
export async function startRedis(): Promise<TestRedis> {
  const bin = redisServerBinary();
  if (!bin)
    throw new Error(
      'redis-server is not installed: the queue tests (npm run crawl -- --queue) need a real Redis. Install it with `apt-get install -y redis-server` (.ci/run does), or set REDIS_SERVER to its path.',
    );
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'govreview-redis-'));
    const child: ChildProcess = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    let exited = false;
    const exit = new Promise<void>((resolve) =>
      child.on('exit', () => {
        exited = true;
        resolve();
      }),
    );
    const until = Date.now() + 10_000;
    while (!exited && Date.now() < until && !(await pong(port))) await new Promise((r) => setTimeout(r, 50));
    if (!exited && (await pong(port)))
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        async stop() {
          if (!exited) child.kill('SIGKILL');
          await exit;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    if (!exited) child.kill('SIGKILL');
    await exit;
    rmSync(dir, { recursive: true, force: true });
    lastError = output.trim().split('\n').pop() ?? 'no answer';
  }
  throw new Error(`redis-server did not start: ${lastError}`);
}
