// An indicator of the care features as the screens, the ledgers and the tests read it: its code (the
// glossary names it as seed 003 does), the count that meets it over the count it is taken of, the
// rate in percent (null when nobody counts) and the profile's target with whether it is met.
export interface Indicator {
  id: string;
  numerator: number;
  denominator: number;
  /** Percent with one decimal; null when the denominator is 0. */
  rate: number | null;
  /** The target in percent (at least), or null when the seed sets none. */
  target: number | null;
  met: boolean | null;
}

export function indicator(
  id: string,
  numerator: number,
  denominator: number,
  target: number | null,
): Indicator {
  const rate = denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
  return {
    id,
    numerator,
    denominator,
    rate,
    target,
    met: rate === null || target === null ? null : rate >= target,
  };
}
