#!/usr/bin/env node
// What the npm scripts run: `node cli/run.mjs <scan|export> [args…]`. Rebuilds dist/cli/ first when a source
// it was built from is newer (scripts/build-cli.mjs; a few ms to check, ~0.3 s to rebuild), then runs the
// bundled command in this process. `node dist/cli/<name>.mjs` runs the bundle without the check.
import { pathToFileURL } from 'node:url';
import { bundlePath, CLI_ENTRIES, ensureFreshCli } from '../scripts/build-cli.mjs';

const name = process.argv[2];
if (!CLI_ENTRIES.includes(name)) {
  process.stderr.write(`govreview: usage: node cli/run.mjs <${CLI_ENTRIES.join('|')}> [arguments]\n`);
  process.exit(2);
}
try {
  await ensureFreshCli();
} catch (err) {
  process.stderr.write(`govreview: cannot build the CLI: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(3);
}
// The command reads process.argv.slice(2): drop the command name.
process.argv.splice(2, 1);
await import(pathToFileURL(bundlePath(name)).href);
