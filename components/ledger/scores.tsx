import type { NamedSiteScore } from '@/lib/db/to-export';
import type { Locale } from '@/lib/engine/types';
import { tr } from '@/lib/i18n/ui-strings';

/**
 * Each site's result for the round by the indicators: 合格 / 不合格, the score, why, and its deduction items each
 * within its cap (站内搜索 −4（上限 4）); on a vetoed site they are listed for reference only.
 */
export function ScoreList({ scores, locale }: { scores: readonly NamedSiteScore[]; locale: Locale }) {
  return (
    <ul class="scores">
      {scores.map((s) => (
        <li key={s.siteId}>
          {s.name} <span class={s.result === '不合格' ? 'fail' : 'pass'}>{s.result}</span> {s.score !== null && `${s.score} ${tr('points', locale)}`}{' '}
          <span class="muted">{s.reasons.join('；')}</span>
          {s.deductions.length > 0 && (
            <div class="deductions muted">
              {tr(s.score === null ? 'deductionItemsForReference' : 'deductionItems', locale)}：
              {s.deductions.map((d) => `${d.item} −${d.points}（${tr('cap', locale)} ${d.cap}）`).join('；')}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
