/**
 * Brent's root finder as R's uniroot (R_zeroin2, the netlib zeroin algorithm): same iteration,
 * same default tolerance (ε^0.25), so statistics that R obtains through uniroot (e.g. the
 * conditional MLE odds ratio of fisher.test) are reproduced digit for digit.
 */
import { InputError } from "../errors.js";

const EPS = 2.220446049250313e-16;

/** uniroot(f, c(lower, upper), tol, maxiter): root of f in [lower, upper] (f must change sign). */
export function uniroot(f: (x: number) => number, lower: number, upper: number, tol = EPS ** 0.25, maxiter = 1000): number {
  let fa = f(lower);
  let fb = f(upper);
  if (fa * fb > 0) throw new InputError(`uniroot: f() values at the end points (${fa}, ${fb}) have the same sign`);
  let a = lower;
  let b = upper;
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  for (let it = 0; it <= maxiter; it++) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * EPS * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qq = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1));
        q = (qq - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
