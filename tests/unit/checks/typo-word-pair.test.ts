import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-word-pair';
import typoPairs from '../../../lib/data/rules/typo-pairs.json';
import lexicon from '../../../lib/data/lexicon/near-miss-lexicon.json';
import { ruleTester, sharedSegmenter } from './rule-tester';

const tester = ruleTester(check, { segmenter: true });
const bare = ruleTester(check);

/** A slip of the curated list: a deduction with the right form, in a message that names both. */
const slip = (name: string, text: string, start: number, wrong: string, right: string) => ({
  name,
  text,
  errors: [{ severity: 'deduct' as const, start, end: start + wrong.length, text: wrong, suggestion: right, message: `“${wrong}”应为“${right}”` }],
});

tester.run({
  valid: [
    { name: '既使 inside 既使用…又…', text: '既使用电脑，又使用手机' },
    { name: '按装 across 按/装置', text: '请按装置说明书操作' },
    { name: 'the right forms', text: '开诚布公地交流；深入开展扫黑除恶专项斗争；截至目前；作为试点；安装调试' },
    { name: '截止 before a date is right', text: '报名截止日期为11月30日' },
    { name: '截止到目前 (截止到 = 截至) is right', text: '截止到目前，共受理申请120件' },
    {
      name: '登陆 where it lands (a typhoon, a listing, a product, a landing exercise)',
      text: '齐心协力渡过难关。红军渡过长江。第11号台风在海南文昌登陆，全省启动应急响应。该企业成功登陆科创板。台风登陆浙江沿海地区电网受损。特色农产品登陆电商平台。登陆作战演练。',
    },
  ],
  invalid: [
    // Seed 003: 梁河县防震减灾局 wrote 开诚不公 for 开诚布公.
    slip('seed 003: 开诚不公', '会上大家开诚不公地交流了意见', 4, '开诚不公', '开诚布公'),
    slip('扫黑险恶 (2019, on over a hundred sites)', '深入开展扫黑险恶专项斗争', 4, '扫黑险恶', '扫黑除恶'),
    slip('既使 as a word', '既使困难再大，也要坚持', 0, '既使', '即使'),
    slip('截止目前', '截止目前，全县共有', 0, '截止目前', '截至目前'),
    slip('按装 as a word', '为群众按装路灯', 3, '按装', '安装'),
    slip('再接再励', '希望大家再接再励', 4, '再接再励', '再接再厉'),
    slip('登陆 before a website is 登录 (logging in)', '请广大市民登陆政务服务网办理', 5, '登陆', '登录'),
    slip('登陆 before a system', '请登陆系统后修改密码', 1, '登陆', '登录'),
    slip('登陆 before an address', '登陆 www.gov.cn 查看', 0, '登陆', '登录'),
    slip('渡过 before a holiday is 度过 (time passes)', '全县人民渡过了一个平安祥和的春节', 4, '渡过', '度过'),
    slip('受益非浅, a misspelt idiom jieba’s dictionary holds', '参训学员纷纷表示受益非浅。', 8, '受益非浅', '受益匪浅'),
    slip('信口开合, likewise', '不能信口开合、随意表态', 2, '信口开合', '信口开河'),
  ],
});

describe('typo-word-pair', () => {
  it('reports nothing without a segmenter (it cannot tell 既使用 from 既使)', () => {
    expect(bare.scan('既使困难再大，也要坚持')).toEqual([]);
  });

  it('every pair is a real change, each wrong form once, and each suggestion is itself not flagged', () => {
    const wrongs = typoPairs.entries.map((e) => e.wrong);
    expect(new Set(wrongs).size).toBe(wrongs.length);
    for (const e of typoPairs.entries) {
      expect(e.wrong).not.toBe(e.right);
      expect(tester.scan(e.right).map((f) => f.text)).toEqual([]);
    }
  });

  it('holds, from jieba’s dictionary, only misspelt 成语 of the near-miss lexicon that jieba reads as words', () => {
    const idioms = new Set(lexicon.idioms.match(/.{4}/g));
    const seg = sharedSegmenter();
    const misspelt = typoPairs.entries.filter((e) => e.source === 'jiebaMisspelt');
    expect(misspelt.length).toBeGreaterThan(300);
    for (const e of misspelt) {
      expect(idioms.has(e.right), e.right).toBe(true);
      expect(seg.isWord(e.wrong), e.wrong).toBe(true);
      expect([...e.wrong].filter((c, i) => c !== e.right[i])).toHaveLength(1);
    }
  });

  it('finds every wrong form of the list standing alone', () => {
    for (const e of typoPairs.entries) {
      const found = tester.scan(`。${e.wrong}。`).map((f) => f.suggestion);
      // A pair wrong in one use only fires on that use (登陆 before a website): standing alone it is right.
      expect(found).toEqual('followedBy' in e ? [] : [e.right]);
    }
  });
});
