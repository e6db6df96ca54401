/**
 * A pure function of one key, computed once per distinct key: a run meets the same few texts, dates, amounts and
 * templates thousands of times. The store is emptied when full, so a sheet of distinct values cannot grow it
 * without end.
 */
export function memoized<K, V>(compute: (key: K) => V, limit = 20_000): (key: K) => V {
  const known = new Map<K, V>();
  return (key: K): V => {
    const value = known.get(key);
    if (value !== undefined || known.has(key)) return value as V;
    const computed = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, computed);
    return computed;
  };
}
