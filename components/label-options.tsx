import type { Locale, MessageTemplates } from '@/lib/engine/types';

/** The <option>s of a select over labelled values (状态, 网站类型 …), in the reviewer's language. */
export function LabelOptions<V extends string>({ values, labels, locale }: { values: readonly V[]; labels: Record<V, MessageTemplates>; locale: Locale }) {
  return (
    <>
      {values.map((v) => (
        <option value={v} key={v}>
          {labels[v][locale]}
        </option>
      ))}
    </>
  );
}
