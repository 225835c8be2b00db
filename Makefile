# Thin wrapper around Meson.  The two commands of the README:
#   make demo   install what is missing, build, run the main job on the embedded default
#   make check  install what is missing, build, run every test (also under ASan+UBSan)
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 30
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

.PHONY: all deps build demo check test test-asan fuzz bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

demo: build
	@scripts/demo.sh $(BUILD)

test: build
	meson test -C $(BUILD) --print-errorlogs --num-processes 2

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

test-asan: deps $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	$(SAN_ENV) meson test -C $(ASAN_BUILD) --print-errorlogs --num-processes 2 --timeout-multiplier 3

# Every test, plain and under AddressSanitizer+UndefinedBehaviorSanitizer;
# the last line is the summary CI reads ("tests: N passed, N failed").
check: build
	-@$(MAKE) --no-print-directory test
	-@$(MAKE) --no-print-directory test-asan
	@scripts/test-summary.py $(BUILD) $(ASAN_BUILD)

# libFuzzer on the page parser, the claims reader and the figures reader (clang), briefly:
# FUZZ_SECONDS in all, split between the targets (scripts/run-fuzz.sh).
fuzz: deps
	[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD) --buildtype=debug -Dfuzz=true -Dtests=false -Dwerror=false
	ninja -C $(FUZZ_BUILD)
	scripts/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	@scripts/run-benchmarks.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
