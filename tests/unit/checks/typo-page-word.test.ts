import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-page-word';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { languageModel: true, today: '2026-12-07' });
const bare = ruleTester(check, { today: '2026-12-07' });

/** A plan's explanation, its chapters in one frame (主要阐述), one of them with 述 left out. */
const PLAN =
  '第一章主要阐述发展成就和发展环境。第二章主要阐述指导思想和主要目标。第三章主要阐述国土空间规划体系。第四章到第十二章主要阐经济社会发展方面重点任务。';

/** Seeds 000 (a 2019 notice): the fields a published message must show, one of them with 复 left out. */
const LIST = '不能存在无网民留言公开，或已公开的网民留言不公开留言时间、答复时间、答复单位、答内容等情况。';

tester.run({
  valid: [
    { name: 'every chapter in the frame written whole', text: PLAN.replace('主要阐经济', '主要阐述经济') },
    { name: 'the frame only once elsewhere: no evidence', text: '第一章主要阐述发展成就。第四章主要阐经济社会发展方面重点任务。' },
    {
      name: 'a character that stands alone in official writing (扩内需, 促增长: shortened on purpose)',
      text: '坚持扩大内需。要扩大内需、扩大内需，扩内需、促增长。',
    },
    {
      name: 'an item of a list of single characters (农、林、牧、副、渔业)',
      text: '发展渔业生产。扶持渔业生产，渔业生产稳定。全面发展农、林、牧、副、渔生产的要求。',
    },
    { name: 'a line break inside a word (a PDF layout)', text: '政务新媒体名单。政务新媒体名单。政务新媒体名单。政务新媒\n体名单。' },
    { name: 'no slip where the frame holds other words', text: '主要阐明了方向。主要阐明了路径。主要阐释了意义。' },
    {
      name: 'a list item beginning with a word of its own (答疑, 市容, 防火)',
      text: '公开留言时间、答复时间、答复单位、答疑等。加强市场监管、市场准入、市容环境管理。储备防汛物资、防汛人员、防火器材。',
    },
    { name: 'a list whose items share their head only once', text: '公开留言时间、答复单位、答内容等。' },
  ],
  invalid: [
    {
      name: 'the frame before the character (主要阐 …, the page writing 主要阐述 three times)',
      text: PLAN,
      errors: [
        {
          severity: 'deduct',
          messageId: 'pageWord',
          start: PLAN.indexOf('主要阐经济'),
          end: PLAN.indexOf('主要阐经济') + 3,
          text: '主要阐',
          suggestion: '主要阐述',
          messageContains: '本页另有3处作“主要阐述”',
        },
      ],
    },
    {
      name: 'a list item missing the second character of the head its parallel items share (a real notice)',
      text: LIST,
      errors: [
        {
          severity: 'deduct',
          messageId: 'listWord',
          start: LIST.indexOf('答内'),
          end: LIST.indexOf('答内') + 2,
          text: '答内',
          suggestion: '答复内',
          messageContains: '同一列举中另有2项以“答复”开头',
        },
      ],
    },
  ],
});

describe('typo-page-word', () => {
  it('reports nothing without the language model', () => {
    expect(bare.scan(PLAN)).toEqual([]);
  });

  it('keeps to a name the protections lock (a 《title》 quoted as issued)', () => {
    const text = `${PLAN.replace('主要阐经济', '主要阐述经济')}印发《关于主要阐经济工作的通知》。`;
    expect(tester.scan(text).map((f) => f.text)).toEqual([]);
  });
});
