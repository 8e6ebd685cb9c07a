import type { TextModel } from '../engine/types';

/** Text model of a plain-text file: lines joined by '\n', with line starts for `Finding.line`. */
export function textModelFromPlainText(text: string, url: string): TextModel {
  const normalized = text.replace(/\r\n?/g, '\n');
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
  };
}
