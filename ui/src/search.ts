// Finding a household or an item from what a clerk types: a code, part of
// a name, pinyin initials (zsf → 张三丰) or full pinyin (yiwu → 义务劳动).

export interface Searchable {
  code: string;
  name: string;
  /** Per character of `name`, the initials it may be read with ("zc" for 曾). */
  initials: string[];
  /** Toneless pinyin of `name`, when known. */
  spelling?: string;
}

/** Lower is better; `null` when `query` does not match at all. */
export function matchScore(query: string, s: Searchable): number | null {
  const q = query.trim().toLowerCase();
  if (q === "") return 0;
  const code = s.code.toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  if (s.name.startsWith(q)) return 2;
  if (/^[a-z]+$/.test(q)) {
    const at = initialsAt(q, s.initials);
    if (at === 0) return 2;
    if (at !== null) return 4;
    if (s.spelling?.startsWith(q)) return 3;
    if (s.spelling?.includes(q)) return 5;
  }
  if (s.name.includes(query.trim())) return 3;
  return null;
}

/** Where the letters of `q` first match consecutive characters' initials. */
export function initialsAt(q: string, initials: string[]): number | null {
  for (let start = 0; start + q.length <= initials.length; start++) {
    let ok = true;
    for (let k = 0; k < q.length && ok; k++) ok = initials[start + k].includes(q[k]);
    if (ok) return start;
  }
  return null;
}

/** The matches of `query` in `list`, best first, then by code. */
export function search<T>(list: readonly T[], query: string, key: (t: T) => Searchable, limit = Infinity): T[] {
  const scored: { t: T; score: number; code: string }[] = [];
  for (const t of list) {
    const k = key(t);
    const score = matchScore(query, k);
    if (score !== null) scored.push({ t, score, code: k.code });
  }
  scored.sort((a, b) => a.score - b.score || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.t);
}

/** A ranking's rows that match `query` (all of them for none), kept in rank order. */
export function searchRanked<T extends { rank: number; code: string; head: string; initials: string[] }>(rows: readonly T[], query: string): readonly T[] {
  if (query.trim() === "") return rows;
  return search(rows, query, (r) => ({ code: r.code, name: r.head, initials: r.initials })).sort((a, b) => a.rank - b.rank);
}
