;; UTF-8 → a JS string, for src/export/utf8.ts (which holds this module assembled).
;; Rebuild after a change (binaryen, not a dependency of the app):
;;   npx -y -p binaryen@132 wasm-as --enable-gc --enable-reference-types src/export/utf8.wat -o /tmp/u.wasm
;;   npx -y -p binaryen@132 wasm-opt --enable-gc --enable-reference-types -O3 --strip-debug /tmp/u.wasm -o /tmp/u8.wasm
;;   base64 -w0 /tmp/u8.wasm   (→ UTF8_WASM in utf8.ts)
;; The bytes are copied into `memory`; the code units go into a GC array of i16 that is kept and
;; reused, and the JS String builtin makes the string from it on V8's heap.
(module
  (type $u16 (array (mut i16)))
  (import "wasm:js-string" "fromCharCodeArray"
    (func $fromCharCodeArray (param (ref null $u16) i32 i32) (result (ref extern))))
  (memory (export "memory") 1)
  (global $out (mut (ref $u16)) (array.new_default $u16 (i32.const 0)))
  ;; The UTF-8 bytes at [from, len) of memory as a string, or null where they are not UTF-8
  ;; (overlong, a surrogate, beyond U+10FFFF, cut short): the caller then asks TextDecoder why.
  (func (export "decode") (param $from i32) (param $len i32) (result externref)
    (local $a (ref $u16)) (local $i i32) (local $o i32) (local $b i32) (local $c i32) (local $w i32)
    (if (i32.lt_u (array.len (global.get $out)) (local.get $len))
      (then (global.set $out (array.new_default $u16 (local.get $len)))))
    (local.set $a (global.get $out))
    (local.set $i (local.get $from))
    (block $done
      (block $bad
        (loop $l
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          ;; four ASCII bytes at once
          (if (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $len))
            (then
              (local.set $w (i32.load align=1 (local.get $i)))
              (if (i32.eqz (i32.and (local.get $w) (i32.const 0x80808080)))
                (then
                  (array.set $u16 (local.get $a) (local.get $o) (i32.and (local.get $w) (i32.const 0xff)))
                  (array.set $u16 (local.get $a) (i32.add (local.get $o) (i32.const 1)) (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 0xff)))
                  (array.set $u16 (local.get $a) (i32.add (local.get $o) (i32.const 2)) (i32.and (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 0xff)))
                  (array.set $u16 (local.get $a) (i32.add (local.get $o) (i32.const 3)) (i32.shr_u (local.get $w) (i32.const 24)))
                  (local.set $o (i32.add (local.get $o) (i32.const 4)))
                  (local.set $i (i32.add (local.get $i) (i32.const 4)))
                  (br $l)))))
          (local.set $b (i32.load8_u (local.get $i)))
          (if (i32.lt_u (local.get $b) (i32.const 0x80))
            (then
              (array.set $u16 (local.get $a) (local.get $o) (local.get $b))
              (local.set $o (i32.add (local.get $o) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $l)))
          (br_if $bad (i32.lt_u (local.get $b) (i32.const 0xc2)))
          (if (i32.lt_u (local.get $b) (i32.const 0xe0))
            (then
              (br_if $bad (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $len)))
              (local.set $w (i32.load8_u offset=1 (local.get $i)))
              (br_if $bad (i32.ne (i32.and (local.get $w) (i32.const 0xc0)) (i32.const 0x80)))
              (array.set $u16 (local.get $a) (local.get $o)
                (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x1f)) (i32.const 6)) (i32.and (local.get $w) (i32.const 0x3f))))
              (local.set $o (i32.add (local.get $o) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 2)))
              (br $l)))
          (if (i32.lt_u (local.get $b) (i32.const 0xf0))
            (then
              (br_if $bad (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $len)))
              (local.set $w (i32.load16_u offset=1 align=1 (local.get $i)))
              ;; both continuation bytes: 10xxxxxx 10xxxxxx
              (br_if $bad (i32.ne (i32.and (local.get $w) (i32.const 0xc0c0)) (i32.const 0x8080)))
              (local.set $c
                (i32.or (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x0f)) (i32.const 12))
                                (i32.shl (i32.and (local.get $w) (i32.const 0x3f)) (i32.const 6)))
                        (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 0x3f))))
              (br_if $bad (i32.lt_u (local.get $c) (i32.const 0x800)))
              (br_if $bad (i32.eq (i32.and (local.get $c) (i32.const 0xf800)) (i32.const 0xd800)))
              (array.set $u16 (local.get $a) (local.get $o) (local.get $c))
              (local.set $o (i32.add (local.get $o) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 3)))
              (br $l)))
          (br_if $bad (i32.ge_u (local.get $b) (i32.const 0xf5)))
          (br_if $bad (i32.ge_u (i32.add (local.get $i) (i32.const 3)) (local.get $len)))
          (local.set $w (i32.load align=1 (local.get $i)))
          (br_if $bad (i32.ne (i32.and (local.get $w) (i32.const 0xc0c0c000)) (i32.const 0x80808000)))
          (local.set $c
            (i32.or
              (i32.or (i32.shl (i32.and (local.get $b) (i32.const 0x07)) (i32.const 18))
                      (i32.shl (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 0x3f)) (i32.const 12)))
              (i32.or (i32.shl (i32.and (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 0x3f)) (i32.const 6))
                      (i32.and (i32.shr_u (local.get $w) (i32.const 24)) (i32.const 0x3f)))))
          (br_if $bad (i32.lt_u (local.get $c) (i32.const 0x10000)))
          (br_if $bad (i32.gt_u (local.get $c) (i32.const 0x10ffff)))
          (local.set $c (i32.sub (local.get $c) (i32.const 0x10000)))
          (array.set $u16 (local.get $a) (local.get $o) (i32.or (i32.const 0xd800) (i32.shr_u (local.get $c) (i32.const 10))))
          (array.set $u16 (local.get $a) (i32.add (local.get $o) (i32.const 1)) (i32.or (i32.const 0xdc00) (i32.and (local.get $c) (i32.const 0x3ff))))
          (local.set $o (i32.add (local.get $o) (i32.const 2)))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $l)))
      (return (ref.null extern)))
    (call $fromCharCodeArray (local.get $a) (i32.const 0) (local.get $o)))
)
