# Convenience wrapper around CMake. The two commands that matter:
#   make demo   install what is missing, build, run tqe on the bundled example
#   make test   install what is missing, build, run every test (also under ASan+UBSan)
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all build deps test test-release test-asan demo bench install clean format

all: build

deps:
	@scripts/deps.sh build

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTQE_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory test-release test-asan

test-release: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTQE_WERROR=ON \
	    -DTQE_SANITIZE=address,undefined $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/tools/tqe

bench: build
	@bench/run.sh $(BUILD)/tools/tqe
	@bench/check.sh $(BUILD)/tools/tqe
	@w=$${WMT22_DIR:-../shared/data/wmt22}; if [ -d "$$w" ]; then \
	    $(BUILD)/bench/bench_resample $$w/generaltest2022.en-de.ref.A.de $$w/generaltest2022.en-de.hyp.*.de; fi

install: build
	@cmake --install $(BUILD)

format:
	@clang-format -i lib/*.c lib/*.h tools/*.c tools/*.h tests/unit/*.c tests/conformance/*.c tests/fuzz/*.c tests/fuzz/*.h

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD)
