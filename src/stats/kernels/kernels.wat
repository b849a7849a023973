;; Vector kernels of the statistics core (glmnet's coordinate descent), in WebAssembly SIMD
;; (f64x2). Pointers are byte offsets into the module's memory, lengths count f64 elements.
;; Every operation is IEEE-754 double arithmetic without fused multiply-add, so results are the
;; same on every machine. dot sums four interleaved partial sums (i mod 4), added as
;; (s0 + s2) + (s1 + s3); each tile2x4 sum runs as two (even and odd i). Callers pad vectors to an even length with zeros (tile2x4 needs it).
;; Build: npm run kernels (wabt's wat2wasm) → kernels-wasm.ts; a test checks the two agree.
(module
  ;; The caller sizes the memory for its data (one memory per fit).
  (import "env" "memory" (memory 1))

  ;; Σ a[i]·b[i]
  (func $dot (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $s01 v128) (local $s23 v128) (local $end4 i32) (local $end i32) (local $t f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end4 (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $a) (local.get $end4)))
        (local.set $s01 (f64x2.add (local.get $s01)
          (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $s23 (f64x2.add (local.get $s23)
          (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $l)))
    (local.set $s01 (f64x2.add (local.get $s01) (local.get $s23)))
    (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
    (block $tdone
      (loop $tl
        (br_if $tdone (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $t (f64.add (local.get $t) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $tl)))
    (local.get $t))

  ;; y[i] −= d·x[i]
  (func (export "axpy") (param $y i32) (param $x i32) (param $n i32) (param $d f64)
    (local $dv v128) (local $end2 i32) (local $end i32)
    (local.set $dv (f64x2.splat (local.get $d)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end2 (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $y) (local.get $end2)))
        (v128.store (local.get $y)
          (f64x2.sub (v128.load (local.get $y)) (f64x2.mul (local.get $dv) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $l)))
    (if (i32.lt_u (local.get $y) (local.get $end))
      (then (f64.store (local.get $y)
        (f64.sub (f64.load (local.get $y)) (f64.mul (local.get $d) (f64.load (local.get $x))))))))

  ;; y[i] −= d·w[i]·x[i]   (glmnet's residual update r −= Δβ·v·x)
  (func (export "axpyWeighted") (param $y i32) (param $w i32) (param $x i32) (param $n i32) (param $d f64)
    (local $dv v128) (local $end2 i32) (local $end i32)
    (local.set $dv (f64x2.splat (local.get $d)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $end2 (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $y) (local.get $end2)))
        (v128.store (local.get $y)
          (f64x2.sub (v128.load (local.get $y))
            (f64x2.mul (f64x2.mul (local.get $dv) (v128.load (local.get $w))) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $l)))
    (if (i32.lt_u (local.get $y) (local.get $end))
      (then (f64.store (local.get $y)
        (f64.sub (f64.load (local.get $y))
          (f64.mul (f64.mul (local.get $d) (f64.load (local.get $w))) (f64.load (local.get $x))))))))

  ;; out[4a + u] = Σᵢ xa[i]·c_u[i] for rows x0, x1 and the four columns c_u = c + u·n (a 2 × 4 tile
  ;; of a Gram matrix; each pass over i serves eight sums). n must be even.
  (func (export "tile2x4") (param $x0 i32) (param $x1 i32) (param $c i32) (param $n i32) (param $out i32)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $a v128) (local $b v128) (local $v v128)
    (local $stride i32) (local $end i32)
    (local.set $stride (i32.shl (local.get $n) (i32.const 3)))
    (local.set $end (i32.add (local.get $x0) (local.get $stride)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $x0) (local.get $end)))
        (local.set $a (v128.load (local.get $x0)))
        (local.set $b (v128.load (local.get $x1)))
        (local.set $v (v128.load (local.get $c)))
        (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $a) (local.get $v))))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $b) (local.get $v))))
        (local.set $v (v128.load (i32.add (local.get $c) (local.get $stride))))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $a) (local.get $v))))
        (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $b) (local.get $v))))
        (local.set $v (v128.load (i32.add (local.get $c) (i32.shl (local.get $stride) (i32.const 1)))))
        (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $a) (local.get $v))))
        (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $b) (local.get $v))))
        (local.set $v (v128.load (i32.add (local.get $c) (i32.mul (local.get $stride) (i32.const 3)))))
        (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $a) (local.get $v))))
        (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $b) (local.get $v))))
        (local.set $x0 (i32.add (local.get $x0) (i32.const 16)))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l)))
    (f64.store offset=0 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
    (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s02)) (f64x2.extract_lane 1 (local.get $s02))))
    (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s03)) (f64x2.extract_lane 1 (local.get $s03))))
    (f64.store offset=32 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
    (f64.store offset=40 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
    (f64.store offset=48 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s12)) (f64x2.extract_lane 1 (local.get $s12))))
    (f64.store offset=56 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s13)) (f64x2.extract_lane 1 (local.get $s13)))))

  ;; Stable ascending order of n doubles at $vals (−0 ties with +0, NaNs last): LSD radix sort on
  ;; order-preserving 64-bit keys (non-negative: sign bit flipped; negative: every bit flipped),
  ;; 8 passes of 8 bits, a pass skipped when every key has the same byte. Keys and indices move
  ;; between (k0, i0) and (k1, i1); $cnt holds 256 i32 counters. Returns the index array
  ;; (i0 or i1) that holds the order, as a byte offset.
  (func (export "argsort") (param $vals i32) (param $n i32) (param $k0 i32) (param $k1 i32)
    (param $i0 i32) (param $i1 i32) (param $cnt i32) (result i32)
    (local $i i32) (local $x f64) (local $bits i64) (local $shift i64) (local $pass i32)
    (local $b i32) (local $sum i32) (local $c i32) (local $at i32) (local $t i32) (local $key i64)
    ;; keys and the identity order
    (local.set $i (i32.const 0))
    (block $kd (loop $kl
      (br_if $kd (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (f64.load (i32.add (local.get $vals) (i32.shl (local.get $i) (i32.const 3)))))
      (if (f64.eq (local.get $x) (f64.const 0)) (then (local.set $x (f64.const 0))))
      (if (f64.ne (local.get $x) (local.get $x)) (then (local.set $x (f64.const nan))))
      (local.set $bits (i64.reinterpret_f64 (local.get $x)))
      (i64.store (i32.add (local.get $k0) (i32.shl (local.get $i) (i32.const 3)))
        (select
          (i64.xor (local.get $bits) (i64.const -1))
          (i64.xor (local.get $bits) (i64.const 0x8000000000000000))
          (i64.lt_s (local.get $bits) (i64.const 0))))
      (i32.store (i32.add (local.get $i0) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $kl)))
    (local.set $pass (i32.const 0))
    (block $pd (loop $pl
      (br_if $pd (i32.ge_u (local.get $pass) (i32.const 8)))
      (local.set $shift (i64.extend_i32_u (i32.shl (local.get $pass) (i32.const 3))))
      (memory.fill (local.get $cnt) (i32.const 0) (i32.const 1024))
      ;; histogram of this byte
      (local.set $i (i32.const 0))
      (block $hd (loop $hl
        (br_if $hd (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $b (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u
          (i64.load (i32.add (local.get $k0) (i32.shl (local.get $i) (i32.const 3)))) (local.get $shift)) (i64.const 255))) (i32.const 2)))
        (i32.store (i32.add (local.get $cnt) (local.get $b))
          (i32.add (i32.load (i32.add (local.get $cnt) (local.get $b))) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $hl)))
      (local.set $b (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (i64.load (local.get $k0)) (local.get $shift)) (i64.const 255))) (i32.const 2)))
      (if (i32.ne (i32.load (i32.add (local.get $cnt) (local.get $b))) (local.get $n))
        (then
          ;; exclusive prefix sums
          (local.set $sum (i32.const 0))
          (local.set $b (i32.const 0))
          (block $sd (loop $sl
            (br_if $sd (i32.ge_u (local.get $b) (i32.const 1024)))
            (local.set $c (i32.load (i32.add (local.get $cnt) (local.get $b))))
            (i32.store (i32.add (local.get $cnt) (local.get $b)) (local.get $sum))
            (local.set $sum (i32.add (local.get $sum) (local.get $c)))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (br $sl)))
          ;; stable scatter (k0, i0) → (k1, i1)
          (local.set $i (i32.const 0))
          (block $xd (loop $xl
            (br_if $xd (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $key (i64.load (i32.add (local.get $k0) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $b (i32.add (local.get $cnt) (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $key) (local.get $shift)) (i64.const 255))) (i32.const 2))))
            (local.set $at (i32.load (local.get $b)))
            (i32.store (local.get $b) (i32.add (local.get $at) (i32.const 1)))
            (i64.store (i32.add (local.get $k1) (i32.shl (local.get $at) (i32.const 3))) (local.get $key))
            (i32.store (i32.add (local.get $i1) (i32.shl (local.get $at) (i32.const 2)))
              (i32.load (i32.add (local.get $i0) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $xl)))
          (local.set $t (local.get $k0)) (local.set $k0 (local.get $k1)) (local.set $k1 (local.get $t))
          (local.set $t (local.get $i0)) (local.set $i0 (local.get $i1)) (local.set $i1 (local.get $t))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br $pl)))
    (local.get $i0))
)
