import type { TextModel } from '../engine/types';
import { foldTraditional, isTraditionalText } from '../text/traditional';

/**
 * Text model of a plain-text file: lines joined by '\n', with line starts for `Finding.line`. A text written
 * in traditional characters is read folded back to simplified, one character for one (lib/text/traditional.ts).
 */
export function textModelFromPlainText(text: string, url: string): TextModel {
  const lines = text.replace(/\r\n?/g, '\n');
  const traditional = isTraditionalText(lines);
  const normalized = traditional ? foldTraditional(lines) : lines;
  const lineStarts = [0];
  for (let i = normalized.indexOf('\n'); i !== -1; i = normalized.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return {
    url,
    title: '',
    text: normalized,
    isTopFrame: true,
    links: [],
    images: [],
    scripts: [],
    source: 'text',
    lineStarts,
    ...(traditional ? { traditional: true, written: lines } : {}),
  };
}
