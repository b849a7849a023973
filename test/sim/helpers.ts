/** Test helpers for the simulated cohort, computed independently of src/sim. */

/** Mann–Whitney AUC: P(score of a positive > score of a negative) + ½ P(tie), by direct pair count. */
export function mannWhitneyAuc(scores: readonly number[], y: readonly number[]): number {
  let wins = 0;
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < y.length; i++) (y[i] ? pos++ : neg++);
  for (let i = 0; i < y.length; i++) {
    if (!y[i]) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j]) continue;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / (pos * neg);
}

export function mean(a: readonly number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}

/** Mean of `values` over the rows where `group[i] === g`. */
export function groupMean(values: readonly number[], group: readonly number[], g: number): number {
  return mean(values.filter((_, i) => group[i] === g));
}

/** Ranks (1-based, ties averaged). */
function ranks(a: readonly number[]): number[] {
  const order = a.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const r = new Array<number>(a.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  return pearson(ranks(a), ranks(b));
}
