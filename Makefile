# The README's commands. Everything real happens in CMake; this file installs
# what is missing and names the common jobs.

BUILD   ?= build
PREFIX  ?= /usr/local
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
X12     := $(BUILD)/x12

DEBIAN_PACKAGES := cmake make g++ libcli11-dev libfmt-dev libyaml-cpp-dev doctest-dev \
                   libboost1.81-dev libboost-json1.81-dev libsqlite3-dev libssl-dev time groff-base \
                   parallel
# The sanitizer and fuzz runs in CI need clang and its runtime (libFuzzer).
CHECK_PACKAGES  := clang libclang-rt-14-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps check-deps build demo test bench install clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

check-deps:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(CHECK_PACKAGES)"

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash examples/demo.sh $(X12)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Sanitizer build of the unit and CLI tests, and a bounded fuzz run (CI).
check: check-deps
	bash .ci/sanitize-and-fuzz

bench: build
	bash bench/run.sh $(X12)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
