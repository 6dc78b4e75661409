/**
 * Key → partition, the same way Kafka's default partitioner does it (murmur2 of the key's UTF-8
 * bytes, made positive, modulo the partition count), so a key lands on the same partition number
 * on the embedded bus as on Kafka with the same partition count.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's murmur2 hash (a signed 32-bit integer) of `bytes[0..length)`.
 *
 * @example murmur2(Buffer.from('21')) === -973932308
 */
export function murmur2(bytes: Uint8Array, length: number = bytes.length): number {
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= bytes[whole + 2]! << 16;
    if (rest >= 2) h ^= bytes[whole + 1]! << 8;
    h ^= bytes[whole]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

let scratch = Buffer.allocUnsafe(256);

/**
 * The partition of a non-null key among `partitions` partitions (Kafka's default partitioner).
 *
 * @example partitionForKey('github:acme/api:issue:4', 3) // always the same number in 0..2
 */
export function partitionForKey(key: string, partitions: number): number {
  if (key.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(key.length * 3);
  const length = scratch.write(key, 0, 'utf8');
  return (murmur2(scratch, length) & 0x7fffffff) % partitions;
}
