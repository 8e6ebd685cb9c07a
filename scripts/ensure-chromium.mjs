#!/usr/bin/env node
// Installs Debian's Chromium and a CJK font when they are missing (tests and `npm start` need
// both: without the font, Chinese renders as boxes in screenshots), and openssl and redis-server (the tests' HTTPS
// platform server and the crawl queue tests). Idempotent; says what it does.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

export function ensureChromium() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-wqy-microhei');
  // The 政务新媒体 e2e serves the platforms' pages over HTTPS (some are HSTS-preloaded) with a throwaway certificate.
  if (spawnSync('openssl', ['version']).status !== 0) missing.push('openssl');
  // The queue tests of npm run crawl -- --queue start their own redis-server on a free port.
  if (spawnSync('redis-server', ['--version']).status !== 0) missing.push('redis-server');
  if (!missing.length) return CHROMIUM;
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  console.error(`[govreview] installing ${missing.join(' ')} from Debian…`);
  try {
    execSync(`${sudo}apt-get -o DPkg::Lock::Timeout=300 update -qq`, { stdio: ['ignore', 'ignore', 'inherit'] });
    execSync(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq ${missing.join(' ')}`, {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch {
    console.error(`[govreview] could not install ${missing.join(' ')}; install them with apt-get (or set CHROMIUM_PATH).`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`[govreview] Chromium still not found at ${CHROMIUM}`);
    process.exit(2);
  }
  return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
