// Seeded randomness for the synthetic utility: each customer gets its own stream from (seed, index), so any
// customer can be generated alone, in any order, and the same seed gives the same population everywhere.

function mix32(x: number): number {
  let a = x >>> 0;
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  return a >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

/** mulberry32 over a state mixed from the seed and the stream index. */
export function rngFor(seed: number, stream: number): Rng {
  let s = mix32(mix32(seed) ^ mix32(stream + 0x9e3779b9)) | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
export const intBetween = (r: Rng, lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * r());
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Standard normal (Box–Muller). */
export function normal(r: Rng): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

export const logNormal = (r: Rng, median: number, sigma: number) => median * Math.exp(sigma * normal(r));

/** Money and kWh as the database stores them: two decimals. */
export const round2 = (x: number) => Math.round(x * 100) / 100;
