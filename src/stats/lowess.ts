/**
 * R's lowess() (Cleveland 1979, the clowess C routine): locally weighted linear fits with tricube
 * weights over the nearest ⌊f·n⌋ points, optional robustness iterations (bisquare of residuals
 * over 6·median|r|), and interpolation between points closer than delta.
 */

export interface LowessResult {
  x: Float64Array;
  y: Float64Array;
}

/** lowess(x, y, f, iter, delta = 0.01·range(x)); returns x sorted and the smoothed y. */
export function lowess(xIn: ArrayLike<number>, yIn: ArrayLike<number>, f = 2 / 3, iter = 3, delta?: number): LowessResult {
  const n = xIn.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xIn[a] - xIn[b] || a - b);
  const x = Float64Array.from(order, (i) => xIn[i]);
  const y = Float64Array.from(order, (i) => yIn[i]);
  const d = delta ?? 0.01 * (x[n - 1] - x[0]);
  const ys = new Float64Array(n);
  if (n < 2) {
    ys.set(y);
    return { x, y: ys };
  }
  const ns = Math.max(2, Math.min(n, Math.trunc(f * n + 1e-7)));
  const rw = new Float64Array(n);
  const res = new Float64Array(n);
  for (let it = 1; it <= iter + 1; it++) {
    smoothPass(x, y, n, ns, d, ys, rw, res, it > 1);
    if (it > iter) break;
    for (let i = 0; i < n; i++) res[i] = y[i] - ys[i];
    if (!robustnessWeights(res, rw, n)) break;
  }
  return { x, y: ys };
}

function smoothPass(x: Float64Array, y: Float64Array, n: number, ns: number, delta: number, ys: Float64Array, rw: Float64Array, w: Float64Array, userw: boolean): void {
  let nleft = 0;
  let nright = ns - 1;
  let last = -1;
  let i = 0;
  for (;;) {
    if (nright < n - 1) {
      const d1 = x[i] - x[nleft];
      const d2 = x[nright + 1] - x[i];
      if (d1 > d2) {
        nleft++;
        nright++;
        continue;
      }
    }
    const fit = lowest(x, y, n, x[i], nleft, nright, w, userw, rw);
    ys[i] = fit ?? y[i];
    if (last < i - 1) {
      const denom = x[i] - x[last];
      for (let j = last + 1; j < i; j++) {
        const alpha = (x[j] - x[last]) / denom;
        ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
      }
    }
    last = i;
    const cut = x[last] + delta;
    for (i = last + 1; i < n; i++) {
      if (x[i] > cut) break;
      if (x[i] === x[last]) {
        ys[i] = ys[last];
        last = i;
      }
    }
    i = Math.max(last + 1, i - 1);
    if (last >= n - 1) break;
  }
}

/** Weighted local linear fit at xs over points nleft..nright (clowess's lowest). */
function lowest(x: Float64Array, y: Float64Array, n: number, xs: number, nleft: number, nright: number, w: Float64Array, userw: boolean, rw: Float64Array): number | undefined {
  const range = x[n - 1] - x[0];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else w[j] = (1 - (r / h) ** 3) ** 3;
      if (userw) w[j] *= rw[j];
      a += w[j];
    } else if (x[j] > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return undefined;
  for (j = nleft; j <= nrt; j++) w[j] /= a;
  if (h > 0) {
    a = 0;
    for (j = nleft; j <= nrt; j++) a += w[j] * x[j];
    let b = xs - a;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - a) * (x[j] - a);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j] *= b * (x[j] - a) + 1;
    }
  }
  let ys = 0;
  for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
  return ys;
}

/** Bisquare robustness weights from residuals; false when all residuals are ~0. */
function robustnessWeights(res: Float64Array, rw: Float64Array, n: number): boolean {
  const abs = Float64Array.from(res, Math.abs);
  const sorted = Float64Array.from(abs).sort();
  const m1 = Math.floor(n / 2);
  const cmad = n % 2 === 0 ? 3 * (sorted[m1 - 1] + sorted[m1]) : 6 * sorted[m1];
  let sc = 0;
  for (const v of abs) sc += v;
  sc /= n;
  if (cmad < 1e-7 * sc) return false;
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    const r = abs[i];
    rw[i] = r <= c1 ? 1 : r <= c9 ? (1 - (r / cmad) ** 2) ** 2 : 0;
  }
  return true;
}

/** approx(lowess, xout = x, ties = mean) at the original points: mean smoothed value per distinct x. */
export function smoothAtPoints(sm: LowessResult, xout: ArrayLike<number>): Float64Array {
  const ux: number[] = [];
  const uy: number[] = [];
  let i = 0;
  while (i < sm.x.length) {
    let j = i;
    let s = 0;
    while (j < sm.x.length && sm.x[j] === sm.x[i]) s += sm.y[j++];
    ux.push(sm.x[i]);
    uy.push(s / (j - i));
    i = j;
  }
  return Float64Array.from(xout, (v) => interpolate(ux, uy, v));
}

/** Linear interpolation in sorted knots (constant outside, as approx(rule = 2)). */
export function interpolate(xs: number[], ys: number[], v: number): number {
  if (v <= xs[0]) return ys[0];
  if (v >= xs[xs.length - 1]) return ys[ys.length - 1];
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= v) lo = mid;
    else hi = mid;
  }
  if (xs[lo] === v) return ys[lo];
  const t = (v - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}
