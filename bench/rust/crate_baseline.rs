//! crate_baseline: the Rust baseline of the performance report (bench/README.md, "Against the
//! Rust crate").
//!
//! This is NOT the Rust crate `arena-arc` that arena-arc is ported from: the crate cannot be
//! fetched here (no crates.io access). It is a re-implementation, in one std-only file, of the
//! crate's documented design, written the way the crate would be, without handicaps:
//!
//! - `Allocator<T, L, N>` bump-allocates variable-length slices from a pre-allocated chunk of
//!   capacity N (a const generic) and hands out zero-copy handles `ArcSlice<T, L>`;
//! - a chunk is an `Arc<Chunk<T>>` owning a raw, uninitialised buffer of N elements; a handle is
//!   a clone of that `Arc` plus offset and length of index type L (default u32), so cloning a
//!   handle is one strong-count increment;
//! - `alloc(len, init)` writes element i as `init(i)` with raw pointer writes;
//! - a request longer than the room left starts a NEW chunk (the rest of the old one is
//!   overhead); one longer than N gets a chunk of its own; chunks are never recycled (the crate
//!   documents no recycling): a chunk is freed when its last handle and the allocator have let
//!   go of it, and only then are its elements dropped (deferred drops).
//!
//! Usage (build: `rustc --edition 2021 -O -C codegen-units=1 crate_baseline.rs`):
//!   crate_baseline [--min-time=S] [--repetitions=R] [--filter=A,B,...] [--seed=K]
//!       times alloc_drop, batch1024 and copy_drop with Allocator<u64, u32, 65536> at lengths
//!       1, 8, 32, 256, 1024 and 4096 (the C++ benchmark's three cases, bench/cases.hpp) and
//!       prints one JSON object per benchmark and line (CPU and wall ns per iteration of every
//!       repetition); --filter=A,B,... keeps the benchmarks named A or B or starting with A/ or
//!       B/ (names: alloc_drop/rust_crate/1, ...; "copy_drop" selects that case's six);
//!   crate_baseline --list       the benchmark names;
//!   crate_baseline --self-test  checks the allocator (contents, sharing, drops); exit 1 if not.
//!
//! Every item is std-only and compiles with rustc 1.63 (Debian 12) and later, so the fence used
//! to read a slice is an empty `asm!` rather than `std::hint::black_box` (stable from 1.66): it
//! is the same fence as the C++ benchmark's consume() (bench/consume.hpp).

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::arch::asm;
use std::marker::PhantomData;
use std::mem;
use std::ops::Deref;
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

// --- the allocator --------------------------------------------------------------------------

/// The type of a handle's offset and length (the crate's `L`).
pub trait Index: Copy {
    const MAX: usize;
    fn from_usize(value: usize) -> Self;
    fn to_usize(self) -> usize;
}

macro_rules! index_impl {
    ($($t:ty),*) => {$(
        impl Index for $t {
            const MAX: usize = if (<$t>::MAX as u128) < (usize::MAX as u128) {
                <$t>::MAX as usize
            } else {
                usize::MAX
            };
            #[inline(always)]
            fn from_usize(value: usize) -> Self {
                value as $t // callers keep value <= Self::MAX
            }
            #[inline(always)]
            fn to_usize(self) -> usize {
                self as usize // offsets and lengths came from a usize
            }
        }
    )*};
}
index_impl!(u8, u16, u32, u64, usize);

/// One chunk: a raw buffer of `capacity` elements, of which the first `initialised` are live.
struct Chunk<T> {
    ptr: NonNull<T>,
    capacity: usize,
    // Written by the allocator when it lets go of the chunk (its Arc's decrement, a release,
    // orders the store before the drop below), read once by the drop.
    initialised: AtomicUsize,
    _owns: PhantomData<T>,
}

// The elements are shared read-only between threads and dropped on whichever thread lets go of
// the chunk last: what Arc<[T]> requires.
unsafe impl<T: Send + Sync> Send for Chunk<T> {}
unsafe impl<T: Send + Sync> Sync for Chunk<T> {}

impl<T> Chunk<T> {
    fn with_capacity(capacity: usize) -> Self {
        let layout = Layout::array::<T>(capacity).expect("chunk size overflows isize");
        let ptr = if layout.size() == 0 {
            NonNull::dangling()
        } else {
            // Layout::array of a non-zero size: a valid argument for alloc.
            let raw = unsafe { alloc(layout) } as *mut T;
            NonNull::new(raw).unwrap_or_else(|| handle_alloc_error(layout))
        };
        Chunk {
            ptr,
            capacity,
            initialised: AtomicUsize::new(0),
            _owns: PhantomData,
        }
    }
}

impl<T> Drop for Chunk<T> {
    fn drop(&mut self) {
        let live = *self.initialised.get_mut();
        // The first `live` elements were written by alloc and never dropped: no handle is left.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), live)) };
        let layout = Layout::array::<T>(self.capacity).expect("checked in with_capacity");
        if layout.size() != 0 {
            // The block alloc returned for this very layout.
            unsafe { dealloc(self.ptr.as_ptr() as *mut u8, layout) };
        }
    }
}

/// A shared, read-only slice of a chunk.
pub struct ArcSlice<T, L: Index = u32> {
    chunk: Arc<Chunk<T>>,
    offset: L,
    len: L,
}

impl<T, L: Index> Clone for ArcSlice<T, L> {
    #[inline]
    fn clone(&self) -> Self {
        ArcSlice {
            chunk: Arc::clone(&self.chunk),
            offset: self.offset,
            len: self.len,
        }
    }
}

impl<T, L: Index> Deref for ArcSlice<T, L> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        // offset + len <= capacity, and these elements were initialised before the handle was
        // made; they are dropped only with the chunk, which this handle keeps alive.
        unsafe {
            std::slice::from_raw_parts(
                self.chunk.ptr.as_ptr().add(self.offset.to_usize()),
                self.len.to_usize(),
            )
        }
    }
}

impl<T, L: Index> ArcSlice<T, L> {
    /// Whether two handles are slices of the same chunk.
    pub fn same_chunk(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.chunk, &b.chunk)
    }
    /// Handles (and the allocator) holding this handle's chunk.
    pub fn chunk_handles(this: &Self) -> usize {
        Arc::strong_count(&this.chunk)
    }
}

/// Writes init(0..len) to dst. On a panic in init, drops what it wrote so far.
///
/// Safety: dst is valid for len writes of T and holds no live element.
#[inline(always)]
unsafe fn fill<T, F: FnMut(usize) -> T>(dst: *mut T, len: usize, mut init: F) {
    struct Written<T> {
        dst: *mut T,
        count: usize,
    }
    impl<T> Drop for Written<T> {
        fn drop(&mut self) {
            // Runs only while unwinding out of init: these `count` elements were written.
            unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.dst, self.count)) };
        }
    }
    if mem::needs_drop::<T>() {
        let mut written = Written { dst, count: 0 };
        while written.count < len {
            dst.add(written.count).write(init(written.count)); // in bounds: count < len
            written.count += 1;
        }
        mem::forget(written);
    } else {
        for i in 0..len {
            dst.add(i).write(init(i)); // in bounds: i < len
        }
    }
}

/// Bump-allocates slices of T from chunks of N elements; offsets and lengths are of type L.
pub struct Allocator<T, L: Index, const N: usize> {
    current: Arc<Chunk<T>>,
    base: *mut T, // current's buffer
    used: usize,  // elements of current handed out (all initialised)
    chunks_allocated: usize,
    _index: PhantomData<L>,
}

impl<T, L: Index, const N: usize> Allocator<T, L, N> {
    pub fn new() -> Self {
        assert!(N > 0 && N <= L::MAX, "N must be in 1..=L::MAX");
        let current = Arc::new(Chunk::with_capacity(N));
        let base = current.ptr.as_ptr();
        Allocator {
            current,
            base,
            used: 0,
            chunks_allocated: 1,
            _index: PhantomData,
        }
    }

    /// A slice of len elements, element i initialised to init(i).
    #[inline]
    pub fn alloc<F: FnMut(usize) -> T>(&mut self, len: usize, init: F) -> ArcSlice<T, L> {
        if len > N - self.used {
            return self.alloc_slow(len, init);
        }
        let offset = self.used;
        // offset + len <= N: inside the current chunk's buffer, past every handed-out element.
        unsafe { fill(self.base.add(offset), len, init) };
        self.used = offset + len;
        // offset, len <= N <= L::MAX (checked in new).
        ArcSlice {
            chunk: Arc::clone(&self.current),
            offset: L::from_usize(offset),
            len: L::from_usize(len),
        }
    }

    #[cold]
    #[inline(never)]
    fn alloc_slow<F: FnMut(usize) -> T>(&mut self, len: usize, init: F) -> ArcSlice<T, L> {
        self.chunks_allocated += 1;
        if len > N {
            // A chunk of its own; the current chunk keeps its room.
            assert!(len <= L::MAX, "slice length does not fit the index type");
            let mut chunk = Chunk::with_capacity(len);
            // The new buffer holds len elements and nothing else.
            unsafe { fill(chunk.ptr.as_ptr(), len, init) };
            *chunk.initialised.get_mut() = len;
            return ArcSlice {
                chunk: Arc::new(chunk),
                offset: L::from_usize(0),
                len: L::from_usize(len),
            };
        }
        // A new chunk; the unused tail of the old one stays unused. The old chunk's elements
        // are dropped when its last handle goes.
        let fresh = Arc::new(Chunk::with_capacity(N));
        self.leave_current();
        self.base = fresh.ptr.as_ptr();
        self.current = fresh;
        self.used = 0;
        self.alloc(len, init)
    }

    /// Records how many elements of the current chunk are live, for its drop.
    fn leave_current(&mut self) {
        self.current.initialised.store(self.used, Ordering::Relaxed);
    }

    /// Chunks this allocator has allocated, its first one included.
    pub fn chunks_allocated(&self) -> usize {
        self.chunks_allocated
    }
}

impl<T, L: Index, const N: usize> Default for Allocator<T, L, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T, L: Index, const N: usize> Drop for Allocator<T, L, N> {
    fn drop(&mut self) {
        self.leave_current();
    }
}

// --- the benchmark ----------------------------------------------------------------------------

const LENGTHS: [usize; 6] = [1, 8, 32, 256, 1024, 4096];
const BATCH_SLICES: usize = 1024;
const CHUNK_CAPACITY: usize = 65_536;
const VARIANT: &str = "rust_crate";

type BenchAllocator = Allocator<u64, u32, CHUNK_CAPACITY>;
type BenchSlice = ArcSlice<u64, u32>;

/// Reads a new slice as the C++ benchmark's consume() does: the pointer escapes to an empty asm
/// that may read and write any memory (so every store of the fill has to happen), then the last
/// element is loaded and escapes too.
#[inline(always)]
fn consume(slice: &[u64]) -> u64 {
    let mut data = slice.as_ptr();
    // An empty template: nothing is executed; without `nomem` the compiler must assume the asm
    // reads and writes memory through the pointer (Google Benchmark's DoNotOptimize +
    // ClobberMemory).
    unsafe { asm!("/* {0} */", inout(reg) data, options(nostack, preserves_flags)) };
    // data is still slice.as_ptr(), and the slice is not empty.
    let mut last = unsafe { *data.add(slice.len() - 1) };
    unsafe { asm!("/* {0} */", inout(reg) last, options(nostack, preserves_flags)) };
    last
}

/// The handle's address escapes to an empty asm that may read and write it: the clone's count
/// increment and the drop's decrement both have to happen.
#[inline(always)]
fn escape<T>(value: &T) {
    let address = value as *const T;
    unsafe { asm!("/* {0} */", in(reg) address, options(nostack, preserves_flags)) };
}

#[derive(Clone, Copy, PartialEq)]
enum Case {
    AllocDrop,
    Batch,
    CopyDrop,
}

impl Case {
    fn name(self) -> &'static str {
        match self {
            Case::AllocDrop => "alloc_drop",
            Case::Batch => "batch1024",
            Case::CopyDrop => "copy_drop",
        }
    }
}

struct Benchmark {
    case: Case,
    n: usize,
    iterations: u64,
    cpu_ns: Vec<f64>,
    wall_ns: Vec<f64>,
}

impl Benchmark {
    fn name(&self) -> String {
        format!("{}/{}/{}", self.case.name(), VARIANT, self.n)
    }
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn cpu_time_ns() -> f64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2; // what Google Benchmark's CPU time reads
    let mut time = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // A valid clock id and a pointer to a Timespec of the platform's layout.
    let status = unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut time) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    time.tv_sec as f64 * 1e9 + time.tv_nsec as f64
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn cpu_time_ns() -> f64 {
    thread_local!(static START: Instant = Instant::now());
    START.with(|start| start.elapsed().as_nanos() as f64) // no CPU clock here: wall time
}

/// Timer of one run: CPU time (the number compared with Google Benchmark's CPU time) and wall
/// time (std::time::Instant), for the timed loop only.
struct Timer {
    cpu: f64,
    wall: Instant,
}

impl Timer {
    fn start() -> Self {
        Timer {
            cpu: cpu_time_ns(),
            wall: Instant::now(),
        }
    }
    fn stop(self) -> (f64, f64) {
        let wall = self.wall.elapsed().as_nanos() as f64;
        (cpu_time_ns() - self.cpu, wall)
    }
}

#[inline(always)]
fn init(i: usize) -> u64 {
    i as u64
}

#[inline(always)]
fn round(allocator: &mut BenchAllocator, live: &mut Vec<BenchSlice>, n: usize) {
    for _ in 0..BATCH_SLICES {
        let slice = allocator.alloc(n, init);
        consume(&slice);
        live.push(slice);
    }
    live.clear();
}

/// One run of `iterations` iterations with a fresh allocator: (CPU ns, wall ns) of the loop.
/// Set-up (allocator, vector, the warm-up batch) and tear-down are not timed, as in the C++
/// benchmark.
#[inline(never)]
fn run(case: Case, n: usize, iterations: u64) -> (f64, f64) {
    let mut allocator = BenchAllocator::new();
    match case {
        Case::AllocDrop => {
            let timer = Timer::start();
            for _ in 0..iterations {
                let slice = allocator.alloc(n, init);
                consume(&slice);
            }
            timer.stop()
        }
        Case::Batch => {
            let mut live = Vec::with_capacity(BATCH_SLICES);
            round(&mut allocator, &mut live, n); // untimed warm-up batch
            let timer = Timer::start();
            for _ in 0..iterations {
                round(&mut allocator, &mut live, n);
            }
            timer.stop()
        }
        Case::CopyDrop => {
            let original = allocator.alloc(n, init);
            let timer = Timer::start();
            for _ in 0..iterations {
                let copy = original.clone();
                escape(&copy);
                drop(copy);
            }
            timer.stop()
        }
    }
}

/// Google Benchmark's iteration search: from 1 iteration, grow (at most 10x at a time, else to
/// 1.4x the predicted count) until a run's CPU time reaches min_time. These runs are untimed
/// warm-up; the repetitions then run that many iterations each.
fn calibrate(case: Case, n: usize, min_time_ns: f64) -> u64 {
    let mut iterations: u64 = 1;
    loop {
        let (cpu, _) = run(case, n, iterations);
        if cpu >= min_time_ns || iterations >= 1_000_000_000 {
            return iterations;
        }
        let multiplier = if cpu / min_time_ns > 0.1 {
            min_time_ns * 1.4 / cpu.max(1.0)
        } else {
            10.0
        };
        let next = (iterations as f64 * multiplier).ceil() as u64;
        iterations = next.max(iterations + 1).min(1_000_000_000);
    }
}

/// A small deterministic generator for the order of each repetition (xorshift64*).
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn benchmarks(filter: &str) -> Vec<Benchmark> {
    let mut all = Vec::new();
    for case in [Case::AllocDrop, Case::Batch, Case::CopyDrop] {
        for n in LENGTHS {
            all.push(Benchmark {
                case,
                n,
                iterations: 0,
                cpu_ns: Vec::new(),
                wall_ns: Vec::new(),
            });
        }
    }
    // An alternative selects the benchmark of that name and those whose name continues it
    // after a '/': "copy_drop", "batch1024/rust_crate/1" (not .../1024).
    let selected = |name: &str| {
        filter.is_empty()
            || filter.split(',').any(|alt| {
                name == alt || (name.starts_with(alt) && name[alt.len()..].starts_with('/'))
            })
    };
    all.retain(|b| selected(&b.name()));
    all
}

fn json_numbers(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("{:.4}", v)).collect();
    format!("[{}]", items.join(", "))
}

fn measure(min_time: f64, repetitions: usize, filter: &str, seed: u64) -> i32 {
    let mut list = benchmarks(filter);
    if list.is_empty() {
        eprintln!("crate_baseline: --filter={} matches no benchmark", filter);
        return 1;
    }
    let min_time_ns = min_time * 1e9;
    for b in list.iter_mut() {
        b.iterations = calibrate(b.case, b.n, min_time_ns);
    }
    // Each repetition runs every benchmark once, in its own shuffled order, so that all of
    // them see the same (changing) machine load, like Google Benchmark's random interleaving.
    let mut shuffler = Shuffler(seed.max(1));
    let mut order: Vec<usize> = (0..list.len()).collect();
    for _ in 0..repetitions {
        shuffler.shuffle(&mut order);
        for &index in &order {
            let b = &mut list[index];
            let (cpu, wall) = run(b.case, b.n, b.iterations);
            b.cpu_ns.push(cpu / b.iterations as f64);
            b.wall_ns.push(wall / b.iterations as f64);
        }
    }
    println!(
        "{{\"context\": {{\"variant\": \"{}\", \"element\": \"u64\", \"index\": \"u32\", \
         \"chunk_capacity\": {}, \"batch_slices\": {}, \"min_time\": {}, \"repetitions\": {}, \
         \"seed\": {}}}}}",
        VARIANT, CHUNK_CAPACITY, BATCH_SLICES, min_time, repetitions, seed
    );
    for b in &list {
        println!(
            "{{\"name\": \"{}\", \"case\": \"{}\", \"variant\": \"{}\", \"n\": {}, \
             \"iterations\": {}, \"cpu_ns\": {}, \"wall_ns\": {}}}",
            b.name(),
            b.case.name(),
            VARIANT,
            b.n,
            b.iterations,
            json_numbers(&b.cpu_ns),
            json_numbers(&b.wall_ns)
        );
    }
    0
}

// --- the self-test ----------------------------------------------------------------------------

static CONSTRUCTED: AtomicUsize = AtomicUsize::new(0);
static DROPPED: AtomicUsize = AtomicUsize::new(0);

/// Counts its constructions and drops; a second drop of one value shows up as a count too high.
struct Counted(usize);

impl Counted {
    fn new(id: usize) -> Self {
        CONSTRUCTED.fetch_add(1, Ordering::Relaxed);
        Counted(id)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        DROPPED.fetch_add(1, Ordering::Relaxed);
    }
}

fn counts() -> (usize, usize) {
    (
        CONSTRUCTED.load(Ordering::Relaxed),
        DROPPED.load(Ordering::Relaxed),
    )
}

struct Checks {
    failures: Vec<String>,
    count: usize,
}

impl Checks {
    fn check(&mut self, ok: bool, what: String) {
        self.count += 1;
        if !ok {
            self.failures.push(what);
        }
    }
    fn equal<T: PartialEq + std::fmt::Debug>(&mut self, got: T, want: T, what: &str) {
        let ok = got == want;
        self.check(ok, format!("{}: got {:?}, want {:?}", what, got, want));
    }
}

fn ids(slice: &[Counted]) -> Vec<usize> {
    slice.iter().map(|c| c.0).collect()
}

fn seq(base: usize, len: usize) -> Vec<usize> {
    (base..base + len).collect()
}

fn self_test() -> i32 {
    let mut c = Checks {
        failures: Vec::new(),
        count: 0,
    };

    // Slices read back, across chunk changes and a dedicated chunk (the crate's own cases).
    {
        let mut a = Allocator::<u64, u32, 16>::new();
        let lengths = [0usize, 1, 5, 10, 16, 20, 3, 16, 7, 9, 1];
        let mut live = Vec::new();
        for (k, &len) in lengths.iter().enumerate() {
            let base = 1000 * k as u64;
            live.push((a.alloc(len, |i| base + i as u64), base, len));
        }
        for (slice, base, len) in &live {
            let want: Vec<u64> = (0..*len as u64).map(|i| base + i).collect();
            c.equal(
                slice.to_vec(),
                want,
                &format!("slice of {} from {}", len, base),
            );
        }
        let mut b = Allocator::<i32, u32, 4>::new();
        let first = b.alloc(4, |i| i as i32);
        let middle = b.alloc(3, |i| 10 + i as i32);
        let last = b.alloc(4, |i| 20 + i as i32);
        c.equal(b.chunks_allocated(), 3, "N=4, slices of 4, 3, 4: chunks");
        c.equal(
            (first.to_vec(), middle.to_vec(), last.to_vec()),
            (vec![0, 1, 2, 3], vec![10, 11, 12], vec![20, 21, 22, 23]),
            "N=4, slices of 4, 3, 4: contents",
        );
        let mut d = Allocator::<i32, u32, 8>::new();
        let singles: Vec<_> = (0..32).map(|k| d.alloc(1, move |_| k)).collect();
        c.equal(
            singles.iter().map(|s| s[0]).collect::<Vec<_>>(),
            (0..32).collect(),
            "32 singles",
        );
        c.equal(d.chunks_allocated(), 4, "32 singles with N=8: chunks");
    }

    // The benchmark's own configuration, many chunks over.
    for n in LENGTHS {
        let mut a = BenchAllocator::new();
        let slices: Vec<BenchSlice> = (0..3 * CHUNK_CAPACITY / n + 2)
            .map(|_| a.alloc(n, init))
            .collect();
        let intact = slices
            .iter()
            .all(|s| s.len() == n && s.iter().enumerate().all(|(i, &v)| v == i as u64));
        c.check(
            intact,
            format!("benchmark allocator, n = {}: a slice reads back wrong", n),
        );
        c.check(
            a.chunks_allocated() >= 3,
            format!("benchmark allocator, n = {}: too few chunks", n),
        );
        c.equal(
            consume(&slices[slices.len() - 1]),
            n as u64 - 1,
            "consume reads the last element",
        );
    }

    // Clones share the elements and the chunk's count.
    {
        let mut a = Allocator::<u64, u32, 64>::new();
        let original = a.alloc(10, |i| i as u64 * 3);
        let before = ArcSlice::chunk_handles(&original);
        let copy = original.clone();
        c.equal(
            copy.as_ptr(),
            original.as_ptr(),
            "a clone points at the same elements",
        );
        c.check(
            ArcSlice::same_chunk(&copy, &original),
            "a clone shares the chunk".into(),
        );
        c.equal(
            ArcSlice::chunk_handles(&original),
            before + 1,
            "a clone adds one handle",
        );
        drop(copy);
        c.equal(
            ArcSlice::chunk_handles(&original),
            before,
            "a dropped clone takes it back",
        );
        let neighbour = a.alloc(5, |i| i as u64);
        c.check(
            ArcSlice::same_chunk(&neighbour, &original),
            "slices of one chunk share it".into(),
        );
        c.check(
            neighbour.as_ptr() != original.as_ptr(),
            "but not their elements".into(),
        );
    }

    // Drops run once, and only when the chunk's last handle (or the allocator) goes.
    {
        let (c0, d0) = counts();
        let mut a = Some(Allocator::<Counted, u32, 8>::new());
        let slice = a.as_mut().unwrap().alloc(8, |i| Counted::new(i));
        let copy = slice.clone();
        drop(slice);
        drop(copy);
        c.equal(
            counts(),
            (c0 + 8, d0),
            "the allocator still holds the chunk: no drop yet",
        );
        a = None;
        c.equal(
            counts(),
            (c0 + 8, d0 + 8),
            "allocator gone: each element dropped once",
        );
        drop(a);

        let (c0, d0) = counts();
        let mut a = Allocator::<Counted, u32, 8>::new();
        let slice = a.alloc(8, Counted::new);
        let copy = slice.clone();
        drop(a);
        drop(slice);
        c.equal(
            counts(),
            (c0 + 8, d0),
            "a handle still holds the chunk: no drop yet",
        );
        c.equal(
            ids(&copy),
            seq(0, 8),
            "the last handle still reads its elements",
        );
        drop(copy);
        c.equal(
            counts(),
            (c0 + 8, d0 + 8),
            "last handle gone: each element dropped once",
        );

        let (c0, d0) = counts();
        {
            let mut a = Allocator::<Counted, u32, 4>::new();
            let three = a.alloc(3, |i| Counted::new(i));
            let two = a.alloc(2, |i| Counted::new(10 + i));
            let ten = a.alloc(10, |i| Counted::new(20 + i));
            c.equal(
                (ids(&three), ids(&two), ids(&ten)),
                (seq(0, 3), seq(10, 2), seq(20, 10)),
                "N=4: 3, 2, 10",
            );
        }
        c.equal(
            counts(),
            (c0 + 15, d0 + 15),
            "N=4: 3, 2, 10: 15 made, 15 dropped",
        );
    }

    // A panic in init drops what was written and leaves the allocator usable.
    {
        let (c0, d0) = counts();
        let mut a = Allocator::<Counted, u32, 16>::new();
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            a.alloc(5, |i| {
                if i == 3 {
                    panic!("init fails")
                } else {
                    Counted::new(i)
                }
            })
        }));
        std::panic::set_hook(hook);
        c.check(result.is_err(), "the panic reaches the caller".into());
        c.equal(
            counts(),
            (c0 + 3, d0 + 3),
            "the 3 elements written before the panic are dropped",
        );
        let after = a.alloc(4, |i| Counted::new(100 + i));
        c.equal(
            ids(&after),
            seq(100, 4),
            "the allocator still works after a panic",
        );
        drop(after);
        drop(a);
        c.equal(
            counts(),
            (c0 + 7, d0 + 7),
            "after the panic: every element dropped once",
        );
    }

    // Handles cross threads; the last one, dropped on another thread, drops the elements.
    {
        let (c0, d0) = counts();
        let mut a = Allocator::<Counted, u32, 32>::new();
        let slice = a.alloc(6, |i| Counted::new(i));
        drop(a);
        let copy = slice.clone();
        let seen = std::thread::spawn(move || {
            let inner = copy.clone();
            ids(&inner)
        })
        .join()
        .expect("the thread ran");
        c.equal(seen, seq(0, 6), "another thread reads the slice");
        c.equal(
            counts(),
            (c0 + 6, d0),
            "clones dropped on another thread: no drop yet",
        );
        let last = std::thread::spawn(move || drop(slice));
        last.join().expect("the thread ran");
        c.equal(
            counts(),
            (c0 + 6, d0 + 6),
            "last handle dropped on another thread: dropped once",
        );
    }

    // The index type bounds N.
    {
        let fits = Allocator::<u8, u8, 255>::new()
            .alloc(255, |i| i as u8)
            .to_vec();
        c.equal(
            fits,
            (0..=254).collect::<Vec<u8>>(),
            "u8 offsets with N = 255",
        );
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let too_big =
            std::panic::catch_unwind(|| Allocator::<u8, u8, 256>::new().chunks_allocated());
        std::panic::set_hook(hook);
        c.check(
            too_big.is_err(),
            "N = 256 does not fit u8 offsets: new() refuses it".into(),
        );
    }

    // The filter selects whole names or a name's '/'-separated beginning.
    let names = |filter: &str| {
        benchmarks(filter)
            .iter()
            .map(|b| b.name())
            .collect::<Vec<_>>()
    };
    c.equal(
        names("batch1024/rust_crate/1"),
        vec!["batch1024/rust_crate/1".to_string()],
        "filter",
    );
    c.equal(
        names("copy_drop,alloc_drop/rust_crate/8").len(),
        7,
        "filter with alternatives",
    );
    c.equal(names("copy").len(), 0, "a filter is no substring match");

    // Every benchmark runs.
    for b in benchmarks("") {
        let (cpu, wall) = run(b.case, b.n, 3);
        c.check(
            cpu >= 0.0 && wall >= 0.0,
            format!("{}: negative time", b.name()),
        );
    }

    for failure in &c.failures {
        println!("FAILED: {}", failure);
    }
    println!(
        "crate_baseline --self-test: {} checks, {} failed",
        c.count,
        c.failures.len()
    );
    if c.failures.is_empty() {
        0
    } else {
        1
    }
}

// --- main -------------------------------------------------------------------------------------

fn main() {
    let mut min_time = 0.1;
    let mut repetitions = 5;
    let mut filter = String::new();
    let mut seed = 4u64;
    let mut mode = "measure";
    for arg in std::env::args().skip(1) {
        let (flag, value) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let parsed = match (flag.as_str(), value) {
            ("--self-test", None) => {
                mode = "self-test";
                true
            }
            ("--list", None) => {
                mode = "list";
                true
            }
            ("--min-time", Some(v)) => v.parse().map(|x| min_time = x).is_ok(),
            ("--repetitions", Some(v)) => v.parse().map(|x| repetitions = x).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|x| seed = x).is_ok(),
            ("--filter", Some(v)) => {
                filter = v;
                true
            }
            _ => false,
        };
        if !parsed {
            eprintln!(
                "crate_baseline: bad argument {}\nusage: crate_baseline [--min-time=S] \
                 [--repetitions=R] [--filter=A,B,...] [--seed=K] | --list | --self-test",
                arg
            );
            std::process::exit(2);
        }
    }
    let status = match mode {
        "self-test" => self_test(),
        "list" => {
            for b in benchmarks(&filter) {
                println!("{}", b.name());
            }
            0
        }
        _ if repetitions == 0 || !(min_time > 0.0) => {
            eprintln!("crate_baseline: --repetitions and --min-time must be positive");
            2
        }
        _ => measure(min_time, repetitions, &filter, seed),
    };
    std::process::exit(status);
}
