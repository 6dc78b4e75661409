/** A source of uniform numbers in [0, 1), reproducible from its seed. */
export type Random = () => number;

/**
 * A small, fast, seeded generator (mulberry32): the same seed gives the same sequence on every run
 * and platform, so every figure drawn from it is reproducible.
 *
 * @example const random = seededRandom(7); random() // 0 <= x < 1, the same on every run
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function sampleNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A Gamma(shape, 1) draw (Marsaglia and Tsang's method; shapes below 1 by the usual boost).
 *
 * @example sampleGamma(seededRandom(1), 2.5) > 0 // true
 */
export function sampleGamma(random: Random, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be positive, got ${shape}`);
  if (shape < 1) return sampleGamma(random, shape + 1) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * A Dirichlet draw: shares that sum to 1, centred on `alphas / sum(alphas)`.
 *
 * @example sampleDirichlet(seededRandom(1), [30, 10]).reduce((a, b) => a + b) // 1 (to rounding)
 */
export function sampleDirichlet(random: Random, alphas: readonly number[]): number[] {
  const draws = alphas.map((a) => sampleGamma(random, a));
  const total = draws.reduce((a, b) => a + b, 0);
  return draws.map((x) => x / total);
}
