import data from './area-names.json';

/**
 * Names of the current administrative divisions (省, 地级, 县级) with their GB/T 2260 codes, to tell which area a
 * body's name starts with (临沧市人民政府 → 530900) and to name the area of a code (5329… → 大理白族自治州). Data
 * and its source: lib/data/area-names.json. Only full names (临沧市, 大理白族自治州, 凤庆县) are known; short
 * forms (大理州) are not, so a sponsor named by one is simply not matched.
 */

/** A division: its code as far as it goes (2 digits for a province, 4 for a city, 6 for a county) and its name. */
export interface Area {
  code: string;
  name: string;
}

let byName: Map<string, Area[]> | undefined;
let longest = 0;

function index(): Map<string, Area[]> {
  if (byName) return byName;
  byName = new Map();
  const add = (code: string, name: string) => {
    const list = byName!.get(name) ?? [];
    list.push({ code, name });
    byName!.set(name, list);
    longest = Math.max(longest, name.length);
  };
  for (const [code, name] of Object.entries(data.provinces)) add(code, name);
  for (const [code, name] of Object.entries(data.cities)) add(code, name);
  for (const [code, name] of Object.entries(data.counties)) add(code, name);
  return byName;
}

/**
 * The areas a name starts with, most specific last (云南省临沧市人民政府 → [云南省], [临沧市]): place names read
 * from its start, each the longest known name there, a later one kept only inside an earlier one. Each step
 * lists every division of that name (朝阳区 is in Beijing and in Changchun). Empty when it starts with none.
 */
export function areasNamedAtStart(name: string): Area[][] {
  const names = index();
  const steps: Area[][] = [];
  let at = 0;
  while (at < name.length) {
    let found: Area[] | undefined;
    for (let len = Math.min(longest, name.length - at); len >= 2 && !found; len--) found = names.get(name.slice(at, at + len));
    if (!found) break;
    const outer = steps[steps.length - 1];
    const inside = outer ? found.filter((a) => outer.some((o) => a.code.startsWith(o.code))) : found;
    if (!inside.length) break;
    steps.push(inside);
    at += found[0].name.length;
  }
  return steps;
}

/** The current division a 6-digit code names (530921 → 凤庆县, 530900 → 临沧市, 530000 → 云南省), if any. */
export function areaOfCode(code6: string): Area | undefined {
  if (!/^\d{6}$/.test(code6)) return undefined;
  const counties = data.counties as Record<string, string>;
  const cities = data.cities as Record<string, string>;
  const provinces = data.provinces as Record<string, string>;
  if (!code6.endsWith('00') && counties[code6]) return { code: code6, name: counties[code6] };
  if (code6.endsWith('00') && !code6.endsWith('0000') && cities[code6.slice(0, 4)]) return { code: code6.slice(0, 4), name: cities[code6.slice(0, 4)] };
  if (code6.endsWith('0000') && provinces[code6.slice(0, 2)]) return { code: code6.slice(0, 2), name: provinces[code6.slice(0, 2)] };
  return undefined;
}
