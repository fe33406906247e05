# SPDX-License-Identifier: Apache-2.0
# parevm: the two set-up commands (make demo, make test) and developer shortcuts.

FIXTURES ?= $(if $(PAREVM_FIXTURES),$(PAREVM_FIXTURES),$(abspath ../shared/fixtures))
JOBS ?= $(shell nproc)
PRESET ?= release
BUILD_DIR := build/$(PRESET)
PAREVM := $(BUILD_DIR)/parevm

.PHONY: all bootstrap configure build test test-release demo bench format format-check clean \
        test-asan test-tsan tidy tidy-all fuzz

all: build

bootstrap:
	@bash scripts/bootstrap.sh

configure: bootstrap
	@cmake --preset $(PRESET) -DPAREVM_FIXTURES_DEFAULT=$(FIXTURES) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

## The CI gates (.ci/run): formatting, the Release build with every test (unit tests and the
## official fixtures), the ASan+UBSan stage, the TSan stage and clang-tidy. Each stage prints
## its wall time.
test: bootstrap
	@$(call stage,format-check,$(MAKE) --no-print-directory format-check)
	@$(call stage,release,$(MAKE) --no-print-directory test-release)
	@$(call stage,asan,$(MAKE) --no-print-directory test-asan)
	@$(call stage,tsan,$(MAKE) --no-print-directory test-tsan)
	@$(call stage,tidy,$(MAKE) --no-print-directory tidy)

## Builds everything and runs every test (unit tests and the official fixtures).
test-release: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# $(call stage,NAME,COMMAND): runs COMMAND and reports how long it took.
stage = start=$$(date +%s); $(2); rc=$$?; \
	echo "== stage $(1): $$(( $$(date +%s) - start )) s (exit $$rc)"; exit $$rc

# --- sanitizers and fuzzing (clang; see test/fuzz/README.md) ---
FUZZ_DIR := build/fuzz
TSAN_DIR := build/tsan
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 15
# A slice of the spec fixtures small enough for the sanitizer builds.
ASAN_SPEC_DIRS ?= byzantium/eip196_ec_add_mul byzantium/eip197_ec_pairing cancun/eip1153_tstore \
	cancun/eip5656_mcopy cancun/eip6780_selfdestruct prague/eip7702_set_code_tx \
	static/state_tests/VMTests
SANITIZER_BLOCKS ?= 1150000 2688148 4370000 15537394 19426587
BLOCKS_DIR = $(FIXTURES)/mainnet/data/ethereum/blocks
# The parallel executor's tests (label `parallel` in test/CMakeLists.txt).
PARALLEL_TESTS := $(patsubst test/unit/%.cpp,%,$(wildcard test/unit/block_stm_*.cpp \
	test/unit/scheduler_*.cpp test/unit/mv_memory_*.cpp test/unit/parallel_*.cpp))
# Sanitizer frames are several times larger: deep EVM call chains (interpreter -> host ->
# interpreter, up to 1024) overflow the usual 8 MiB stack. glibc sizes new threads' stacks by it.
SANITIZER_STACK_KB ?= 262144
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS ?= halt_on_error=1:second_deadlock_stack=1

## ASan+UBSan (clang, preset fuzz): unit tests, every fuzz corpus replayed, each fuzz target run
## for FUZZ_CI_SECONDS, a slice of the state tests and a few mainnet blocks.
test-asan: bootstrap
	@cmake --preset fuzz -DPAREVM_FIXTURES_DEFAULT=$(FIXTURES) \
	    -DPAREVM_FUZZ_CI_SECONDS=$(FUZZ_CI_SECONDS) >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS)
	ulimit -s $(SANITIZER_STACK_KB) && \
	    ctest --test-dir $(FUZZ_DIR) --output-on-failure -j $(JOBS) -L '^(unit|fuzz|fuzz-run)$$'
	ulimit -s $(SANITIZER_STACK_KB) && $(FUZZ_DIR)/parevm statetest \
	    $(addprefix $(FIXTURES)/eest/state_tests/,$(ASAN_SPEC_DIRS))
	ulimit -s $(SANITIZER_STACK_KB) && $(FUZZ_DIR)/parevm replay --threads 2 \
	    $(addprefix $(BLOCKS_DIR)/,$(SANITIZER_BLOCKS))

## TSan (preset tsan): the parallel executor's tests and `parevm replay --threads 4`.
test-tsan: bootstrap
	@cmake --preset tsan -DPAREVM_FIXTURES_DEFAULT=$(FIXTURES) >/dev/null
	@cmake --build $(TSAN_DIR) -j $(JOBS) --target parevm $(PARALLEL_TESTS)
	ulimit -s $(SANITIZER_STACK_KB) && PAREVM_DIFF_BLOCKS=$${PAREVM_DIFF_BLOCKS:-12} \
	    ctest --test-dir $(TSAN_DIR) --output-on-failure -j $(JOBS) -L '^parallel$$'
	ulimit -s $(SANITIZER_STACK_KB) && $(TSAN_DIR)/parevm replay --threads 4 \
	    $(addprefix $(BLOCKS_DIR)/,$(SANITIZER_BLOCKS))

## Fuzzes every target for FUZZ_SECONDS each (new inputs go to build/fuzz/test/fuzz/<target>/).
fuzz: bootstrap
	@cmake --preset fuzz -DPAREVM_FIXTURES_DEFAULT=$(FIXTURES) >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS)
	@ulimit -s $(SANITIZER_STACK_KB); for t in test/fuzz/*_fuzz.cpp; do n=$$(basename $$t _fuzz.cpp); \
	    w=$(FUZZ_DIR)/test/fuzz/$${n}_fuzz; mkdir -p $$w/corpus $$w/artifacts; \
	    echo "== fuzz $$n for $(FUZZ_SECONDS) s"; \
	    $(FUZZ_DIR)/test/$${n}_fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=3072 \
	        -print_final_stats=1 -artifact_prefix=$$w/artifacts/ $$w/corpus \
	        test/fuzz/corpus/$$n || exit 1; done

## clang-tidy (.clang-tidy) on the .cpp files changed since TIDY_BASE (default: ten commits back,
## so that CI, which checks only the last commit of a session's work, also sees the files the
## earlier commits changed; plus uncommitted changes). `make tidy-all` checks the whole tree: too
## slow for CI (more than 30 minutes on a shared 2-core machine). Uses the release build's
## compile database.
TIDY_BASE ?= $(shell git rev-parse -q --verify HEAD~10 2>/dev/null || git rev-list --max-parents=0 HEAD 2>/dev/null)
tidy: configure
	@if ! git rev-parse -q --verify "$(TIDY_BASE)" >/dev/null; then \
	    echo "tidy: $(TIDY_BASE) not in this clone (shallow?): skipped; run make tidy-all"; \
	else files=$$(git diff --name-only --diff-filter=d $(TIDY_BASE) -- '*.cpp'); \
	    if [ -z "$$files" ]; then echo "tidy: no .cpp file changed since $(TIDY_BASE)"; \
	    else echo "tidy:" $$files; \
	        printf '%s\n' $$files | xargs -P $(JOBS) -n 1 clang-tidy -p $(BUILD_DIR) --quiet; fi; fi

tidy-all: configure
	@git ls-files '*.cpp' | xargs -P $(JOBS) -n 1 clang-tidy -p $(BUILD_DIR) --quiet

## The main job, on blocks generated on the spot (nothing to download): `parevm bench` runs each
## default workload (about 1 gigagas each) sequentially and in parallel in the same process,
## checks that the results are identical and prints the speedups (about a minute on 2 cores);
## the JSON report and SVG chart go to build/. Then a t8n transition on built-in data (the
## official state tests run in `make test`).
BENCH_GAS ?= 1G
BENCH_REPEAT ?= 5
# Powers of two up to the core count, plus the core count: 1,2,4,...,nproc.
BENCH_THREADS ?= $(shell n=$(JOBS); t=1; s=1; while [ $$((t * 2)) -le $$n ]; do t=$$((t * 2)); \
	s="$$s,$$t"; done; [ $$t -lt $$n ] && s="$$s,$$n"; echo $$s)
demo: build
	$(PAREVM) bench --gas $(BENCH_GAS) --repeat $(BENCH_REPEAT) --threads $(BENCH_THREADS) \
	    --json build/bench-results.json --chart build/bench-chart.svg
	$(PAREVM) t8n --input.alloc test/t8n/alloc.json --input.env test/t8n/env.json \
	    --input.txs test/t8n/txs.json --state.fork Cancun --output.result stdout \
	    --output.alloc stdout

## The full suite: every workload (worst cases included) at every thread count up to the cores,
## then the micro-benchmarks (Google Benchmark executables in build/<preset>/bench).
bench: build
	$(PAREVM) bench --workload $$($(PAREVM) bench --list | cut -d' ' -f1) \
	    --gas $(BENCH_GAS) --repeat $(BENCH_REPEAT) --threads $(BENCH_THREADS) \
	    --json build/bench-full-results.json --chart build/bench-full-chart.svg
	@for b in $(BUILD_DIR)/bench/*_bench; do echo "== $$b"; PAREVM_FIXTURES=$(FIXTURES) $$b; done

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
