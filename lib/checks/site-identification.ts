import { defineCheck } from '../engine/define-check';
import { NOT_A_NAME, SITECODE_RE, SITECODE_SHAPE, SP, SPONSOR_RE } from '../text-model/footer-identity';
import { hostnameOf } from '../engine/hosts';
import provinceData from '../data/province-abbreviations.json';
import { type Area, areaOfCode, areasNamedAtStart } from '../data/area-names';
import { renamedBodyInName } from './expression-renamed-body';
import type { CheckContext, ImageInfo, LinkInfo, Report, TextModel } from '../engine/types';

/**
 * 网站标识 (国办秘函〔2019〕19号, deduction item, cap 3): every page's footer (页面底部功能区) must carry
 * 党政机关网站标识, 网站标识码, ICP备案编号, 公安机关备案标识, 网站主办单位 and 联系方式; each missing one costs 0.5.
 *
 * One finding per missing or malformed item. `kind` is the item's stable id (a scoring module counts the
 * distinct kinds of scored findings per site). Cosmetic deviations of an item that is otherwise there
 * (a space in "滇 ICP备", a missing 号) are reported with severity 'notice': a reviewer counts the item as
 * present, so they must not cost points.
 *
 * Where an item counts: text evidence (labels, numbers) only in the foot of the page (footZoneStart: the
 * footer range the text model found plus footer-like lines just above it, or, with no footer markup, the
 * page's last non-prose lines), so an article that quotes an ICP number or a phone never stands in for the
 * footer. Structured evidence (the conac badge script/link/image, a 公安 record link, a badge image's alt)
 * counts anywhere: it is page furniture, never article prose. See docs/checks/site-identification.md.
 */

/** The six items, in the indicator's order. Stable ids: exported for scoring and exports. */
export const IDENTIFICATION_KINDS = ['conac', 'sitecode', 'icp', 'psb', 'sponsor', 'contact'] as const;
/** One footer identification item (the `kind` of a site-identification finding): 党政机关网站标识, 网站标识码, ICP, 公安备案, 主办单位, 联系方式. */
export type IdentificationKind = (typeof IDENTIFICATION_KINDS)[number];

/** With no footer markup, the foot of the page is at most its last 1,500 characters (a footer runs 150–600). */
const TAIL_CHARS = 1500;
/** Footer-like lines this far above the footer range still count (a row just outside the footer container). */
const FOOTER_SLACK = 300;
/** Words that mark a line as footer furniture rather than article prose. */
const FOOTER_CUE = /标识码|ICP|公网安备|公安(?:机关)?备案|主办|承办|版权所有|Copyright|©|技术支持|联系电话|联系我们|地址|邮编|电子邮箱/i;
/** A footer line is short; longer ones are article paragraphs even when they mention a cue. */
const FOOTER_LINE_MAX = 200;

interface ProvinceEntry {
  code: string;
  province: string;
  abbreviations: string[];
  icp: string;
  psb: string;
}

const PROVINCES: ProvinceEntry[] = provinceData.entries;
const BY_ABBREVIATION = new Map<string, ProvinceEntry>();
const BY_CODE = new Map<string, ProvinceEntry>();
for (const e of PROVINCES) {
  BY_CODE.set(e.code, e);
  for (const a of e.abbreviations) BY_ABBREVIATION.set(a, e);
}

/** Whitespace that stays on one line (spaces, &nbsp;, ideographic space, tab); '\n' separates blocks. */

/** `<省简称>ICP备<digits>号(-n)`, loosely: any Han character before, spaces, case, a missing 号, odd dashes. */
const ICP_RE = new RegExp(
  `(?<prov>\\p{Script=Han})?(?<sp1>${SP})(?<icp>icp)(?<sp2>${SP})备(?<sp3>${SP}[:：]?${SP})(?<num>\\d+)(?<hao>${SP}号)?(?<suffix>[-－—–]\\d+)?`,
  'giu',
);
/** `<省简称>公网安备 <14 digits>号`, loosely. */
const PSB_RE = new RegExp(`(?<prov>\\p{Script=Han})?(?<sp1>${SP})公网安备(?<sp2>${SP}[:：]?${SP})(?<num>\\d+)(?<hao>${SP}号)?`, 'gu');
/** A 公安 record number printed after a label instead of in the 公网安备 form: 公安备案号：53090202000105. */
const PSB_LABEL_RE = new RegExp(`公安(?:机关)?(?:网站)?备案(?:编?号)?${SP}[:：]?${SP}(?<num>\\d{6,})(?<hao>${SP}号)?`, 'gu');
/** A value on the next line (a table cell after 网站标识码：), taken only when it has a code's shape. */
const SITECODE_NEXT_LINE = /^\s{0,4}(\d{10}|bm\d{8})(?![\dA-Za-z])/i;
/** How the name of a government body ends (临沧市人民政府办公室, 湖南省市场监督管理局). */
const ORG_END = '(?:政府|办公室|办公厅|委员会|局|厅|委|中心|院|部|处|署|办|馆|站|所|会)';
/** 临沧市人民政府办公室主办 (name first, ending like an organisation; inline spans may glue the next name on). */
const SPONSOR_AFTER_RE = new RegExp(`\\p{Script=Han}{2,}${ORG_END}${SP}主办(?!单位|方|的)`, 'u');
/** 版权所有：湖南省市场监督管理局 / 临沧市人民政府 版权所有: names the owner, not (in the indicator's words) the sponsor. */
const COPYRIGHT_RE = new RegExp(`版权所有${SP}[:：]?${SP}\\p{Script=Han}{2,}?${ORG_END}(?!\\p{Script=Han})|\\p{Script=Han}{2,}?${ORG_END}${SP}版权所有`, 'gu');
/** Contact: a label (spaced labels like 电　话 too), an e-mail address or a landline with its area code. */
const CONTACT_RE = new RegExp(
  `联系${SP}(?:电话|方式|我们|邮箱)|电${SP}话|热线|邮${SP}箱|电子邮件|e-?mail|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|(?<!\\d)0\\d{2,3}[-－—]\\d{7,8}(?!\\d)`,
  'iu',
);
const CONTACT_LINK_RE = /联系我们|联系方式/;
/** The conac badge image: red.png (党政机关), blue.png (事业单位); *_error.png when the badge check fails. */
const CONAC_IMAGE_RE = /\/(?:red|blue)(?<error>_error)?\.(?:png|gif|jpg)$/i;
const CONAC_ALT_RE = /党政机关|事业单位/;
const PSB_RECORD_RE = /[?&#](?:recordcode|code)=(\d{14})(?!\d)/i;
const PSB_ALT_RE = /(?:公网安备|公安(?:机关)?备案)\D{0,6}\d{14}(?!\d)/;
const ICP_STRICT_RE = new RegExp(`[${[...BY_ABBREVIATION.keys()].join('')}]ICP备\\d+号`);

const isConacHost = (url: string) => /(^|\.)conac\.cn$/.test(hostnameOf(url));

/**
 * Start of the foot of the page: text from here to the end counts as footer text.
 * - With a footer range: its start, moved up over the short footer-like lines just above it (at most
 *   FOOTER_SLACK characters), so a 主办/标识码 row outside the footer container still counts.
 * - Without one: the last lines of the page, up to the first article paragraph (a line over 200 characters,
 *   or over 40 with sentence punctuation) and at most TAIL_CHARS characters.
 * Either way an article paragraph that quotes an ICP number or a phone never becomes footer text.
 */
export function footZoneStart(model: TextModel): number {
  const text = model.text;
  const from = model.footer ? model.footer.start : text.length;
  const limit = model.footer ? FOOTER_SLACK : TAIL_CHARS;
  let start = from;
  while (start > 0) {
    const lineStart = start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
    if (lineStart >= start || from - lineStart > limit) break;
    const line = text.slice(lineStart, start).trim();
    const cue = FOOTER_CUE.test(line);
    // An article paragraph: long, with sentence punctuation (or a run of commas and no footer word).
    const prose = line.length > 40 && (/[。！？]/.test(line) || ((line.match(/，/g)?.length ?? 0) >= 2 && !cue));
    const footerLike = !prose && line.length <= FOOTER_LINE_MAX;
    // Above a known footer only footer-like lines with a cue join it; at a page without one, any footer-like line.
    if (line && !(footerLike && (cue || !model.footer))) break;
    start = lineStart;
  }
  return start;
}

/** Every match of a global regex in text from `from` on. */
function* matchesFrom(pattern: RegExp, text: string, from: number): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, pattern.flags); // own lastIndex: callers may nest scans
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/**
 * Whether the 10-digit code's administrative prefix is plausible: its first two digits are a province code
 * of GB/T 2260. Only the province is tested: county codes change with boundary reforms while issued site codes
 * stay valid. (lib/data/area-codes.ts `isKnownAreaCode`, when it lands, could test all six digits here — if it
 * keeps retired codes.)
 */
function plausibleArea(code: string): boolean {
  return BY_CODE.has(code.slice(0, 2));
}

interface ItemResult {
  /** A well-formed (or cosmetically off) occurrence was found. */
  present: boolean;
  /** Malformed occurrences, already shaped as reports. */
  problems: Report[];
}

const none = (): ItemResult => ({ present: false, problems: [] });

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

export default defineCheck({
  meta: {
    id: 'site-identification',
    category: 'identity',
    defaultSeverity: 'deduct',
    websiteOnly: true,
    topFrameOnly: true,
    indicator: { 'zh-CN': '网站标识（页面底部功能区）', en: 'Site identification (page footer)' },
    description: {
      'zh-CN':
        '检查页面底部功能区是否具备党政机关网站标识、网站标识码、ICP备案编号、公安机关备案号、网站主办单位和联系方式六项，并核对标识码、备案号的格式（每缺一项扣0.5分，最多扣3分）。',
      en: 'Checks that the page footer carries the six identification items (Party and government website badge, site code, ICP filing number, public security filing number, sponsoring body, contact) and that the codes are well formed (−0.5 per missing item, at most −3).',
    },
    messages: {
      missingConac: { 'zh-CN': '页面底部缺少党政机关网站标识', en: 'The footer lacks the Party and government website badge (党政机关网站标识)' },
      missingSitecode: { 'zh-CN': '页面底部缺少网站标识码', en: 'The footer lacks the site code (网站标识码)' },
      missingIcp: { 'zh-CN': '页面底部缺少ICP备案编号', en: 'The footer lacks the ICP filing number (ICP备案编号)' },
      missingPsb: { 'zh-CN': '页面底部缺少公安机关备案号', en: 'The footer lacks the public security filing number (公安机关备案号)' },
      missingSponsor: { 'zh-CN': '页面底部缺少网站主办单位', en: 'The footer lacks the sponsoring body (网站主办单位)' },
      missingContact: { 'zh-CN': '页面底部缺少联系方式', en: 'The footer lacks contact details (联系方式)' },
      conacInvalid: {
        'zh-CN': '党政机关网站标识显示为异常图标（{{src}}），请核对标识状态',
        en: 'The Party and government website badge shows its error image ({{src}}); check the badge status',
      },
      sitecodeEmpty: { 'zh-CN': '网站标识码后没有填写标识码', en: 'The site code label has no code after it' },
      sitecodeMalformed: {
        'zh-CN': '网站标识码格式错误：{{value}}',
        en: 'Malformed site code: {{value}} (10 digits, or bm and 8 digits)',
      },
      sitecodeArea: {
        'zh-CN': '网站标识码前6位不是有效的行政区划代码：{{value}}',
        en: 'The first 6 digits of site code {{value}} are not an administrative division code',
      },
      sitecodeMismatch: {
        'zh-CN': '网站标识码{{value}}与“我为政府网站找错”组件的标识码{{widget}}不一致',
        en: 'Site code {{value}} differs from the code {{widget}} of the error-report widget (我为政府网站找错)',
      },
      icpMalformed: { 'zh-CN': 'ICP备案编号格式错误：{{value}}', en: 'Malformed ICP filing number: {{value}}' },
      psbMalformed: { 'zh-CN': '公安机关备案号格式错误：{{value}}', en: 'Malformed public security filing number: {{value}}' },
      sponsorCopyrightOnly: {
        'zh-CN': '页面底部只有“版权所有”，未标明网站主办单位：{{value}}',
        en: 'The footer names a copyright owner but no sponsoring body (主办单位): {{value}}',
      },
      sponsorRenamed: {
        'zh-CN': '网站主办单位“{{value}}”使用了机构改革前的名称“{{old}}”（{{year}}年起已更名或撤并），现为“{{current}}”',
        en: 'The sponsoring body "{{value}}" is named by its name before the institutional reform, "{{old}}" (renamed or merged from {{year}}); it is now "{{current}}"',
      },
      sitecodeSponsorArea: {
        'zh-CN': '网站标识码{{value}}的行政区划代码属于{{codeArea}}，与网站主办单位“{{sponsor}}”所在的{{sponsorArea}}不符',
        en: 'Site code {{value}} carries the division code of {{codeArea}}, but the sponsoring body "{{sponsor}}" is in {{sponsorArea}}',
      },
      psbProvinceMismatch: {
        'zh-CN': '公安机关备案号的省份简称与编号不符：{{value}}',
        en: 'The province abbreviation of public security filing number {{value}} does not match its digits',
      },
    },
  },

  run(ctx: CheckContext) {
    const { model } = ctx;
    // A .txt file has no footer; a frame's footer is not the page's (the engine also skips frames).
    if (model.source !== 'html' || !model.isTopFrame) return;
    const zone = footZoneStart(model);
    const text = model.text;
    const widget = widgetSitecode(model);

    const sitecode = checkSitecode(text, zone, widget);
    const psb = checkPsb(model, zone);
    // The site's province (from its own codes) words the suggestion for an ICP number without 省简称.
    const province = siteProvince(text, zone, widget);
    const results: Record<IdentificationKind, ItemResult> = {
      conac: checkConac(model),
      sitecode,
      icp: checkIcp(model, zone, province),
      psb,
      sponsor: checkSponsor(text, zone),
      contact: { present: contactPresent(model, zone), problems: [] },
    };

    // 标识内容 (seed 004 附件7: 网站标识 naming the wrong body): what the sponsor and the code say must agree.
    checkContent(text, zone, model.publishDate?.date ?? ctx.today, results);

    for (const kind of IDENTIFICATION_KINDS) {
      ctx.checkBudget();
      const r = results[kind];
      for (const p of r.problems) ctx.report({ ...p, kind });
      if (!r.present && r.problems.length === 0) ctx.report({ ...missing(kind, widget), kind, text: '' });
    }
  },
});

function missing(kind: IdentificationKind, widget: string | undefined): Report {
  switch (kind) {
    case 'conac':
      return { messageId: 'missingConac', suggestion: '在页面底部悬挂党政机关网站标识（dcs.conac.cn 提供的标识脚本）' };
    case 'sitecode':
      return {
        messageId: 'missingSitecode',
        suggestion: widget ? `网站标识码：${widget}` : '在页面底部标注网站标识码，如“网站标识码：5309000044”',
      };
    case 'icp':
      return { messageId: 'missingIcp', suggestion: '在页面底部标注ICP备案编号（如“滇ICP备05000394号”）并链接到 beian.miit.gov.cn' };
    case 'psb':
      return { messageId: 'missingPsb', suggestion: '在页面底部标注公安机关备案号（如“滇公网安备 53090202000105号”）并链接到 beian.gov.cn' };
    case 'sponsor':
      return { messageId: 'missingSponsor', suggestion: '在页面底部标注网站主办单位，如“主办：临沧市人民政府办公室”' };
    case 'contact':
      return { messageId: 'missingContact', suggestion: '在页面底部提供联系电话、电子邮箱或“联系我们”链接' };
  }
}

/** The 找错 widget's code: `<script id="_jiucuo_" sitecode="...">`, used only when it has a code's shape. */
function widgetSitecode(model: TextModel): string | undefined {
  for (const s of model.scripts) {
    if (s.id !== '_jiucuo_' && !/jiucuo/i.test(s.src)) continue;
    const code = (s.attrs.sitecode ?? '').trim();
    if (SITECODE_SHAPE.test(code)) return code;
  }
  return undefined;
}

function checkConac(model: TextModel): ItemResult {
  const result = none();
  let errorImage: ImageInfo | undefined;
  let badgeImage = false;
  // The badge script writes the badge at run time; a CLI that runs no scripts only sees the script.
  if (model.scripts.some((s) => isConacHost(s.src))) result.present = true;
  if (model.links.some((l) => isConacHost(l.href))) result.present = true;
  for (const img of model.images) {
    if (isConacHost(img.src)) {
      if (CONAC_IMAGE_RE.exec(new URL(img.src).pathname)?.groups?.error) errorImage ??= img;
      else badgeImage = true;
    } else if (CONAC_ALT_RE.test(img.alt) || CONAC_ALT_RE.test(img.title ?? '')) {
      badgeImage = true;
    }
  }
  if (badgeImage) result.present = true;
  // The badge script shows red_error.png / blue_error.png when the badge does not check out (seed 004 lists
  // "网站标识证书已撤销" among 标识问题): the badge is hung but not valid, whatever script wrote it.
  else if (errorImage) {
    result.present = false;
    result.problems.push({
      messageId: 'conacInvalid',
      data: { src: errorImage.src },
      text: errorImage.src,
      suggestion: '登录党政机关网站标识管理系统核对标识状态（过期、撤销或域名不符）',
    });
  }
  return result;
}

function checkSitecode(text: string, zone: number, widget: string | undefined): ItemResult {
  const result = none();
  const fix = widget ? `网站标识码：${widget}` : undefined;
  for (const m of matchesFrom(SITECODE_RE, text, zone)) {
    const { label, sep } = m.groups!;
    let val = m.groups!.val;
    const start = m.index;
    let end = m.index + m[0].length;
    if (!val) {
      const next = SITECODE_NEXT_LINE.exec(text.slice(end, end + 40));
      if (next) {
        val = next[1];
        end = end + next[0].length;
      }
    }
    if (!val) {
      const labelEnd = trimmedEnd(text, start, start + label.length + sep.length);
      // A bare 标识码 in running text is not a label; only one followed by a colon is an empty field.
      if (!/[:：]/.test(sep)) continue;
      result.problems.push({
        messageId: 'sitecodeEmpty',
        start,
        end: labelEnd,
        suggestion: fix ?? '填写全国政府网站信息报送系统分配的网站标识码',
      });
      continue;
    }
    const data = { value: val };
    if (!SITECODE_SHAPE.test(val)) {
      result.problems.push({
        messageId: 'sitecodeMalformed',
        data,
        start,
        end,
        suggestion: fix ?? '网站标识码为10位数字（前6位为行政区划代码），国务院部门网站为 bm 加8位数字',
      });
      continue;
    }
    if (/^\d/.test(val) && !plausibleArea(val)) {
      result.problems.push({
        messageId: 'sitecodeArea',
        data,
        start,
        end,
        suggestion: fix ?? '网站标识码前6位应为网站主办单位所在地的行政区划代码',
      });
      continue;
    }
    if (widget && widget.toLowerCase() !== val.toLowerCase()) {
      result.problems.push({
        messageId: 'sitecodeMismatch',
        data: { value: val, widget },
        start,
        end,
        suggestion: '以全国政府网站信息报送系统登记的标识码为准，统一页面底部与找错组件的标识码',
      });
      continue;
    }
    result.present = true;
  }
  return result;
}

/** Province code of the site from its own 10-digit 网站标识码 or 公安 record number, for suggestions. */
function siteProvince(text: string, zone: number, widget: string | undefined): ProvinceEntry | undefined {
  const candidates: string[] = [];
  if (widget) candidates.push(widget);
  for (const m of matchesFrom(SITECODE_RE, text, zone)) candidates.push(m.groups!.val);
  for (const m of matchesFrom(PSB_RE, text, zone)) candidates.push(m.groups!.num);
  for (const c of candidates) {
    if (/^\d{10}(\d{4})?$/.test(c) && BY_CODE.has(c.slice(0, 2))) return BY_CODE.get(c.slice(0, 2));
  }
  return undefined;
}

function checkIcp(model: TextModel, zone: number, province: ProvinceEntry | undefined): ItemResult {
  const result = none();
  const text = model.text;
  for (const m of matchesFrom(ICP_RE, text, zone)) {
    const g = m.groups!;
    const prov = g.prov && BY_ABBREVIATION.has(g.prov) ? g.prov : undefined;
    // An unrelated character before ICP (临沧市人民政府办公室ICP备…) is not part of the number.
    const start = prov ? m.index : m.index + (g.prov?.length ?? 0) + g.sp1.length;
    const end = m.index + m[0].length;
    const suffix = g.suffix ? `-${g.suffix.slice(1)}` : '';
    const value = text.slice(start, end);
    if (!prov) {
      const abbr = province?.icp ?? '（省份简称）';
      result.problems.push({ messageId: 'icpMalformed', data: { value }, start, end, suggestion: `${abbr}ICP备${g.num}号${suffix}` });
      continue;
    }
    result.present = true;
    const canonical = `${prov}ICP备${g.num}号${suffix}`;
    if (value !== canonical) {
      // Spacing, case, a missing 号, a full-width dash: the number is all there, so a notice, not a deduction.
      result.problems.push({ messageId: 'icpMalformed', data: { value }, start, end, suggestion: canonical, severity: 'notice' });
    }
  }
  if (!result.present) {
    // A link to the MIIT filing system whose title (not its visible text) carries the number.
    for (const l of model.links) {
      if (/beian\.miit\.gov\.cn$/.test(hostnameOf(l.href)) && linkPlaced(model, l, zone) && ICP_STRICT_RE.test(`${l.text} ${l.title ?? ''}`)) {
        result.present = true;
      }
    }
  }
  return result;
}

function checkPsb(model: TextModel, zone: number): ItemResult {
  const result = none();
  const text = model.text;
  for (const m of matchesFrom(PSB_RE, text, zone)) {
    const g = m.groups!;
    const prov = g.prov && BY_ABBREVIATION.has(g.prov) ? g.prov : undefined;
    const start = prov ? m.index : m.index + (g.prov?.length ?? 0) + g.sp1.length;
    const end = m.index + m[0].length;
    const value = text.slice(start, end);
    const num = g.num;
    const numProvince = BY_CODE.get(num.slice(0, 2));
    if (num.length !== 14 || !numProvince) {
      result.problems.push({
        messageId: 'psbMalformed',
        data: { value },
        start,
        end,
        suggestion: '公安机关备案号为14位数字，前两位为省级行政区划代码，如“滇公网安备 53090202000105号”',
      });
      continue;
    }
    if (prov && BY_ABBREVIATION.get(prov)!.code !== numProvince.code) {
      result.problems.push({
        messageId: 'psbProvinceMismatch',
        data: { value },
        start,
        end,
        suggestion: `编号前两位${numProvince.code}对应${numProvince.province}（${numProvince.psb}），请核对省份简称与编号`,
      });
      continue;
    }
    result.present = true;
    const canonical = `${prov ?? numProvince.psb}公网安备 ${num}号`;
    // Spaces between 公网安备 and the digits are common and fine; a missing 省简称 or 号 is cosmetic.
    if (!prov || g.sp1 || !g.hao) {
      result.problems.push({ messageId: 'psbMalformed', data: { value }, start, end, suggestion: canonical, severity: 'notice' });
    }
  }
  for (const m of matchesFrom(PSB_LABEL_RE, text, zone)) {
    const num = m.groups!.num;
    const start = m.index;
    const end = m.index + m[0].length;
    const value = text.slice(start, end);
    const numProvince = BY_CODE.get(num.slice(0, 2));
    if (num.length === 14 && numProvince) {
      result.present = true;
      result.problems.push({
        messageId: 'psbMalformed',
        data: { value },
        start,
        end,
        suggestion: `${numProvince.psb}公网安备 ${num}号`,
        severity: 'notice',
      });
    } else {
      result.problems.push({
        messageId: 'psbMalformed',
        data: { value },
        start,
        end,
        suggestion: '公安机关备案号为14位数字，前两位为省级行政区划代码，如“滇公网安备 53090202000105号”',
      });
    }
  }
  if (!result.present) {
    // The 公安 badge is often an image: a record link or an alt text with the 14-digit number counts.
    const recordLink = model.links.some((l) => /(^|\.)beian\.(mps\.)?gov\.cn$/.test(hostnameOf(l.href)) && PSB_RECORD_RE.test(l.href));
    const altNumber = model.images.some((i) => PSB_ALT_RE.test(i.alt) || PSB_ALT_RE.test(i.title ?? ''));
    if (recordLink || altNumber) result.present = true;
  }
  return result;
}

function checkSponsor(text: string, zone: number): ItemResult {
  const result = none();
  for (const m of matchesFrom(SPONSOR_RE, text, zone)) {
    if (!NOT_A_NAME.test(m.groups!.name)) result.present = true;
  }
  if (SPONSOR_AFTER_RE.test(text.slice(zone))) result.present = true;
  if (result.present) return result;
  // Only a 版权所有 line: the owner is named, the indicator's 主办单位 label is not. Reviewers differ on
  // whether that counts, so it is a notice on the line (counted as present), not a deduction.
  for (const m of matchesFrom(COPYRIGHT_RE, text, zone)) {
    const start = m.index;
    const end = trimmedEnd(text, start, m.index + m[0].length);
    const owner = m[0].replace(/版权所有|[:：\s]/g, '');
    result.present = true;
    result.problems.push({
      messageId: 'sponsorCopyrightOnly',
      data: { value: text.slice(start, end) },
      start,
      end,
      suggestion: `主办：${owner}`,
      severity: 'notice',
    });
    break;
  }
  return result;
}

/**
 * Whether a link counts as page furniture rather than article prose: it sits in the footer or the foot of the
 * page, shows no text of its own (an image link), or its text is not part of the article (Readability's main
 * content) — a 联系我们 link in the header navigation counts, one in an article paragraph does not.
 */
function linkPlaced(model: TextModel, link: LinkInfo, zone: number): boolean {
  if (link.inFooter || link.start === undefined || link.start >= zone) return true;
  return !(model.main && link.text && model.main.text.includes(link.text));
}

function contactPresent(model: TextModel, zone: number): boolean {
  if (CONTACT_RE.test(model.text.slice(zone))) return true;
  for (const l of model.links) {
    const labelled = CONTACT_LINK_RE.test(l.text) || CONTACT_LINK_RE.test(l.title ?? '') || /^mailto:/i.test(l.rawHref.trim());
    if (labelled && linkPlaced(model, l, zone)) return true;
  }
  return model.images.some((i) => i.inFooter && (CONTACT_LINK_RE.test(i.alt) || CONTACT_LINK_RE.test(i.title ?? '')));
}

/** A sponsor's name before its area prefix is read: 中共临沧市委办公室 → 临沧市委办公室. */
const PARTY_PREFIX = /^(?:中国共产党|中共)/;

/**
 * 标识内容: the footer's 网站主办单位 names a body renamed by the institutional reforms (renamed-bodies data, the
 * page's date rule of expression-renamed-body), or its 网站标识码's first six digits name an area that is
 * neither the area the sponsor's name starts with nor inside it (临沧市人民政府 with 5329… 大理白族自治州).
 * Careful on purpose: the sponsor must start with a full place name of the current divisions, the code's six
 * digits must name a current division (a code kept from before a boundary reform names none and is let be),
 * and a name shared by several divisions (朝阳区) counts as any of them.
 */
function checkContent(text: string, zone: number, date: string, results: Record<IdentificationKind, ItemResult>): void {
  const sponsors: Array<{ name: string; start: number; end: number }> = [];
  for (const m of matchesFrom(SPONSOR_RE, text, zone)) {
    const name = m.groups!.name;
    if (NOT_A_NAME.test(name)) continue;
    const end = m.index + m[0].length;
    sponsors.push({ name, start: end - name.length, end });
  }
  for (const s of sponsors) {
    const hit = renamedBodyInName(s.name, date);
    if (!hit) continue;
    results.sponsor.problems.push({
      messageId: 'sponsorRenamed',
      data: { value: s.name, old: hit.old, current: hit.current, year: hit.year },
      start: s.start,
      end: s.end,
      suggestion: s.name.replace(new RegExp(`${hit.old}(?!.*${hit.old})`), hit.current),
    });
  }
  const sponsor = sponsors[0];
  if (!sponsor) return;
  const steps = areasNamedAtStart(sponsor.name.replace(PARTY_PREFIX, ''));
  const named = steps[steps.length - 1];
  if (!named) return;
  for (const m of matchesFrom(SITECODE_RE, text, zone)) {
    const val = m.groups!.val;
    if (!/^\d{10}$/.test(val)) continue;
    const codeArea = areaOfCode(val.slice(0, 6));
    if (!codeArea || named.some((a: Area) => codeArea.code.startsWith(a.code))) continue;
    results.sitecode.problems.push({
      messageId: 'sitecodeSponsorArea',
      data: { value: val, codeArea: `${codeArea.name}（${val.slice(0, 6)}）`, sponsor: sponsor.name, sponsorArea: named.map((a) => a.name).join('、') },
      start: m.index,
      end: m.index + m[0].length,
      suggestion: '核对网站标识码：前6位应为网站主办单位所在地的行政区划代码',
    });
  }
}
