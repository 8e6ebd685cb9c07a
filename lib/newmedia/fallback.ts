import type { RawPost } from './adapter';
import { absoluteUrl, dateLabels, hasMedia, hasPinnedLabel, visibleText } from './dom';

/**
 * The shared fallback: what any platform page says in its visible text when its markup is not the one an
 * adapter knows (the platforms rename their hashed classes often). Login walls and captchas by their words;
 * posts by their time labels (发布于 …, 3天前, 11-18 10:30): each post is the largest block around one label
 * that holds no other label.
 */

/**
 * Login walls and pages that need the platform's app: 扫码登录, 请先登录, 登录后查看, 微博's Sina Visitor System,
 * a WeChat page that only opens in the client (历史消息 in a desktop browser).
 */
const LOGIN_WORDS =
  /扫码登录|请(?:先)?登录|登录后(?:才能|即可|可以|可)?(?:查看|浏览|继续|观看|访问)|登录(?:即可|以)?查看(?:更多)?|立即登录(?:查看|后)|Sina Visitor System|请在微信客户端打开|微信扫一扫.{0,8}(?:登录|打开)/i;
/** Verification pages: 安全验证, 拖动滑块, 请完成下列验证, 环境异常 (WeChat), a captcha. */
const CAPTCHA_WORDS = /安全验证|滑块|拼图|完成(?:下列|以下|安全)?验证|验证(?:后|通过后)(?:即可)?继续|环境异常|人机验证|验证码|captcha/i;
/** A login dialog's own words about its codes (短信验证码, 获取验证码, 验证码登录): not a captcha. */
const LOGIN_CODE_WORDS = /(?:短信|手机|获取|发送|输入)验证码|验证码登录|验证码已发送/g;

/** Whether the page's visible text is a login wall or a captcha (undefined when neither). A captcha wins: it is what blocks. */
export function detectWall(text: string): 'login' | 'captcha' | undefined {
  if (CAPTCHA_WORDS.test(text.replace(LOGIN_CODE_WORDS, ''))) return 'captcha';
  if (LOGIN_WORDS.test(text)) return 'login';
  return undefined;
}

/** Elements no post sits in (the site's navigation). */
const OUTSIDE_POSTS = 'nav';

/**
 * Posts found by their time labels in `root`: each label's post is its largest ancestor (below `root`) holding
 * no other label. The post's title is its first link or heading text, its URL the first link.
 */
export function fallbackPosts(root: Element, base: string): RawPost[] {
  const labels = dateLabels(root).filter((l) => !l.el.closest(OUTSIDE_POSTS));
  // How many labels each element holds: every label counts once on itself and each of its ancestors.
  const held = new Map<Element, number>();
  for (const { el } of labels) for (let up: Element | null = el; up; up = up.parentElement) held.set(up, (held.get(up) ?? 0) + 1);
  const count = (el: Element) => held.get(el) ?? 0;
  const posts: RawPost[] = [];
  const seen = new Set<Element>();
  for (const label of labels) {
    let post = label.el;
    while (post.parentElement && post.parentElement !== root && count(post.parentElement) === 1) post = post.parentElement;
    if (seen.has(post)) continue;
    seen.add(post);
    const link = post.querySelector('a[href]');
    const heading = post.querySelector('h1, h2, h3, h4, [class*="title"]');
    const title = visibleText(heading ?? link) || undefined;
    const own = visibleText(post).replace(label.match.text, '').replace(/置顶/g, '').trim();
    posts.push({
      el: post,
      dateEl: label.el,
      pinned: hasPinnedLabel(post),
      url: absoluteUrl(link?.getAttribute('href'), base),
      title: title && title.length <= 200 ? title : undefined,
      imageOnly: !own && hasMedia(post),
    });
  }
  return posts;
}

/** The account name a page's <title> gives, by the platform's title patterns (平安云岭的微博 → 平安云岭). */
export function nameFromTitle(title: string, patterns: readonly RegExp[]): string | undefined {
  for (const p of patterns) {
    const m = p.exec(title.trim());
    if (m?.[1]?.trim()) return m[1].trim();
  }
  return undefined;
}
