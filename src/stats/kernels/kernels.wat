;; Vector kernels of the statistics core (glmnet's coordinate descent), in WebAssembly SIMD
;; (f64x2). Pointers are byte offsets into the module's memory, lengths count f64 elements.
;; Every operation is IEEE-754 double arithmetic without fused multiply-add, so results are the
;; same on every machine; sums run as four interleaved partial sums (i mod 4), added as
;; (s0 + s2) + (s1 + s3). Callers pad vectors to an even length with zeros (tile2x4 needs it).
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
)
