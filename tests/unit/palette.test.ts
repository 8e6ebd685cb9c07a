import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_COLORS, categoryVar, paletteCss, SEVERITIES, SEVERITY_COLORS, severityVar } from '../../lib/i18n/labels';

/** The relative luminance of #rrggbb (WCAG 2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('the one palette of categories and severities (lib/i18n/labels.ts)', () => {
  it('has a colour for every 问题类型 and every 严重程度, all different within each', () => {
    expect(Object.keys(CATEGORY_COLORS).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.keys(SEVERITY_COLORS).sort()).toEqual([...SEVERITIES].sort());
    expect(new Set(Object.values(CATEGORY_COLORS)).size).toBe(CATEGORIES.length);
    expect(new Set(Object.values(SEVERITY_COLORS)).size).toBe(SEVERITIES.length);
  });

  it("keeps severity text on white at AA (≥ 4.5:1) and white chip text on every category ≥ 3.5:1 (typo, the highlights' orange, is the lowest: 3.8)", () => {
    for (const c of Object.values(SEVERITY_COLORS)) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(4.5);
    for (const c of Object.values(CATEGORY_COLORS)) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(3.5);
  });

  it('paletteCss declares each colour once as a custom property and derives the .c-* and .sev-* rules from it', () => {
    const css = paletteCss(':host');
    expect(css.startsWith(':host{')).toBe(true);
    for (const c of CATEGORIES) {
      expect(css).toContain(`${categoryVar(c)}:${CATEGORY_COLORS[c]}`);
      expect(css).toContain(`.c-${c}{background-color:var(${categoryVar(c)});color:#fff}`);
    }
    for (const s of SEVERITIES) {
      expect(css).toContain(`${severityVar(s)}:${SEVERITY_COLORS[s]}`);
      expect(css).toMatch(new RegExp(`\\.sev-${s}\\{color:var\\(${severityVar(s)}\\)`));
    }
  });

  it('is the colour the highlights in the page are underlined with (highlights.css, a manifest stylesheet)', () => {
    const css = readFileSync(new URL('../../entrypoints/content/highlights.css', import.meta.url), 'utf8');
    for (const c of CATEGORIES) {
      const rule = css.match(new RegExp(`::highlight\\(govreview-${c}\\)\\s*\\{([^}]*)\\}`))?.[1] ?? '';
      expect(rule.match(/text-decoration:[^;]*?(#[0-9a-f]{6})/i)?.[1]?.toLowerCase(), c).toBe(CATEGORY_COLORS[c]);
    }
  });

  it('leaves no hard-coded category colour in the stylesheets of the popup, the ledger and the card', () => {
    const files = ['entrypoints/popup/popup.css', 'entrypoints/sidepanel/sidepanel.css', 'entrypoints/content/ui.ts'];
    for (const f of files) {
      const text = readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
      expect(text, f).not.toMatch(/\.c-(typo|expression|privacy|identity|stale|blank|link)\s*\{/);
      expect(text, f).not.toMatch(/\.(sev-)?(veto|deduct|notice)\s*\{/);
    }
  });
});
