#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses: fuzz/corpus/<harness>/<name>.

Each seed is a small, meaningful scenario written with an encoder that mirrors the harness's
decoder (fuzz/ops/decode.hpp, runner.hpp and *_ops.hpp, fuzz/math/math.cpp,
fuzz/builder/builder.cpp, fuzz/threads/threads.cpp), so that the fuzzer starts from inputs that already reach every
operation and boundary.
Regenerate after changing a decoder:  python3 fuzz/make_corpus.py
"""

import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"


def u8(v):
    return bytes([v & 0xFF])


def u16(v):
    return struct.pack("<H", v & 0xFFFF)


def u32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def u64(v):
    return struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF)


# --- the operations harness -------------------------------------------------------------------

OPS = [
    "alloc", "alloc_throw", "try_alloc", "alloc_single", "try_alloc_single", "alloc_value",
    "emplace", "alloc_copy_vector", "alloc_copy_slice", "alloc_copy_view", "alloc_copy_lying",
    "reentrant", "arm_upstream_failure", "copy_slice", "move_slice", "swap_slices", "drop_slice",
    "subslice", "first", "last", "read", "to_single", "to_slice", "single_op", "violation",
    "reset_allocator", "move_allocator", "recycle_limit",
]
OP = {name: i for i, name in enumerate(OPS)}

# Configurations (first byte): element type, index type, refcount policy.
U8_COUNTED, U8_PLAIN, U16_COUNTED, U16_PLAIN = 0, 1, 2, 3
U32_COUNTED, U32_PLAIN, U64_COUNTED, U64_PLAIN = 4, 5, 6, 7

# Integer type selectors of a length or capacity (decode.hpp, with_integer).
INT, UNSIGNED, SHORT, UCHAR, SIZE_T, WIDE = 0, 1, 2, 3, 4, 5


class Len:
    """Encodings of decode_length."""

    @staticmethod
    def lit(v, t=INT):  # 0..255 exactly
        return u8(2) + u8(v) + u8(t)

    @staticmethod
    def mid(v, t=SIZE_T):  # 0..4096 exactly
        return u8(5) + u16(v) + u8(t)

    @staticmethod
    def room(delta, t=INT):  # what is left in the current chunk, plus delta (-1, 0, 1)
        return u8(3) + u8(delta + 1) + u8(t)

    @staticmethod
    def cap(delta, t=INT):  # the chunk capacity plus delta (-1, 0, 1)
        return u8(4) + u8(delta + 1) + u8(t)

    MAX_L, MAX_L_PLUS_1, MINUS_1, INT64_MIN, UINT64_MAX, MAX_L_MINUS_1 = range(6)

    @staticmethod
    def bound(which, t=WIDE):
        return u8(6) + u8(which) + u8(t)


class Cap:
    """Encodings of decode_capacity."""

    @staticmethod
    def lit(v, t=INT):  # 0..255
        return u8(0) + u8(v) + u8(t)

    @staticmethod
    def mid(v, t=UNSIGNED):  # 0..65535
        return u8(2) + u16(v) + u8(t)

    MAX_L, MAX_L_PLUS_1, ZERO, MINUS_1, REFCOUNT_EDGE_BELOW, REFCOUNT_EDGE, HUGE, MAX_L_MINUS_1 = (
        range(8))

    @staticmethod
    def bound(which, t=WIDE):
        return u8(3) + u8(which) + u8(t)


# Allocator constructors (allocator_ops.hpp, enum ctor).
UPSTREAM, CAP_UPSTREAM, PLAIN, CAP_PLAIN, CAP_NULL, NULL_UPSTREAM = range(6)


def ctor(kind=CAP_UPSTREAM, cap=None, how=0):
    return u8(kind) + (cap if cap is not None else Cap.lit(16)) + u8(how)


def idx_lit(v):  # decode_index: v exactly, when v < len + 2 <= 256
    return u8(0) + u8(v)


def idx_len(delta):  # decode_index: len + delta, delta in (1, 0, -1)
    return u8(2) + u8(1 - delta)


def idx_huge(which=0):  # SIZE_MAX, SIZE_MAX - 1, SIZE_MAX / 2 + 1
    return u8(3) + u8(which)


class Ops:
    """One input of the operations harness."""

    def __init__(self, config, allocator=None):
        self.data = u8(config) + (allocator if allocator is not None else ctor())

    def op(self, name, *args):
        self.data += u8(OP[name]) + b"".join(args)
        return self

    def alloc(self, slot, length, base=0):
        return self.op("alloc", u8(slot), length, u32(base))

    def alloc_throw(self, slot, length, at, base=0):
        return self.op("alloc_throw", u8(slot), length, u32(base), u8(at))

    def try_alloc(self, slot, length, at=255, base=0):
        return self.op("try_alloc", u8(slot), length, u32(base), u8(at))

    def single(self, slot, base=0, fail=False):
        return self.op("alloc_single", u8(slot), u32(base), u8(1 if fail else 0))

    def try_single(self, slot, base=0, fail=False):
        return self.op("try_alloc_single", u8(slot), u32(base), u8(1 if fail else 0))

    def value(self, slot, base=0):
        return self.op("alloc_value", u8(slot), u32(base))

    def emplace(self, slot, base=0):
        return self.op("emplace", u8(slot), u32(base))

    def copy_vector(self, slot, length, base=0):
        return self.op("alloc_copy_vector", u8(slot), length, u32(base))

    def copy_slice(self, dst, src, throw_at=255, whole=False):
        return self.op("alloc_copy_slice", u8(dst), u8(src), u8(throw_at), u8(1 if whole else 0))

    def copy_view(self, slot, length, base=0):
        return self.op("alloc_copy_view", u8(slot), length, u32(base))

    def copy_lying(self, slot, claimed, actual, contiguous, base=0):
        return self.op("alloc_copy_lying", u8(slot), claimed, u8(actual),
                       u8(1 if contiguous else 0), u32(base))

    def reentrant(self, slot, length, at, inner):
        return self.op("reentrant", u8(slot), length, u8(at), u8(inner))

    def arm(self):
        return self.op("arm_upstream_failure")

    def copy(self, src, dst, via_temporary=False):
        return self.op("copy_slice", u8(src), u8(dst), u8(1 if via_temporary else 0))

    def move(self, src, dst, construct=False):
        return self.op("move_slice", u8(src), u8(dst), u8(1 if construct else 0))

    def swap(self, a, b, how=0):
        return self.op("swap_slices", u8(a), u8(b), u8(how))

    def drop(self, slot, how=0):
        return self.op("drop_slice", u8(slot), u8(how))

    def subslice(self, src, dst, offset, count):
        return self.op("subslice", u8(src), u8(dst), offset, count)

    def first(self, src, dst, count):
        return self.op("first", u8(src), u8(dst), count)

    def last(self, src, dst, count):
        return self.op("last", u8(src), u8(dst), count)

    def read(self, src, index):
        return self.op("read", u8(src), index)

    def to_single(self, src, dst, variant):
        return self.op("to_single", u8(src), u8(dst), u8(variant))

    def to_slice(self, src, dst, variant):
        return self.op("to_slice", u8(src), u8(dst), u8(variant))

    def single_op(self, a, b, variant):
        return self.op("single_op", u8(a), u8(b), u8(variant))

    def violation(self, variant, slice_slot=0, single_slot=0, past=0):
        return self.op("violation", u8(variant), u8(slice_slot), u8(single_slot), u8(past))

    def reset(self, allocator=None):
        return self.op("reset_allocator", allocator if allocator is not None else ctor())

    def move_allocator(self, variant):
        return self.op("move_allocator", u8(variant))

    def recycle_limit(self, which):  # 0, 1, 2, 3, 1000
        return self.op("recycle_limit", u8(which))


def ops_seeds():
    s = {}
    # The Rust crate's own tests, ported.
    s["crate_10_20_copy"] = (Ops(U32_COUNTED).alloc(0, Len.lit(10), 100).alloc(1, Len.lit(20), 200)
                             .copy(0, 2).drop(0).read(2, idx_lit(9)))
    s["crate_8_counted_n8"] = (Ops(U8_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(8)))
                               .alloc(0, Len.lit(8)).copy(0, 1).drop(0).drop(1).reset())
    s["crate_n4_3_2_10"] = (Ops(U16_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(4)))
                            .alloc(0, Len.lit(3)).alloc(1, Len.lit(2)).alloc(2, Len.lit(10)))
    s["crate_zero_and_empty"] = (Ops(U8_PLAIN).alloc(0, Len.lit(0)).try_alloc(1, Len.lit(0), 0)
                                 .copy_vector(2, Len.lit(0)).alloc(3, Len.lit(8)))
    s["crate_rotation_4_3_4"] = (Ops(U32_PLAIN, ctor(CAP_UPSTREAM, Cap.lit(4)))
                                 .alloc(0, Len.lit(4), 1).alloc(1, Len.lit(3), 2)
                                 .alloc(2, Len.lit(4), 3).read(0, idx_lit(0)).read(2, idx_len(-1)))
    singles = Ops(U8_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(8)))
    for i in range(32):
        singles.value(i % 3, i)
    s["crate_32_singles_n8"] = singles
    s["crate_8_1_16_u64"] = (Ops(U64_PLAIN, ctor(CAP_UPSTREAM, Cap.lit(8)))
                             .alloc(0, Len.lit(8)).alloc(1, Len.lit(1)).alloc(2, Len.lit(16)))
    # Placement rules.
    s["placement_keep_old"] = (Ops(U16_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(8)))
                               .alloc(0, Len.lit(2)).alloc(1, Len.lit(7)).alloc(2, Len.room(0)))
    s["placement_tie_goes_new"] = (Ops(U32_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(8)))
                                   .alloc(0, Len.lit(6)).alloc(1, Len.lit(6)).alloc(2, Len.room(0)))
    s["placement_room_edges"] = (Ops(U8_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(5)))
                                 .alloc(0, Len.lit(2)).alloc(1, Len.room(1)).alloc(2, Len.room(0))
                                 .alloc(3, Len.room(-1)).alloc(0, Len.cap(1)).alloc(1, Len.cap(0)))
    # Failure paths: init throwing, nullopt, upstream failure; fast, new-chunk and dedicated.
    s["failure_throw_each_path"] = (Ops(U8_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(6)))
                                    .alloc(0, Len.lit(3)).alloc_throw(1, Len.lit(3), 1)
                                    .alloc_throw(1, Len.lit(5), 4).alloc_throw(2, Len.lit(9), 8)
                                    .alloc_throw(3, Len.lit(2), 0).single(0, 7, True))
    s["failure_nullopt_each_path"] = (Ops(U32_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(6)))
                                      .try_alloc(0, Len.lit(4), 3).try_alloc(0, Len.lit(4))
                                      .try_alloc(1, Len.lit(4), 2).try_alloc(2, Len.lit(12), 11)
                                      .try_single(0, 5, True).try_single(1, 5))
    s["failure_upstream"] = (Ops(U16_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(4)))
                             .arm().alloc(0, Len.lit(2)).alloc(0, Len.lit(2)).arm()
                             .alloc(1, Len.lit(1)).alloc(1, Len.lit(3)).arm().alloc(2, Len.lit(9))
                             .alloc(2, Len.lit(9)))
    s["failure_copy_ctor"] = (Ops(U8_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(8)))
                              .alloc(0, Len.lit(5)).copy_slice(1, 0, 3).copy_slice(1, 0, 0, True)
                              .copy_slice(2, 0))
    s["reentrant_each_kind"] = Ops(U32_COUNTED)
    for inner in range(6):
        s["reentrant_each_kind"].reentrant(0, Len.lit(3), inner % 3, inner)
    s["reentrant_each_kind"].alloc(1, Len.lit(2))
    # Handles: copies, moves, swaps, drops, parts, reads.
    s["handles_copy_move_swap"] = (Ops(U16_PLAIN).alloc(0, Len.lit(5)).copy(0, 0).copy(0, 1, True)
                                   .move(1, 2).move(2, 2, True).swap(0, 3).swap(3, 0, 1)
                                   .swap(1, 1, 2).drop(3, 2).drop(0, 1))
    s["handles_subslice_bounds"] = (Ops(U32_COUNTED).alloc(0, Len.lit(6))
                                    .subslice(0, 1, idx_lit(2), idx_lit(3))
                                    .subslice(0, 2, idx_len(0), idx_lit(0))
                                    .subslice(0, 2, idx_len(1), idx_lit(0))
                                    .subslice(0, 2, idx_lit(3), idx_len(0))
                                    .subslice(0, 2, idx_huge(0), idx_lit(1))
                                    .subslice(0, 2, idx_lit(1), idx_huge(0))
                                    .subslice(3, 3, idx_lit(0), idx_lit(0)))
    s["handles_first_last_at"] = (Ops(U8_PLAIN).alloc(0, Len.lit(4), 40).first(0, 1, idx_lit(2))
                                  .last(0, 2, idx_lit(2)).first(0, 3, idx_len(1))
                                  .last(0, 3, idx_huge(2)).read(0, idx_len(-1))
                                  .read(0, idx_len(0)).read(1, idx_huge(1)).last(0, 3, idx_lit(0)))
    s["handles_zero_length_part"] = (Ops(U16_COUNTED).alloc(0, Len.lit(3))
                                     .subslice(0, 1, idx_lit(3), idx_lit(0)).drop(0)
                                     .to_single(1, 0, 0).read(1, idx_lit(0)))
    s["singles_conversions"] = (Ops(U32_COUNTED).alloc(0, Len.lit(1), 9).alloc(1, Len.lit(2))
                                .to_single(0, 0, 0).to_single(0, 1, 2).to_single(1, 2, 0)
                                .to_single(1, 2, 3).to_single(0, 2, 1).to_slice(0, 3, 0)
                                .to_slice(1, 3, 1).to_slice(2, 1, 2).to_slice(2, 1, 0))
    s["singles_ops"] = (Ops(U64_COUNTED).single(0, 1).emplace(1, 2).value(2, 3)
                        .single_op(0, 1, 0).single_op(1, 2, 1).single_op(1, 0, 3)
                        .single_op(2, 0, 3).single_op(0, 0, 2).single_op(0, 0, 0))
    s["violations"] = (Ops(U16_COUNTED).alloc(0, Len.lit(3)).single(0).single(1)
                       .single_op(1, 2, 1).violation(0, 0, 0, 0).violation(0, 0, 0, 1)
                       .violation(1, 1).violation(2, 1).violation(3, 0, 0).violation(3, 0, 1)
                       .violation(4, 0, 0).violation(4, 0, 1).to_slice(1, 2, 0))
    # Sources of alloc_copy.
    s["copy_sources"] = (Ops(U32_PLAIN).copy_vector(0, Len.lit(7), 70).copy_view(1, Len.lit(9), 90)
                         .copy_slice(2, 0).copy_slice(3, 1, whole=True)
                         .copy_view(0, Len.bound(Len.MAX_L)))
    s["copy_sources_counted"] = (Ops(U8_COUNTED).copy_vector(0, Len.lit(7), 70)
                                 .copy_view(1, Len.lit(20), 90).copy_slice(2, 1)
                                 .copy_vector(3, Len.mid(256)).copy_view(3, Len.bound(Len.MAX_L)))
    s["copy_lying_ranges"] = (Ops(U16_COUNTED).copy_lying(0, Len.lit(5), 3, False)
                              .copy_lying(0, Len.lit(5), 3, True).copy_lying(1, Len.lit(2), 3, True)
                              .copy_lying(2, Len.lit(20), 9, False))
    s["copy_lying_ranges_memcpy"] = (Ops(U16_PLAIN).copy_lying(0, Len.lit(5), 3, True)
                                     .copy_lying(0, Len.lit(5), 3, False)
                                     .copy_lying(1, Len.lit(2), 3, True)
                                     .copy_lying(2, Len.bound(Len.MAX_L), 9, True))
    # Lengths and capacities at the edges of L, in every integer type.
    s["bounds_u8"] = (Ops(U8_COUNTED, ctor(CAP_UPSTREAM, Cap.bound(Cap.MAX_L)))
                      .alloc(0, Len.bound(Len.MAX_L, INT))
                      .alloc(1, Len.bound(Len.MAX_L_PLUS_1, SHORT))
                      .alloc(1, Len.bound(Len.MINUS_1, INT)).alloc(1, Len.bound(Len.INT64_MIN))
                      .alloc(1, Len.lit(200, UCHAR)).alloc(2, Len.mid(255, SIZE_T))
                      .reset(ctor(CAP_UPSTREAM, Cap.bound(Cap.MAX_L_PLUS_1)))
                      .reset(ctor(CAP_UPSTREAM, Cap.bound(Cap.ZERO)))
                      .reset(ctor(CAP_PLAIN, Cap.bound(Cap.MINUS_1))))
    s["bounds_u32_huge"] = (Ops(U32_COUNTED, ctor(CAP_UPSTREAM, Cap.bound(Cap.MAX_L)))
                            .alloc(0, Len.lit(1)).alloc(0, Len.bound(Len.MAX_L))
                            .reset(ctor(CAP_UPSTREAM, Cap.mid(300))).alloc(1, Len.bound(Len.MAX_L))
                            .alloc(1, Len.bound(Len.UINT64_MAX)).alloc(2, Len.mid(4096)))
    s["bounds_u64_huge"] = (Ops(U64_PLAIN, ctor(CAP_UPSTREAM, Cap.bound(Cap.REFCOUNT_EDGE)))
                            .reset(ctor(CAP_UPSTREAM, Cap.bound(Cap.REFCOUNT_EDGE_BELOW)))
                            .reset(ctor(CAP_UPSTREAM, Cap.bound(Cap.HUGE)))
                            .alloc(0, Len.lit(3)).reset(ctor(CAP_UPSTREAM, Cap.lit(16)))
                            .alloc(0, Len.bound(Len.UINT64_MAX))
                            .alloc(0, Len.bound(Len.MAX_L_MINUS_1))
                            .copy_view(1, Len.bound(Len.MAX_L)))
    # The allocator: constructors, destroy and recreate while handles live, moves, recycling.
    s["allocator_ctors"] = (Ops(U16_COUNTED, ctor(UPSTREAM)).alloc(0, Len.lit(20))
                            .reset(ctor(PLAIN)).alloc(1, Len.lit(3))
                            .reset(ctor(CAP_PLAIN, Cap.lit(7), how=1)).alloc(2, Len.lit(3))
                            .reset(ctor(CAP_NULL, Cap.lit(7))).reset(ctor(NULL_UPSTREAM, how=1))
                            .alloc(3, Len.lit(3)).reset(ctor(CAP_UPSTREAM, Cap.lit(9), how=2))
                            .alloc(3, Len.lit(3)).reset(ctor(CAP_NULL, Cap.lit(0))))
    s["allocator_moves"] = (Ops(U32_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(4))).alloc(0, Len.lit(3))
                            .move_allocator(0).alloc(1, Len.lit(1)).move_allocator(2)
                            .alloc(1, Len.lit(2)).move_allocator(1).alloc(2, Len.lit(2))
                            .move_allocator(3).alloc(3, Len.lit(4)))
    s["recycling_reuse"] = (Ops(U8_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(4))).alloc(0, Len.lit(4))
                            .alloc(1, Len.lit(4)).alloc(2, Len.lit(4)).drop(0).drop(1)
                            .alloc(0, Len.lit(4)).alloc(1, Len.lit(3)).alloc(3, Len.lit(3))
                            .drop(2).alloc(2, Len.lit(4)))
    s["recycling_limits"] = (Ops(U16_PLAIN, ctor(CAP_UPSTREAM, Cap.lit(2))).alloc(0, Len.lit(2))
                             .alloc(1, Len.lit(2)).alloc(2, Len.lit(2)).alloc(3, Len.lit(2))
                             .drop(0).drop(1).drop(2).recycle_limit(1).alloc(0, Len.lit(2))
                             .recycle_limit(0).drop(3).alloc(1, Len.lit(2)).alloc(2, Len.lit(2))
                             .recycle_limit(4).drop(1).alloc(3, Len.lit(2)))
    # Rewinding (trivially destructible elements): the unreferenced current chunk is reused in
    # place; a failing fill there leaves everything as it was; a live copy or a kept old chunk
    # prevents it; so do recycling switched off and a chunk made while it was off.
    for config in (U8_PLAIN, U16_PLAIN, U32_PLAIN, U64_PLAIN):
        s[f"recycling_rewind_{config}"] = (
            Ops(config, ctor(CAP_UPSTREAM, Cap.lit(8))).alloc(0, Len.lit(8)).drop(0)
            .alloc(0, Len.lit(8), 10).drop(0).alloc(0, Len.lit(6), 20).drop(0)
            .alloc_throw(1, Len.lit(6), 3).try_alloc(1, Len.lit(6), 2).alloc(1, Len.lit(2), 30)
            .copy(1, 2).drop(1).alloc(0, Len.lit(8), 40).drop(2).drop(0).alloc(3, Len.lit(8), 50)
            .drop(3).alloc(0, Len.lit(1), 60).drop(0).alloc(1, Len.lit(8), 70).drop(1)
            .alloc(1, Len.lit(7), 80).recycle_limit(0).drop(1).alloc(2, Len.lit(4), 90).drop(2)
            .alloc(2, Len.lit(5), 100).drop(2).alloc(3, Len.lit(8), 110).drop(3)
            .alloc(3, Len.lit(8), 120).read(3, idx_lit(7)))
    s["recycling_across_reset"] = (Ops(U64_COUNTED, ctor(CAP_UPSTREAM, Cap.lit(3)))
                                   .alloc(0, Len.lit(3)).alloc(1, Len.lit(3)).drop(0)
                                   .reset().drop(1).alloc(2, Len.lit(3)).alloc(3, Len.lit(3))
                                   .drop(2).alloc(0, Len.lit(3)))
    s["local_policy_mix"] = (Ops(U8_PLAIN, ctor(CAP_UPSTREAM, Cap.lit(3))).alloc(0, Len.lit(2))
                             .single(0).copy(0, 1).to_single(1, 1, 1).alloc_throw(2, Len.lit(2), 1)
                             .value(2).move_allocator(1).alloc(3, Len.lit(3)))
    return {name: ops.data for name, ops in s.items()}


# --- the arithmetic harness -------------------------------------------------------------------

def math_seeds():
    s = {}
    # selector = helper + 8 * sub (sub: index type 0..4, see math.cpp)

    def sel(helper, sub=0):
        return u8(helper + 8 * sub)

    def size_raw(v):  # read_size, case 3: a full size_t
        return u8(3) + u64(v)

    def size_pow(k, delta):  # read_size, case 1: 2^k + delta
        return u8(1) + u8(k) + u8(delta + 1)

    def size_top(d):  # read_size, case 2: SIZE_MAX - d
        return u8(2) + u8(d)

    def raw(v, width):  # an integer of `width` bytes (its bit pattern)
        return (v & ((1 << (8 * width)) - 1)).to_bytes(width, "little")

    max64 = (1 << 64) - 1
    index_widths = (1, 2, 4, 8, 8)  # math.cpp, index_types
    # math.cpp, length_types: signed char .. unsigned long long, wchar_t, char8_t, char16_t,
    # char32_t
    length_widths = (1, 1, 1, 2, 2, 4, 4, 8, 8, 8, 8, 4, 1, 2, 4)
    index_names = ("u8", "u16", "u32", "ulong", "ulonglong")
    for l, w in enumerate(index_widths):
        # Every length type at -1 and at its sign bit / top bit, then 64-bit boundaries.
        s[f"to_length_{index_names[l]}"] = b"".join(
            sel(0, l) + u8(i) + raw(v, lw)
            for i, lw in enumerate(length_widths) for v in (-1, 1 << (8 * lw - 1), 0)) + b"".join(
            sel(0, l) + u8(i) + raw(v, 8)
            for i in (7, 8, 9, 10)
            for v in (0xFF, 0x100, 0xFFFF, 0x10000, 0xFFFFFFFF, 0x100000000, max64, 1 << 63))
    for h, name in ((1, "add"), (2, "fits"), (3, "remaining")):
        s[f"{name}_each_index_type"] = b"".join(
            sel(h, l) + raw(a, w) + raw(b, w) + raw(c, w)
            for l, w in enumerate(index_widths)
            for a, b, c in ((0, 0, 0), (max64, 1, 0), (1, max64, max64), (0x80, 0x7F, 0xFF),
                            (max64 - 1, max64, 1), (max64, max64, 0)))
    s["range_in_bounds"] = b"".join(
        sel(4) + a + b + c
        for a, b, c in ((size_raw(10), size_raw(3), size_raw(7)),
                        (size_raw(10), size_raw(3), size_raw(8)),
                        (size_raw(10), size_raw(11), size_raw(0)),
                        (size_top(0), size_top(0), size_raw(1)),
                        (size_top(0), size_raw(1), size_top(0)),
                        (size_top(0), size_pow(63, 0), size_pow(63, -1))))
    s["mul_add_size"] = b"".join(
        sel(5) + a + b for a, b in ((size_pow(32, 0), size_pow(32, 0)),
                                    (size_pow(32, 0), size_pow(32, -1)),
                                    (size_pow(33, 0), size_pow(31, 1)),
                                    (size_top(0), size_raw(1)), (size_raw(0), size_top(0)),
                                    (size_top(0), size_raw(0))))
    layouts = (
        ("small", size_raw(0), 3, size_raw(16), size_raw(48), size_raw(8), 3),
        ("top", size_top(0), 4, size_raw(1), size_raw(40), size_raw(24), 6),
        ("payload_overflow", size_raw(17), 5, size_top(1), size_raw(40), size_raw(16), 4),
        ("total_overflow", size_pow(63, 0), 63, size_pow(60, 0), size_raw(48), size_raw(15), 12),
        ("align_overflow", size_top(2), 2, size_raw(4), size_top(3), size_raw(1), 4))
    for name, v, a, cap, hdr, es, ea in layouts:
        s[f"align_layout_{name}"] = sel(6) + v + u8(a) + cap + hdr + es + u8(ea)
    # Alignment that is not a power of two: read_alignment reads a full size after 200..255.
    s["align_not_power_of_two"] = (sel(6) + size_raw(5) + u8(255) + size_raw(12) + size_raw(1)
                                   + size_raw(8) + size_raw(8) + u8(255) + size_raw(0))
    for l in range(5):
        s[f"valid_capacity_{index_names[l]}"] = b"".join(
            sel(7, l) + u8(200) + u8(d) for d in range(3)) + b"".join(
            sel(7, l) + u8(0) + v
            for v in (size_raw(0), size_raw(1), size_pow(61, -1), size_pow(61, 0), size_top(0)))
    return s


# --- the threads harness ----------------------------------------------------------------------

T_OPS = ["copy", "drop", "read", "send", "receive", "part", "via_single", "yield", "alloc",
         "destroy_allocator", "send_copy"]
T = {name: i for i, name in enumerate(T_OPS)}


def threads_input(wide, three, capacity, scripts, lengths):
    data = u8((1 if wide else 0) | (2 if three else 0)) + u8(capacity - 1)
    for script in scripts:
        data += u8(len(script))
        for name, a, b in script:
            data += u8(T[name]) + u8(a) + u8(b)
    for n in lengths:
        data += u8(n - 1)
    return data


def threads_seeds():
    s = {}
    ping = [("send", 0, 1), ("read", 1, 0), ("receive", 2, 0), ("read", 2, 0), ("drop", 1, 0)]
    pong = [("receive", 3, 0), ("read", 3, 0), ("copy", 3, 2), ("send", 3, 0), ("drop", 2, 0)]
    s["handoff_two_threads"] = threads_input(False, False, 8, [ping, pong], [3, 5, 2, 7])
    churn = [("copy", 0, 1), ("copy", 1, 2), ("read", 2, 0), ("drop", 0, 0), ("drop", 1, 0),
             ("read", 2, 0), ("drop", 2, 0)]
    s["copies_released_everywhere"] = threads_input(True, True, 16, [churn, churn, churn],
                                                    [4, 4, 9, 9, 20, 1])
    owner = [("alloc", 0, 5), ("send_copy", 0, 1), ("alloc", 1, 9), ("send", 1, 2),
             ("destroy_allocator", 0, 0), ("read", 0, 0), ("drop", 0, 0)]
    user = [("receive", 0, 0), ("read", 0, 0), ("part", 0, 1), ("via_single", 1, 2),
            ("yield", 0, 0), ("receive", 3, 0), ("read", 3, 0), ("drop", 0, 0)]
    s["allocator_destroyed_midway"] = threads_input(False, True, 6, [owner, user, user],
                                                    [2, 3, 4, 5, 6, 7])
    recycle = [("alloc", i % 4, 3) for i in range(12)] + [("drop", i, 0) for i in range(4)]
    drops = [("receive", 0, 0), ("drop", 0, 0), ("drop", 1, 0), ("yield", 0, 0), ("drop", 2, 0)]
    s["recycling_from_foreign_threads"] = threads_input(True, False, 4, [recycle, drops],
                                                        [4, 4, 4, 4])
    s["dedicated_chunks"] = threads_input(False, False, 2, [churn, ping], [20, 24, 3, 1])
    singles = [("via_single", 0, 1), ("via_single", 1, 2), ("send", 2, 1), ("read", 1, 0),
               ("drop", 0, 0), ("drop", 1, 0)]
    s["singles_across_threads"] = threads_input(True, False, 8, [singles, singles + ping],
                                                [5, 1, 6, 2])
    parts = [("part", 0, 2), ("part", 2, 1), ("send_copy", 2, 1), ("drop", 0, 0), ("read", 2, 0)]
    s["parts_outlive_wholes"] = threads_input(False, True, 12, [parts, parts, ping],
                                              [12, 7, 12, 7, 3, 3])
    fan_out = [("send_copy", 0, 1), ("send_copy", 0, 2), ("send_copy", 1, 1), ("drop", 0, 0),
               ("drop", 1, 0)]
    fan_in = [("yield", 0, 0), ("receive", 0, 0), ("receive", 1, 0), ("read", 0, 0),
              ("read", 1, 0), ("receive", 2, 0), ("drop", 0, 0), ("drop", 1, 0)]
    s["fan_out_fan_in"] = threads_input(True, True, 16, [fan_out, fan_in, fan_in],
                                        [10, 10, 4, 4, 2, 2])
    early_end = [("destroy_allocator", 0, 0)]
    s["allocator_gone_first"] = threads_input(False, True, 5, [early_end, churn, churn],
                                              [5, 5, 5, 5, 5, 5])
    s["idle_threads"] = threads_input(True, False, 3, [[], []], [1, 2, 3, 4])
    alloc_storm = [("alloc", i % 4, i) for i in range(24)] + [("send", i, i) for i in range(4)]
    s["alloc_storm_with_handoffs"] = threads_input(True, True, 7, [alloc_storm, fan_in, fan_in],
                                                   [1, 1, 1, 1, 1, 1])
    s["ping_pong_u32"] = threads_input(True, False, 8, [ping + pong, pong + ping], [3, 5, 2, 7])
    return s


# --- the builder harness (fuzz/builder/builder.cpp) ------------------------------------------
# A configuration byte (capacity - 1; the top bit selects local_refcount), then steps: an operation byte (below(6): 0 build,
# 1 overwrite, 2 alloc_copy, 3 drop, 4 compare, 5 recycle limit) and its argument bytes. Every
# below(n) with n <= 256 reads one byte; below(n) with n > 256 reads two (little-endian).

B_BUILD, B_OVERWRITE, B_COPY, B_DROP, B_COMPARE, B_RECYCLE = range(6)
# Builder sub-operations (below(5)).
SUB_POISON, SUB_POISONED_RANGE, SUB_UPSTREAM_FAILS, SUB_RUN, SUB_PUSH = range(5)


def b_build(subs, finish=True):
    """subs: (sub-operation, argument bytes); finish: finish (else abandon)."""
    out = u8(B_BUILD) + u8(len(subs))
    for sub, args in subs:
        out += u8(sub) + bytes(args)
    return out + u8(1 if finish else 0)


def b_overwrite(max_len, count, mode=1, base=0):
    out = u8(B_OVERWRITE) + u16(max_len)  # below(300): two bytes
    out += u16(count) if max_len + 2 > 256 else u8(count)
    return out + u8(mode) + u8(base)


def b_copy(values):
    return u8(B_COPY) + u8(len(values)) + bytes(values)


def builder_seeds():
    s = {}
    push = lambda v: (SUB_PUSH, [v])  # noqa: E731
    run = lambda n, v=1: (SUB_RUN, [n] + [v] * n)  # noqa: E731
    s["fits_in_room"] = (u8(31) + b_copy([1, 2]) + b_build([push(3), push(4)]) + u8(B_COMPARE)
                         + u8(0) + u8(1))
    s["grows_to_standard"] = u8(7) + b_copy([1] * 6) + b_build([run(5)])
    s["grows_to_dedicated"] = u8(3) + b_build([run(40, 2), run(40, 3)])
    s["length_limit"] = u8(31) + b_build([run(63), run(63), run(63), run(63), run(10)])
    s["failures_inside"] = u8(4) + b_build([push(1), (SUB_POISON, []),
                                            (SUB_POISONED_RANGE, [5, 2]),
                                            (SUB_UPSTREAM_FAILS, [3]), run(6)])
    s["abandoned"] = u8(7) + b_copy([5, 5]) + b_build([run(20)], finish=False) + b_copy([6])
    s["overwrite_paths"] = (u8(15) + b_overwrite(10, 4) + b_overwrite(40, 30) + b_overwrite(0, 1)
                            + b_overwrite(12, 13) + b_overwrite(299, 3) + b_overwrite(8, 8, mode=0))
    s["compare_and_drop"] = (u8(9) + b_copy([1, 2, 3]) + b_copy([1, 2, 3]) + b_copy([1, 2])
                             + u8(B_COMPARE) + u8(0) + u8(1) + u8(B_COMPARE) + u8(1) + u8(2)
                             + u8(B_DROP) + u8(0) + u8(B_RECYCLE) + u8(0) + b_build([run(12)]))
    # The same scenarios with local_refcount (the configuration byte's top bit).
    for name in ("grows_to_standard", "failures_inside", "abandoned", "overwrite_paths"):
        s["local_" + name] = u8(s[name][0] | 0x80) + s[name][1:]
    return s


def main():
    for harness, seeds in (("ops", ops_seeds()), ("math", math_seeds()),
                           ("threads", threads_seeds()), ("builder", builder_seeds())):
        out = ROOT / harness
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for name, data in seeds.items():
            (out / name).write_bytes(data)
        print(f"{harness}: {len(seeds)} seeds in {out}")


if __name__ == "__main__":
    main()
