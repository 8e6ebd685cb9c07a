import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../../lib/checks';
import { CATEGORIES, SEVERITIES } from '../../lib/i18n/labels';

const root = join(__dirname, '..', '..');
const checkFiles = readdirSync(join(root, 'lib/checks'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

/** Conventions enforced by a test, not by memory (after refined-github's features.test.ts). */
describe('check registry', () => {
  it('registers every check file, once, under its file name', () => {
    const ids = checks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...checkFiles].sort());
  });

  describe.each(checks.map((c) => [c.meta.id, c] as const))('%s', (id, check) => {
    it('has kebab-case id, a known category and severity, bilingual texts', () => {
      expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(CATEGORIES).toContain(check.meta.category);
      expect(SEVERITIES).toContain(check.meta.defaultSeverity);
      for (const t of [check.meta.description, check.meta.indicator, ...Object.values(check.meta.messages)]) {
        expect(t['zh-CN']).toMatch(/\p{Script=Han}/u);
        expect(t.en.trim().length).toBeGreaterThan(0);
      }
      for (const spec of Object.values(check.meta.options ?? {})) expect(spec.description['zh-CN'].length).toBeGreaterThan(0);
    });

    it('uses the same placeholders in every locale of a message', () => {
      for (const t of Object.values(check.meta.messages)) {
        const names = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
        expect(names(t.en)).toEqual(names(t['zh-CN']));
      }
    });

    it('is documented in docs/checks/<id>.md', () => {
      const doc = join(root, 'docs/checks', `${id}.md`);
      expect(existsSync(doc)).toBe(true);
      expect(readFileSync(doc, 'utf8')).toContain(id);
    });

    it('is tested in tests/unit/checks/<id>.test.ts with valid and invalid cases', () => {
      const test = join(root, 'tests/unit/checks', `${id}.test.ts`);
      expect(existsSync(test)).toBe(true);
      const src = readFileSync(test, 'utf8');
      expect(src).toMatch(/valid/i);
      expect(src).toMatch(/invalid/i);
    });
  });
});
