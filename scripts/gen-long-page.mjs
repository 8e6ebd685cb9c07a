#!/usr/bin/env node
// Builds assets/demo-site/long.html: a county report of about 20,000 Chinese characters (the page the
// benchmark times) with two planted leaks in the appendix near the end (listed in expected.json).
// Deterministic: a fixed seed drives a small PRNG over our own sentence fragments, so re-running it
// rewrites the same bytes. Usage: node scripts/gen-long-page.mjs [--check]  (--check: fail if stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../assets/demo-site/long.html');
const SEED = 20261110;
const TARGET_HAN = 20000;

/** mulberry32: a tiny seeded PRNG, enough for reproducible text. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// Our own fragments (no digits, so no accidental ID, phone or card numbers; no outdated names or wrong expressions).
const LEAD = [
  '今年以来，',
  '项目实施过程中，',
  '按照年初确定的目标任务，',
  '在县委、县政府的坚强领导下，',
  '截至目前，',
  '为加快补齐产业发展短板，',
  '针对前期调研中发现的问题，',
  '结合全县产业发展实际，',
  '进入下半年以来，',
  '围绕全年目标任务，',
];
const SUBJECT = [
  '全县',
  '各乡镇',
  '县农业农村局',
  '县发展和改革局',
  '县财政局',
  '县林业和草原局',
  '县商务局',
  '县市场监督管理局',
  '各项目实施单位',
  '县水务局',
  '县自然资源局',
  '县文化和旅游局',
  '县人力资源和社会保障局',
  '县供销合作社',
];
const ACTION = [
  '统筹推进茶叶提质增效工程',
  '持续加大坚果产业基地建设力度',
  '扎实开展肉牛良种繁育体系建设',
  '积极推动农产品初加工和精深加工项目落地',
  '不断完善农村电商和冷链物流网络',
  '深入实施高标准农田建设和耕地质量提升行动',
  '加快推进特色水果标准化种植示范园建设',
  '着力培育新型农业经营主体',
  '稳步推进中药材规范化种植',
  '大力发展林下经济和生态旅游',
  '认真落实产业项目资金绩效管理要求',
  '不断健全利益联结和带农增收机制',
  '有序推进农村产业融合发展示范园创建',
  '持续开展农产品质量安全监管和追溯体系建设',
  '扎实做好农业社会化服务体系建设',
  '稳妥推进低效茶园和老化核桃林改造',
];
const RESULT = [
  '项目建设总体进展顺利',
  '产业规模和质量效益稳步提升',
  '带动群众增收的作用进一步显现',
  '基础设施条件得到明显改善',
  '市场主体活力持续增强',
  '群众满意度不断提高',
  '各项工作取得了阶段性成效',
  '为完成全年目标任务奠定了良好基础',
  '产业链条进一步延伸',
  '产品市场竞争力明显增强',
];
const MANNER = [
  '坚持规划先行、分类指导、整体推进的原则',
  '采取“企业加合作社加农户”的组织方式',
  '实行项目清单化管理、责任化推进',
  '建立县级领导挂钩联系重点项目制度',
  '强化部门协作和上下联动',
  '注重发挥村级组织和致富带头人的示范作用',
  '严格执行项目公示和资金报账制度',
  '坚持因地制宜、一村一策',
];
const ISSUE = [
  '但也要清醒地看到，部分项目前期工作准备不足，开工时间较计划有所推迟',
  '一些经营主体规模偏小、带动能力不强，市场竞争力有待提升',
  '个别乡镇对项目后续管护重视不够，长效机制尚不健全',
  '产品品牌影响力还不够大，优质优价的机制尚未完全形成',
  '专业技术人才相对缺乏，科技支撑能力还需加强',
  '部分基地道路、水利等配套设施建设滞后，制约了产业规模化发展',
];
const NEXT = ['下一步，', '下一阶段，', '今后一个时期，', '针对上述问题，'];
const WHO = ['各乡镇和有关部门', '各项目实施单位', '县直有关部门', '各级各部门'];
const DEMAND = [
  '要进一步压实项目主体责任，倒排工期、挂图作战',
  '要加强项目资金监管，确保资金安全高效使用',
  '要持续强化技术指导服务，组织农技人员深入田间地头开展培训',
  '要积极对接市场需求，拓宽农产品销售渠道',
  '要注重培育区域公共品牌，提升产品附加值',
  '要健全完善项目后续管护机制，推动项目长期发挥效益',
  '要加强项目储备和前期工作，提高项目谋划质量',
  '要完善联农带农机制，让更多群众分享产业发展收益',
];
const SECTIONS = [
  ['一、总体进展情况', ['（一）项目计划下达情况', '（二）项目建设推进情况', '（三）资金拨付使用情况']],
  ['二、茶叶产业发展情况', ['（一）基地建设', '（二）加工能力提升', '（三）品牌培育']],
  ['三、坚果和林下经济发展情况', ['（一）提质增效改造', '（二）林下种植养殖', '（三）市场营销']],
  ['四、畜牧产业发展情况', ['（一）良种繁育', '（二）规模养殖', '（三）疫病防控']],
  ['五、特色水果和中药材发展情况', ['（一）标准化示范园建设', '（二）中药材规范化种植', '（三）产销对接']],
  ['六、农村产业融合发展情况', ['（一）农产品加工', '（二）农村电商和冷链物流', '（三）乡村旅游']],
  ['七、存在的主要问题', ['（一）项目推进方面', '（二）经营主体方面', '（三）要素保障方面']],
  ['八、下一步工作打算', ['（一）加快项目建设进度', '（二）强化资金监管和绩效管理', '（三）健全联农带农机制']],
];

function sentence() {
  switch (between(0, 5)) {
    case 0:
    case 1:
      return `${pick(LEAD)}${pick(SUBJECT)}${pick(ACTION)}，${pick(MANNER)}，${pick(RESULT)}。`;
    case 2:
      return `${pick(SUBJECT)}${pick(ACTION)}，${pick(RESULT)}。`;
    case 3:
      return `${pick(ISSUE)}。`;
    case 4: {
      const a = pick(DEMAND);
      let b = pick(DEMAND);
      if (b === a) b = DEMAND[(DEMAND.indexOf(a) + 1) % DEMAND.length];
      return `${pick(NEXT)}${pick(WHO)}${a}；${b.replace(/^要/, '同时要')}。`;
    }
    default:
      return `${pick(SUBJECT)}${pick(MANNER)}，${pick(ACTION)}，${pick(RESULT)}。`;
  }
}

const han = (s) => (s.match(/\p{Script=Han}/gu) ?? []).length;

// Paragraphs, section by section, until the body holds TARGET_HAN Chinese characters.
const body = [];
let count = 0;
const perSub = Math.ceil(TARGET_HAN / (SECTIONS.length * 3));
for (const [title, subs] of SECTIONS) {
  body.push(`      <h3>${title}</h3>`);
  count += han(title);
  for (const sub of subs) {
    body.push(`      <h3>${sub}</h3>`);
    count += han(sub);
    let inSub = 0;
    while (inSub < perSub && count < TARGET_HAN) {
      const n = between(4, 7);
      let p = '';
      for (let i = 0; i < n; i++) p += sentence();
      body.push(`      <p>${p}</p>`);
      inSub += han(p);
      count += han(p);
    }
  }
}

const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="云岭县人民政府门户网站">
<meta name="SiteIDCode" content="5309000099">
<meta name="ColumnName" content="政策文件">
<meta name="ArticleTitle" content="云岭县2026年特色产业发展项目实施情况报告">
<meta name="PubDate" content="2026-11-10 15:00">
<!-- Generated by scripts/gen-long-page.mjs (seed ${SEED}); edit the generator, not this file. -->
<title>云岭县2026年特色产业发展项目实施情况报告_云岭县人民政府门户网站</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<div class="topbar"><div class="wrap"><span>欢迎访问云岭县人民政府门户网站</span><span>设为首页　|　加入收藏　|　无障碍浏览</span></div></div>
<div class="header">
  <div class="wrap">
    <div class="site-name">云岭县人民政府<small>YUNLING COUNTY PEOPLE'S GOVERNMENT</small></div>
    <form action="/search" method="get" role="search"><input type="text" name="q" placeholder="请输入关键词" aria-label="站内搜索"><button type="submit">搜索</button></form>
  </div>
</div>
<div class="nav">
  <ul class="wrap">
    <li><a href="index.html">首页</a></li>
    <li><a href="article.html">要闻动态</a></li>
    <li><a href="dibao.html">政务公开</a></li>
    <li><a href="no-footer.html">通知公告</a></li>
    <li><a href="long.html">政策文件</a></li>
    <li><a href="frame-host.html">政务服务</a></li>
    <li><a href="mutating.html">滚动快讯</a></li>
  </ul>
</div>
<div class="wrap main">
  <div class="position">当前位置：<a href="index.html">首页</a> &gt; <a href="long.html">政策文件</a> &gt; 工作报告</div>
  <div class="article">
    <h1>云岭县2026年特色产业发展项目实施情况报告</h1>
    <div class="info"><span>发布时间：2026-11-10 15:00</span><span>来源：云岭县农业农村局</span><span>字号：大 中 小</span></div>
    <div class="content">
      <p>根据县人民政府工作安排，现将2026年全县特色产业发展项目实施情况报告如下。</p>
${body.join('\n')}
      <p class="sign">云岭县农业农村局</p>
      <p class="sign">2026年11月10日</p>
    </div>
    <div class="attach">
      <p>附件：2026年度特色产业扶持资金兑付明细（节选）</p>
      <table class="gs">
        <thead>
          <tr><th>序号</th><th>经营主体负责人</th><th>身份证号</th><th>联系电话</th><th>所在乡镇</th><th>扶持项目</th><th>兑付金额（元）</th></tr>
        </thead>
        <tbody>
          <tr><td>1</td><td>俸志刚</td><td>53**************16</td><td>139****2751</td><td>凤鸣镇</td><td>茶园提质改造</td><td>48000</td></tr>
          <tr><td>2</td><td>罗春兰</td><td>530921196804070525</td><td>151****8306</td><td>青松乡</td><td>林下中药材种植</td><td>36000</td></tr>
          <tr><td>3</td><td>段成林</td><td>53*************242</td><td>182****6019</td><td>龙潭镇</td><td>肉牛标准化养殖</td><td>60000</td></tr>
          <tr><td>4</td><td>字海波</td><td>53**************87</td><td>18788420913</td><td>石门乡</td><td>坚果初加工</td><td>52000</td></tr>
        </tbody>
      </table>
    </div>
  </div>
</div>
<div class="footer">
  <div class="wrap">
    <div class="footer-links"><a href="index.html">网站首页</a> | <a href="index.html">网站地图</a> | <a href="index.html">联系我们</a></div>
    <p>主办：云岭县人民政府办公室　承办：云岭县信息中心</p>
    <p>网站标识码：5309000099　<a href="https://beian.miit.gov.cn/" target="_blank">滇ICP备05000999号</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=53090202000999" target="_blank">滇公网安备 53090202000999号</a></p>
    <p>联系电话：0883-1234567　地址：云岭县凤鸣镇政府路1号　邮编：677099</p>
    <p>建议使用1366×768以上分辨率浏览本网站</p>
    <div class="badges">
      <span id="_ideConac"></span><script type="text/javascript" src="https://dcs.conac.cn/js/27/000/0000/60000000/CA270000000600000000000.js"></script>
      <span class="jiucuo"><script id="_jiucuo_" sitecode="5309000099" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></span>
    </div>
  </div>
</div>
</body>
</html>
`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {}
  if (current !== html) {
    console.error(`${OUT} is stale: run node scripts/gen-long-page.mjs`);
    process.exit(1);
  }
  console.log(`${OUT} is up to date (${count} Chinese characters in the report body)`);
} else {
  writeFileSync(OUT, html);
  console.log(`wrote ${OUT}: ${count} Chinese characters in the report body, ${Buffer.byteLength(html)} bytes`);
}
