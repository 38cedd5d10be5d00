# tract: `make demo` renders the examples into output/, `make test` runs the tests.
# Both install the Debian packages they need first (with sudo when not root).

SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib

# Build: Cairo, Pango, libhyphen and its French dictionary, libcmark.
# Tests: poppler's tools and qpdf look at the PDFs.
PACKAGES = pkg-config libcairo2-dev libpango1.0-dev libhyphen-dev hyphen-fr libcmark-dev
TEST_PACKAGES = poppler-utils qpdf

.PHONY: demo test bench build deps test-deps clean

deps:
	@./scripts/install-packages $(PACKAGES)

test-deps:
	@./scripts/install-packages $(PACKAGES) $(TEST_PACKAGES)

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

demo: build
	@mkdir -p output
	@for source in examples/*/*.txt; do \
		for layout in $$(.build/release/tract layouts | cut -d' ' -f1); do \
			.build/release/tract render "$$source" --layout "$$layout" --png || exit 1; \
		done; \
	done
	@.build/release/tract layouts --preview

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	.build/release/tract-bench

clean:
	rm -rf .build output/*.pdf output/*.png
