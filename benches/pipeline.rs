//! Placeholder; the benchmark helper writes the real benchmarks.
fn main() {}
