/** The Chinese numerals of one to ten and their values (两 as well as 二): counts written in characters (三项, 两个月). */
export const SMALL_NUMERALS: ReadonlyMap<string, number> = new Map([
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
  ['十', 10],
]);
