// Small numbers: a governor must not be able to work out who a case is about from a count. Every count
// under 3 is shown as "fewer than 3" (0 too: "none" next to "fewer than 3" would give the 1s and 2s
// away). Where the cells of a group add up to a figure that is shown, one hidden cell could be worked
// out by subtraction, so the next smallest is hidden with it (secondary suppression).

export const THRESHOLD = 3;
export const FEWER = "fewer than 3";

export type Shown = { value: number | null; text: string };

export const shown = (n: number): Shown => (n < THRESHOLD ? { value: null, text: FEWER } : { value: n, text: String(n) });

/** Suppresses a group of counts; `totalShown` when their sum appears elsewhere on the same page. */
export function suppressGroup(counts: readonly number[], totalShown: boolean): Shown[] {
  const out = counts.map(shown);
  const hidden = out.filter((c) => c.value === null).length;
  if (totalShown && hidden === 1 && counts.length > 1) {
    let smallest = -1;
    out.forEach((c, i) => {
      if (c.value !== null && (smallest < 0 || counts[i] < counts[smallest])) smallest = i;
    });
    if (smallest >= 0) out[smallest] = { value: null, text: FEWER };
  }
  return out;
}
