# SPDX-License-Identifier: Apache-2.0
# parevm: the two set-up commands (make demo, make test) and developer shortcuts.

FIXTURES ?= $(if $(PAREVM_FIXTURES),$(PAREVM_FIXTURES),$(abspath ../shared/fixtures))
JOBS ?= $(shell nproc)
PRESET ?= release
BUILD_DIR := build/$(PRESET)
PAREVM := $(BUILD_DIR)/parevm

.PHONY: all bootstrap configure build test demo bench format format-check clean

all: build

bootstrap:
	@bash scripts/bootstrap.sh

configure: bootstrap
	@cmake --preset $(PRESET) -DPAREVM_FIXTURES_DEFAULT=$(FIXTURES) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

## Builds everything and runs every test (unit tests and the official fixtures).
test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

## The main job on built-in data: the official state tests and a t8n transition.
demo: build
	$(PAREVM) statetest $(FIXTURES)/eest/state_tests
	$(PAREVM) t8n --input.alloc test/t8n/alloc.json --input.env test/t8n/env.json \
	    --input.txs test/t8n/txs.json --state.fork Cancun --output.result stdout \
	    --output.alloc stdout

bench: build
	@for b in $(BUILD_DIR)/bench/*_bench; do echo "== $$b"; PAREVM_FIXTURES=$(FIXTURES) $$b; done

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
