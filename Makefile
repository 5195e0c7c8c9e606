# A thin wrapper over CMake. `make demo` and `make check` are the two set-up commands.
#
#   make build   RelWithDebInfo build in build/ (build/schemadiff)
#   make demo    deps + build, then plan the bundled example examples/shop v1 -> v2:
#                the text plan, then the files written by --out out/demo
#   make check   deps + AddressSanitizer/UBSan Debug build in build-asan/, then every test (ctest)
#                but the soak ones: about ten minutes on two cores
#   make soak    the same build, then the soak tests: the seven eighths of tests/cases that
#                `make check` leaves out, in both modes (CI runs check, then soak)
#   make shadow  the shadow-table test alone (tests/run_shadow.py: phases under pgbench writers;
#                also part of check)
#   make endurance  the 20-run shadow soak (tests/run_shadow_soak.py --runs 20; not in CI, whose
#                soak runs 4)
#   make bench   deps + build (+ apgdiff, the peer: scripts/deps.sh --bench), then bench/run.sh
#   make fuzz    deps + clang libFuzzer build in build-fuzz/, each fuzz target for FUZZ_TIME
#                seconds (default 60); fails when one finds a crash (fuzz/run.sh, fuzz/README.md)
#   make deps    install missing Debian packages (scripts/deps.sh; quiet when none is missing)
#   make clean   remove build/, build-asan/, build-fuzz/ and out/

JOBS ?= 2
MAKEFLAGS += --no-print-directory
EXAMPLE ?= examples/shop

FUZZ_TIME ?= 60

.PHONY: all deps build demo check asan soak shadow endurance test bench fuzz clean

all: build

deps:
	@bash scripts/deps.sh

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build -j$(JOBS)

demo: build
	@echo
	@echo '# the example drops a column (data_loss, a blocking hazard): its schemadiff.yaml allows it'
	@echo '$$ build/schemadiff plan --from $(EXAMPLE)/v1 --to $(EXAMPLE)/v2 --config $(EXAMPLE)/schemadiff.yaml'
	@build/schemadiff plan --from $(EXAMPLE)/v1 --to $(EXAMPLE)/v2 --config $(EXAMPLE)/schemadiff.yaml
	@rm -rf out/demo && mkdir -p out
	@echo
	@echo '$$ build/schemadiff plan --from $(EXAMPLE)/v1 --to $(EXAMPLE)/v2 --out out/demo --allow-hazards data_loss'
	@build/schemadiff plan --from $(EXAMPLE)/v1 --to $(EXAMPLE)/v2 --out out/demo --allow-hazards data_loss
	@ls out/demo
	@echo
	@echo '$$ cat out/demo/migration.sql'
	@cat out/demo/migration.sql

asan: deps
	cmake -S . -B build-asan -DSCHEMADIFF_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-asan -j$(JOBS)

check: asan
	ctest --test-dir build-asan --output-on-failure -LE 'soak|endurance'

soak: asan
	ctest --test-dir build-asan --output-on-failure -L soak

shadow: asan
	ctest --test-dir build-asan --output-on-failure -R '^shadow$$'

endurance: asan
	ctest --test-dir build-asan --output-on-failure -L endurance

test: check

bench: build
	@bash scripts/deps.sh --bench
	bash bench/run.sh

fuzz: deps
	FUZZ_TIME=$(FUZZ_TIME) JOBS=$(JOBS) bash fuzz/run.sh

clean:
	rm -rf build build-asan build-fuzz out
