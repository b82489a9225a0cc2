/** Small statistics for alternated rounds: medians, never means (one noisy round must not move the figure). */
export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function fixed(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? (a / b).toFixed(2) : '–';
}

export function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

/** Whether round `i` runs A before B: ABBA order, so a drifting machine hits both sides alike. */
export function aFirst(i: number): boolean {
  return i % 2 === 0;
}

export function bench(): { rounds: number; seconds: number } {
  return { rounds: Number(process.env.BENCH_ROUNDS ?? 5), seconds: Number(process.env.BENCH_SECONDS ?? 3) };
}
