/** Path of the Chromium binary the harness drives (CHROMIUM_PATH or Debian's). */
export declare const CHROMIUM: string;
/** Installs Chromium and a CJK font from Debian when missing; returns the binary path. Exits 2 when it cannot. */
export declare function ensureChromium(): string;
