# mxray — one entry point for people and CI.
#   make demo   set up, build, and run mxray check on the bundled example
#   make test   set up, build, and run every test (unit, node, browser,
#               sanitizers, a minute of each fuzzer)
#   make site   the website: build/site (hosted) and build/site-single/mxray.html
#   make extension  the browser extension: build/extension (unpacked) and its zip
#   make bench  the benchmark (figures and ratios against peer parsers), then the
#               budgets of the site and the popup (fails when one is exceeded)
SHELL := /bin/bash
export NODE_PATH := /usr/share/nodejs
JOBS ?= $(shell nproc)

# Debian packages the build, the tests and the benchmark use (fonts-ipafont-gothic:
# Japanese text in the browser tests' screenshots; pre-commit and python3-yaml:
# the pre-commit hook's and the GitHub Action's tests, both offline; postfix,
# dovecot-imapd and dovecot-pop3d: the servers `check --probe` is tested
# against, run by tests/mailserver on a loopback address of their own).
APT_PACKAGES := g++ make cmake emscripten nlohmann-json3-dev doctest-dev \
	python3-dnspython python3-yaml pre-commit knot-dnssecutils knot-dnsutils bind9-utils ldnsutils nsd unbound time \
	dnsdist openssl chromium fonts-ipafont-gothic clang-14 clang-format-14 libclang-rt-14-dev publicsuffix zip unzip firefox-esr \
	postfix dovecot-imapd dovecot-pop3d
# Node 20 and npm: Debian's packages only where the machine has none of its own
# (a machine may carry a newer Node and npm that Debian's npm would conflict with).
NODE_PACKAGES := $(if $(shell command -v node),,nodejs) $(if $(shell command -v npm),,npm)

.PHONY: setup .setup-apt build native wasm site extension demo test test-cert test-asan test-fuzz fuzz-long bench clean format format-check

setup: .setup-apt .setup-npm

.setup-apt:
	@missing=$$(for p in $(APT_PACKAGES) $(NODE_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi

.setup-npm: package.json package-lock.json | .setup-apt
	npm ci --no-audit --no-fund
	@touch $@

build: native wasm

native: setup
	cmake --preset native >/dev/null
	cmake --build --preset native -j $(JOBS)

wasm: setup
	cmake --preset wasm >/dev/null
	cmake --build --preset wasm -j $(JOBS)

# The website (www/site/build.mjs, esbuild from npm): the hosted build and the
# single file that works opened from disk.
site: wasm .setup-npm
	node www/site/build.mjs

# The browser extension (www/extension/build.mjs): build/extension, unpacked,
# and build/mxray-extension-VERSION.zip for the Chrome Web Store. The Public
# Suffix List comes from Debian's publicsuffix package.
extension: wasm .setup-npm
	node www/extension/build.mjs

# The seed case: the findings, their evidence, and the fix as a diff. Exit 1
# from check means "found something", which is what the demo shows.
demo: wasm
	node www/cli/mxray.mjs check --zone examples/club-cloudflare-export.txt || [ $$? -eq 1 ]

# The local DoH resolver's certificate (tests/resolver); Node trusts it only
# when NODE_EXTRA_CA_CERTS names it at start.
TEST_CERT := $(CURDIR)/build/resolver/cert.pem

test-cert: .setup-apt
	tests/resolver/make-cert.sh $(dir $(TEST_CERT))

test: build test-cert format-check
	ctest --preset native
	NODE_EXTRA_CA_CERTS=$(TEST_CERT) node --test tests/js/
	NODE_EXTRA_CA_CERTS=$(TEST_CERT) node --test tests/e2e/
	$(MAKE) --no-print-directory test-asan test-fuzz

# The whole doctest suite under AddressSanitizer and UBSan (gcc).
test-asan: setup
	cmake --preset native-asan >/dev/null
	cmake --build --preset native-asan -j $(JOBS)
	ctest --preset native-asan

# Each libFuzzer target for a minute from its seeds (tests/fuzz/README.md);
# fuzz-long runs each for 10 million executions.
test-fuzz: setup
	tests/fuzz/run.sh --time 60

fuzz-long: setup
	tests/fuzz/run.sh --runs 10000000

# The budgets (tests/bench/site-budget.mjs) come last: each printed with its
# figure, and make fails with a "BUDGET EXCEEDED" line when one is over.
bench: build site extension
	tests/bench/run.sh
	node tests/bench/site-budget.mjs --no-build
	build/native/tests/bench/mxray-scaling-bench

# The C++ sources under the checked-in .clang-format: `format` rewrites them,
# `format-check` (part of `make test`) fails on any difference.
CXX_SOURCES = $(shell git ls-files 'core/*.cpp' 'core/*.h' 'wasm/*.cpp' 'wasm/*.h' 'tests/*.cpp' 'tests/*.h')

format: .setup-apt
	clang-format-14 -i $(CXX_SOURCES)

format-check: .setup-apt
	@clang-format-14 --dry-run --Werror $(CXX_SOURCES)
	@echo "C++ sources match .clang-format"

clean:
	rm -rf build www/lib/wasm .setup-npm
