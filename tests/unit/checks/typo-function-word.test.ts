import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-function-word';
import { ruleTester, sharedSegmenter } from './rule-tester';

const TODAY = '2026-12-05';
const tester = ruleTester(check, { segmenter: true, languageModel: true, today: TODAY });

/** A function word written for another: the rule as messageId, the written and right forms in the message. */
const slip = (name: string, text: string, start: number, written: string, right: string, rule: string) => ({
  name,
  text,
  errors: [
    {
      severity: 'deduct' as const,
      messageId: rule,
      start,
      end: start + written.length,
      text: written,
      suggestion: right,
      messageContains: `“${written}”应为“${right}”`,
    },
  ],
});

tester.run({
  valid: [
    { name: '再 as an adverb before a verb', text: '我们要再接再厉，再创新高，再上新台阶' },
    { name: '再 before a number of times', text: '要再一次证明我们的能力' },
    { name: '再 before 过 (再过两年后)', text: '再过两年后，这里将建成新城区' },
    { name: '再 before a figure that grows again', text: '力争今年农村贫困人口再减少1000万以上' },
    { name: '在 as a preposition', text: '大家在会议室合影留念' },
    { name: '即使…也', text: '即使困难再大，也要完成任务' },
    { name: '立即 and a later 也 in another clause', text: '立即组织人员，也要做好防护' },
    { name: '即 meaning "namely", with no partner', text: '即全面推进乡村振兴' },
    { name: '既…又 as written', text: '他既是党员又是村干部' },
    { name: '即 meaning "namely" before a clause that opens otherwise', text: '即要求各单位，又对个人提出要求' },
    { name: '即 opening its clause says "namely", even before a parallel clause', text: '国家财政收支平衡，即无外债，又无内债。' },
    {
      name: '仍 + the preposition 就 ("about"): its object, or a verb of discussing later',
      text: '双方仍就有关问题交换了意见。会议仍就此事进行了讨论。双方仍就合作事宜进行了深入交流。部分村民仍就土地补偿问题多次上访。',
    },
    { name: '仍旧 as written', text: '问题仍旧存在。' },
    { name: '必需 before a noun, 的 or nothing', text: '保障群众生活必需品供应。这些是生产必需的物资。保障基本生活必需。' },
    {
      name: '必需 before a noun, an adverb before a noun, or a set phrase that is no verb',
      text: '保证必需物资的进口。这是必需而又可能解决的问题。保障必需物资供应。',
    },
    { name: '在次日, 在次年: 次 in a word of its own', text: '在次日的会议上，他作了发言。在次年春天完工。' },
    { name: '象 inside a word (现象, 形象, 象征, 象山县)', text: '这种现象必须纠正。不断提升城市形象。浙江省宁波市象山县。' },
    { name: '像 as written', text: '要像抓经济工作一样抓安全生产。' },
    { name: '象 the elephant (no comparison, or another word opens it)', text: '监测人员发现象群进入农田。这头象体重约4吨。象群像往常一样进入农田。' },
    {
      name: '象 in a paragraph written in traditional characters (locked whole)',
      text: '这是简体段落，说明情况。\n反對浪費資金的現象，反對機構龐大的現象，反對違反財政制度的現象，反對不愛護國家財產的現象。',
    },
    { name: '截止 with no object (…截止)', text: '报名于5月20日截止。' },
    { name: '截止日期, 截止时间: nouns', text: '意见反馈截止日期：2024年2月15日。申报截止时间为5月20日。' },
    { name: '截止到 a time', text: '截止到2024年底，全县共有企业1.2万户。' },
    { name: '截至 a time', text: '截至2024年底，全县共有企业1.2万户。' },
    { name: '截止目前 is typo-word-pair’s', text: '截止目前，已完成80%。' },
  ],
  invalid: [
    slip('再 before a place, then a verb (再会议室合影)', '会议结束后，大家再会议室合影留念。', 8, '再会议室', '在会议室', 'zaiPlace'),
    slip('再 before a range closed by a localizer (再全县范围内)', '我们要再全县范围内开展排查。', 3, '再全县', '在全县', 'zaiPlace'),
    slip('再 opening a frame that closes the clause (再……中，)', '要再工作中不断总结经验，提高水平。', 1, '再工作', '在工作', 'zaiPlace'),
    slip('再 between a verb of staying and a figure (稳定再2.1%)', '但赤字率稳定再2.1%，体现了政策的连续性。', 6, '再', '在', 'zaiPlace'),
    slip('即…又 with parallel halves (即是…又是)', '他即是党员又是村干部。', 1, '即是党员又', '既是党员又', 'jiCorrelative'),
    slip('即…也 (即是机遇也是挑战)', '这即是机遇也是挑战。', 1, '即是机遇也', '既是机遇也', 'jiCorrelative'),
    slip('即要…，又要… across a comma', '各部门要即要抓好当前工作，又要谋划长远发展。', 4, '即要', '既要', 'jiCorrelative'),
    slip('在次 before a verb', '会议在次强调，要压实安全生产责任。', 2, '在次', '再次', 'zaiciVerb'),
    slip('象 on its own (象…一样)', '要象抓经济工作一样抓安全生产。', 1, '象', '像', 'xiangLike'),
    slip('象 after an adverb (不象)', '社会主义社会的矛盾不象资本主义社会的矛盾。', 10, '象', '像', 'xiangLike'),
    slip('象 before 这 (象这样)', '象这样的领导者，在我们的队伍中很多。', 0, '象', '像', 'xiangLike'),
    slip('仍就 before a verb (a real notice: 严重表述错误仍就存在)', '严重表述错误仍就存在；', 6, '仍就', '仍旧', 'rengjiuStill'),
    slip('仍就 before an adverb of negation', '群众反映的问题仍就没有解决。', 7, '仍就', '仍旧', 'rengjiuStill'),
    slip('必需 before a verb', '做好政府工作，必需加强自身改革。', 7, '必需', '必须', 'bixuVerb'),
    slip('必需 before an adverb and a verb', '我们必需进一步加强安全生产工作。', 2, '必需', '必须', 'bixuVerb'),
    slip('必需 before an adjective and a verb', '必需扎实推进乡村振兴。', 0, '必需', '必须', 'bixuVerb'),
    slip('必需 before a preposition', '各单位必需按照规定办理。', 3, '必需', '必须', 'bixuVerb'),
    slip('必需 before a set phrase of an adverb and a verb (切实加强)', '各部门必需切实加强安全生产工作。', 3, '必需', '必须', 'bixuVerb'),
    slip('截止 before a year in figures', '截止2024年底，全县共有企业1.2万户。', 0, '截止', '截至', 'jiezhiTime'),
    slip('截止 before a named year', '截止今年6月，已完成投资80%。', 0, '截止', '截至', 'jiezhiTime'),
    slip('截止 before a date after its subject', '报名截止2024年5月20日17时。', 2, '截止', '截至', 'jiezhiTime'),
  ],
});

describe('typo-function-word', () => {
  it('reports nothing without the model, or without a segmenter that tags', () => {
    const segmenter = sharedSegmenter();
    expect(ruleTester(check, { segmenter: true, today: TODAY }).scan('大家再会议室合影留念。')).toEqual([]);
    const untagged = ruleTester(check, { segmenter: { cut: segmenter.cut, isWord: segmenter.isWord }, languageModel: true, today: TODAY });
    expect(untagged.scan('大家再会议室合影留念。')).toEqual([]);
  });
});
