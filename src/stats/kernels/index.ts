/**
 * WebAssembly SIMD kernels (kernels.wat) over one growable memory per user. Data live in the
 * memory as f64 at element offsets handed out by `alloc`; `f64` views the whole memory and is
 * renewed when the memory grows. Kernels take element offsets and lengths.
 */
import { KERNELS_WASM_BASE64 } from "./kernels-wasm.js";

// The part of the WebAssembly JS API used here (lib "ES2023" and @types/node 20 do not declare it).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
};

let compiled: object | undefined;

interface Exports {
  dot(a: number, b: number, n: number): number;
  axpy(y: number, x: number, n: number, d: number): void;
  axpyWeighted(y: number, w: number, x: number, n: number, d: number): void;
  tile2x4(x0: number, x1: number, c: number, n: number, out: number): void;
  argsort(vals: number, n: number, k0: number, k1: number, i0: number, i1: number, cnt: number): number;
}

const PAGE_DOUBLES = 65536 / 8;
const MAX_PAGES = 65536;

export class KernelMemory {
  private readonly memory: WasmMemory;
  /** The whole memory as doubles (renewed by `alloc`/`grow`: re-read it after either). */
  f64: Float64Array;
  private top = 0;
  private readonly k: Exports;

  constructor(doubles = PAGE_DOUBLES) {
    compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, "base64"));
    this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(doubles / PAGE_DOUBLES)), maximum: MAX_PAGES });
    this.k = new WebAssembly.Instance(compiled, { env: { memory: this.memory } }).exports as unknown as Exports;
    this.f64 = new Float64Array(this.memory.buffer);
  }

  /** Forgets every allocation (the memory is kept, its content is not cleared). */
  reset(): void {
    this.top = 0;
  }

  /** Reserves n doubles (16-byte aligned) and returns their element offset (zero-filled unless after reset). */
  alloc(n: number): number {
    const at = this.top;
    this.top += n + (n & 1);
    this.reserve(this.top);
    return at;
  }

  /** Makes room for `doubles` elements in total (content kept). */
  reserve(doubles: number): void {
    if (doubles <= this.f64.length) return;
    const pages = Math.ceil((doubles - this.f64.length) / PAGE_DOUBLES);
    const have = this.memory.buffer.byteLength / 65536;
    if (have + pages > MAX_PAGES) throw new RangeError(`WebAssembly memory: ${doubles} doubles do not fit in 4 GiB`);
    // Grow by half again at least (fewer copies), within the limit.
    this.memory.grow(Math.min(Math.max(pages, have >> 1), MAX_PAGES - have));
    this.f64 = new Float64Array(this.memory.buffer);
  }

  /** Σ a[i]·b[i], i < n. */
  dot(a: number, b: number, n: number): number {
    return this.k.dot(a * 8, b * 8, n);
  }

  /** y[i] −= d·x[i]. */
  axpy(y: number, x: number, n: number, d: number): void {
    this.k.axpy(y * 8, x * 8, n, d);
  }

  /** y[i] −= d·w[i]·x[i]. */
  axpyWeighted(y: number, w: number, x: number, n: number, d: number): void {
    this.k.axpyWeighted(y * 8, w * 8, x * 8, n, d);
  }

  /**
   * Stable ascending order (radix sort; −0 ties with +0; NaNs last) of the n doubles at element
   * offset `vals`, as a new Int32Array. Uses 4n + 128 doubles of scratch from this memory.
   */
  argsort(vals: number, n: number): Int32Array {
    const k0 = this.alloc(n);
    const k1 = this.alloc(n);
    const i0 = this.alloc((n + 1) >> 1);
    const i1 = this.alloc((n + 1) >> 1);
    const cnt = this.alloc(128);
    const at = this.k.argsort(vals * 8, n, k0 * 8, k1 * 8, i0 * 8, i1 * 8, cnt * 8);
    return new Int32Array(this.memory.buffer, at, n).slice();
  }

  /** out[4a + u] = Σᵢ x_a[i]·c[u·n + i] for a ∈ {0, 1}, u < 4; n even. */
  tile2x4(x0: number, x1: number, c: number, n: number, out: number): void {
    this.k.tile2x4(x0 * 8, x1 * 8, c * 8, n, out * 8);
  }
}
