/** Runs a real CLI (cli/<name>.ts) in its own process, as `npx tsx` does: exit codes, stdout and files are the contract. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(__dirname, '../../..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(script: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', 'tsx', resolve(REPO, script), ...args], { cwd: REPO, env: { ...process.env, GOVREVIEW_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}
