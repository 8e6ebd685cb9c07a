/** What `npm run scan` prints: one JSON object (--json) or a report a reviewer reads. */
import { checkById } from '../lib/checks';
import { categoryLabel, severityLabel, SEVERITIES } from '../lib/i18n/labels';
import { formatMessage } from '../lib/i18n/messages';
import type { Finding, Locale } from '../lib/engine/types';
import type { ScanOutput } from './scan-target';

function indicatorOf(f: Finding, locale: Locale): string | undefined {
  const meta = checkById(f.check)?.meta;
  return meta ? meta.indicator[locale] : undefined;
}

function messageIn(f: Finding, locale: Locale): string {
  const templates = checkById(f.check)?.meta.messages[f.messageId];
  return templates ? formatMessage(templates, f.data, locale) : f.message;
}

/**
 * The JSON document: the scan's target, the page's title (`npm run export` names a site by its home page's) and
 * its findings, each with its indicator; nothing else on stdout.
 */
export function toJson(out: ScanOutput): string {
  const findings = out.findings.map((f) => {
    const { data, ...rest } = f;
    // A link finding carries its verdict (dead, error, soft404, suspect, fragment) and HTTP status.
    const link = f.category === 'link' ? { verdict: f.kind, status: data.status === '' || data.status === undefined ? undefined : Number(data.status) } : {};
    return { ...rest, ...link, indicator: indicatorOf(f, 'zh-CN') };
  });
  return JSON.stringify({ ...out, findings });
}

const T = {
  'zh-CN': {
    head: (target: string, today: string) => `GovReview 扫描：${target}（审读日期 ${today}）`,
    frames: (n: number, chars: number, charset: string) => `页面 ${n} 个（含框架），正文 ${chars} 字，编码 ${charset}`,
    none: '未发现问题。',
    total: (n: number) => `共 ${n} 处问题`,
    line: (n: number) => `第 ${n} 行`,
    suggest: '建议',
    indicator: '指标',
    engineError: '检查出错',
    note: '说明',
  },
  en: {
    head: (target: string, today: string) => `GovReview scan: ${target} (review date ${today})`,
    frames: (n: number, chars: number, charset: string) => `${n} document(s) incl. frames, ${chars} characters, ${charset}`,
    none: 'No problems found.',
    total: (n: number) => `${n} problem(s)`,
    line: (n: number) => `line ${n}`,
    suggest: 'Suggestion',
    indicator: 'Indicator',
    engineError: 'Check failed',
    note: 'Note',
  },
};

/** Control characters of page text never reach the terminal (a hostile page could move the cursor). */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ');

/**
 * The report a reviewer reads: a head line (target, 审读日期, frames, characters, charset), then the findings from
 * the most to the least severe, each with its line, quote, suggestion and indicator, then the checks that failed
 * and the notes. Page text is stripped of control characters first.
 */
export function toText(out: ScanOutput, locale: Locale = 'zh-CN'): string {
  const t = T[locale];
  const lines = [
    t.head(out.target, out.today),
    t.frames(
      out.frames.length,
      out.frames.reduce((n, f) => n + f.characters, 0),
      out.charset,
    ),
  ];
  if (!out.findings.length) lines.push(t.none);
  else {
    const counts = SEVERITIES.map((s) => [s, out.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
    lines.push(`${t.total(out.findings.length)}：${counts.map(([s, n]) => `${severityLabel(s, locale)} ${n}`).join('，')}`, '');
    for (const s of SEVERITIES) {
      for (const f of out.findings.filter((x) => x.severity === s)) {
        const where = [f.line !== undefined ? t.line(f.line) : '', out.frames.length > 1 && f.url !== out.url ? f.url : ''].filter(Boolean).join(' ');
        lines.push(
          `[${severityLabel(f.severity, locale)}] ${categoryLabel(f.category, locale)} · ${clean(messageIn(f, locale))}${where ? `  (${where})` : ''}`,
        );
        if (f.text) lines.push(`    “${clean(f.text)}”`);
        if (f.suggestion) lines.push(`    ${t.suggest}：${clean(f.suggestion)}`);
        const ind = indicatorOf(f, locale);
        if (ind) lines.push(`    ${t.indicator}：${ind}  [${f.check}]`);
      }
    }
  }
  for (const e of out.errors) lines.push(`${t.engineError}：${e.check} (${e.kind}) ${clean(e.message)}`);
  for (const n of out.notes) lines.push(`${t.note}：${clean(n)}`);
  return lines.join('\n');
}
