/**
 * Groups items by a key, keeping the items' order within each group and the groups in the order their
 * first item came: one array per group, appended to (not copied per item, which is quadratic in a
 * group's size). What `Map.groupBy` does from Node 21; pushpull runs on Node 20.19.
 *
 * @example groupBy(items, (i) => i.thread).get('t1') // the items of thread t1, in input order
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
