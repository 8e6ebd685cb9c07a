import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { checks } from '../../lib/checks';
import { runChecks } from '../../lib/engine/engine';
import { ruleListProblems, type RuleList } from '../../lib/engine/rule-data';
import { jiebaSegmenter } from '../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../lib/text-model/from-text';

const root = join(__dirname, '..', '..');
const rulesDir = join(root, 'lib/data/rules');
const vocabDir = join(root, 'lib/data/correct-vocabulary');
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.json'));

describe('rule data files (lib/data/rules)', () => {
  it('exist', () => expect(ruleFiles.length).toBeGreaterThan(0));

  it.each(ruleFiles)('%s: sources, a checked date, and a source for every entry', (file) => {
    const list = JSON.parse(readFileSync(join(rulesDir, file), 'utf8')) as RuleList;
    expect(ruleListProblems(list, file.replace(/\.json$/, ''))).toEqual([]);
  });

  it('the schema check catches an entry without a source', () => {
    const list: RuleList = {
      id: 'x',
      description: 'd',
      checked: '2026-11-22',
      checkedBy: 'm',
      sources: { a: { title: 't' } },
      entries: [{ source: 'a' }, { source: '' }, { source: 'b' }],
    };
    expect(ruleListProblems(list, 'x')).toEqual([expect.stringMatching(/entry 1 .*has no source/), 'entry 2 names unknown source "b"']);
  });
});

describe("the project's correct official vocabulary (lib/data/correct-vocabulary) is never flagged", () => {
  const segmenter = jiebaSegmenter(jieba);
  const textChecks = checks.filter((c) => c.meta.category === 'typo' || c.meta.category === 'expression');
  const lines = readdirSync(vocabDir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) =>
      readFileSync(join(vocabDir, f), 'utf8')
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .filter(Boolean)
        .map((l) => `${f}: ${l}`),
    );

  it('holds real vocabulary', () => expect(lines.length).toBeGreaterThan(50));

  it('has no finding of any typo or expression check on any line', () => {
    expect(textChecks.length).toBeGreaterThan(0);
    const flagged: string[] = [];
    for (const line of lines) {
      const text = line.slice(line.indexOf(': ') + 2);
      const { findings, errors } = runChecks(textModelFromPlainText(text, 'file:///vocab.txt'), { today: '2026-11-22', checks: textChecks, segmenter });
      expect(errors).toEqual([]);
      for (const f of findings) flagged.push(`${line} → ${f.check} “${f.text}”`);
    }
    expect(flagged).toEqual([]);
  });
});
