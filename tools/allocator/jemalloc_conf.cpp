// SPDX-License-Identifier: Apache-2.0
// parevm: jemalloc's built-in options for the executables that link it (MALLOC_CONF overrides).
//
// lg_extent_max_active_fit: a block's executor frees megabytes of read and write sets at its end
// and allocates them again for the next block in a slightly different mix of sizes. With
// jemalloc's default (a cached extent serves only requests at least 1/64 of its size) the
// next block maps fresh pages instead, and the parallel path spent about 6% of its time in page
// faults (bench/block_executor_bench, ERC-20 block, ~2,000 faults per block). Letting freed
// extents serve requests down to 1/65536 of their size removes them.
extern "C" {
// The name jemalloc reads at start-up; must have external linkage and this exact spelling.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
const char* malloc_conf = "lg_extent_max_active_fit:16";
}
