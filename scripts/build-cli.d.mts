// Types of scripts/build-cli.mjs (plain ESM so that `postinstall` and cli/run.mjs run it without a loader).

/** The project root. */
export const ROOT: string;
/** The bundle's folder (dist/cli). */
export const OUT_DIR: string;
/** The CLI commands: cli/<name>.ts is bundled to dist/cli/<name>.mjs. */
export const CLI_ENTRIES: string[];
/** dist/cli/<name>.mjs */
export function bundlePath(name: string): string;
/** Builds the bundle (outputs written atomically); ms, files written (relative to ROOT), count of project sources. */
export function buildCli(): Promise<{ ms: number; files: string[]; inputs: number }>;
/** Why the bundle must be rebuilt, or '' when it is fresh. */
export function staleReason(): string;
/** Rebuilds when stale (one line on stderr); whether it built. */
export function ensureFreshCli(): Promise<boolean>;
