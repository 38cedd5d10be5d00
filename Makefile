# tract: `make demo` renders the examples into output/, `make test` runs the tests.
# Both install the Debian packages they need first (with sudo when not root).

SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib

# Build: Cairo, Pango, libhyphen and the dictionaries of the languages with hyphenation
# (Kazakh and Arabic have none), libcmark.
# Tests: poppler's tools and qpdf look at the PDFs.
PACKAGES = pkg-config libcairo2-dev libpango1.0-dev libhyphen-dev libcmark-dev \
	libqrencode-dev libturbojpeg0-dev libcurl4-openssl-dev libssl-dev libqpdf29 librsvg2-2 libexttextcat-dev libexttextcat-data \
	hyphen-fr hyphen-en-us hyphen-de hyphen-es hyphen-ru hyphen-uk
# The browser test of `tract serve`: headless Chromium, driven by Selenium from PyPI.
TEST_PACKAGES = poppler-utils qpdf ghostscript zbar-tools fonts-dejavu-core chromium chromium-driver parallel

.PHONY: demo test bench fill typography preview-latency fuzz mutate install build deps test-deps clean

deps:
	@./scripts/install-packages $(PACKAGES)

test-deps:
	@./scripts/install-packages $(PACKAGES) $(TEST_PACKAGES)
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check "selenium>=4.10,<5"

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# Every language of every example folder in every layout, the reference leaflet for a print
# shop (bleed, marks, logo, QR code) and as two A5 copies on an A4 sheet, then the layouts side
# by side.
demo: build
	@mkdir -p output
	.build/release/tract batch examples/* --png
	.build/release/tract render examples/kazakhstan/fr.txt --layout a4-print --png
	.build/release/tract render examples/kazakhstan/fr.txt --layout a5-2up --png
	@.build/release/tract layouts --preview

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	.build/release/tract-bench

# Every leaflet of corpus/ (50 to 900 words, several languages) in every shipped layout, with
# the largest empty area of each page; fails when a page is over its target.
fill: build
	@./scripts/install-packages poppler-utils
	.build/release/tract-bench fill

# The reference leaflet and the corpus in one justified column at every even width from 40 to
# 90 mm, body 9.5 pt, with the line breaker's expansion, tracking, protrusion and emergency
# stretch off, then on: the gaps between words as read back from the PDFs. FAMILY=NAME sets
# another face (the machine's fonts are visible: FAMILY="DejaVu Sans").
FAMILY ?= Noto Serif
typography: build
	@./scripts/install-packages poppler-utils fonts-dejavu-core
	.build/release/tract-bench typography --family "$(FAMILY)"

# The time from a save to the new page image in the browser's page of `tract serve`, ten
# times, and their median.
preview-latency: build test-deps
	python3 scripts/browser-test --timing 10 .build/release/tract "$$(mktemp -d)"  # the script removes the folder

# Each fuzz target (plain text, Markdown, layouts, typography) for SECONDS seconds, built with
# libFuzzer apart from the other builds.
SECONDS ?= 60
fuzz: deps
	$(SWIFT) build -c release --scratch-path .build/fuzz --product tract-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
	./scripts/fuzz $(SECONDS)

# Mutated sources and layouts (MUTANTS=SOURCES,LAYOUTS) through the release build, each with a
# time limit: fails on a crash, a hang, a failed render that leaves a PDF, or exit 0 with a
# word of the source missing. TRACT_MUTANTS_KEEP=FOLDER keeps the mutants that went wrong.
MUTANTS ?= 5000,2000
mutate: build test-deps
	$(SWIFT) build --build-tests
	TRACT_PROGRAM=$(CURDIR)/.build/release/tract TRACT_MUTATIONS=$(MUTANTS) $(SWIFT) test --skip-build --filter longRun

# The program, its fonts and layouts, completions and man page under DESTDIR/PREFIX.
PREFIX ?= /usr/local
DESTDIR ?=
install: build
	./scripts/install "$(DESTDIR)$(PREFIX)"

clean:
	rm -rf .build output/*
