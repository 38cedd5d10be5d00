// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tract",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tract", targets: ["TractCLI"]),
        .executable(name: "tract-serve", targets: ["TractServe"]),
        .executable(name: "tract-bench", targets: ["TractBench"]),
        .executable(name: "tract-fuzz", targets: ["TractFuzz"]),
        .library(name: "Tract", targets: ["Tract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Data merge: the rows of a CSV or TSV table.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // `tract serve`: a small HTTP and WebSocket server on plain sockets, without SwiftNIO.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(
            name: "CCairoPango",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CHyphen",
            providers: [.apt(["libhyphen-dev"])]
        ),
        .systemLibrary(
            name: "CTextCat",
            pkgConfig: "libexttextcat",
            providers: [.apt(["libexttextcat-dev"])]
        ),
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Print production: libqrencode makes QR codes. (libqpdf, which finishes PDFs for
        // print, and librsvg, for SVG logos, are opened at run time, only when needed.)
        // JPEG photos, decoded for the previews (the PDF keeps the file's own bytes).
        .systemLibrary(
            name: "CTurboJPEG",
            pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]
        ),
        // SHA-256 of a batch's files and inputs, for its manifest and --skip-existing.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),

        // Pipeline stages, in order.
        .target(name: "TractCore"),
        // One reader for every YAML file: front matter, leaflet.yaml and layouts.
        .target(name: "TractYAML", dependencies: ["TractCore", "Yams"]),
        .target(name: "TractParse", dependencies: ["TractCore", "TractYAML", "CCMark", "SwiftCSV"]),
        .target(name: "TractPrepare", dependencies: ["TractCore", "CHyphen", "CTextCat"]),
        .target(name: "TractCompose", dependencies: ["TractCore"]),
        .target(name: "TractLayouts", dependencies: ["TractCore", "TractCompose", "TractYAML"]),
        // Rendering, by job: shaping text with Pango, drawing pages with Cairo, writing files.
        .target(name: "TractShaping", dependencies: ["TractCore", "TractCompose", "CCairoPango"]),
        .target(name: "TractDrawing", dependencies: ["TractCore", "TractCompose", "TractShaping", "CCairoPango", "CQRencode", "CTurboJPEG"]),
        .target(name: "TractOutput", dependencies: ["TractCore", "TractCompose", "TractShaping", "TractDrawing"]),
        .target(name: "TractRender", dependencies: ["TractShaping", "TractDrawing", "TractOutput"]),
        .target(
            name: "Tract",
            dependencies: ["TractCore", "TractParse", "TractPrepare", "TractCompose", "TractLayouts", "TractRender", "CCrypto"]
        ),
        // What the two programs share: the options of a render, reporting, the live render.
        .target(
            name: "TractCommands",
            dependencies: ["Tract", "TractLayouts", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "TractCLI",
            dependencies: ["Tract", "TractCommands", "TractLayouts", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `tract serve`'s server, a program of its own: `tract` does not link it.
        .executableTarget(
            name: "TractServe",
            dependencies: ["Tract", "TractCommands", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .executableTarget(name: "TractBench", dependencies: ["Tract", "TractLayouts"]),
        // The fuzz targets (`make fuzz`): built with libFuzzer when FUZZING is defined, else a
        // program that replays inputs.
        .executableTarget(name: "TractFuzz", dependencies: ["TractCore", "TractParse", "TractPrepare", "TractLayouts"]),

        .target(name: "TestSupport", dependencies: ["TractCore"], path: "Tests/TestSupport"),
        .testTarget(name: "TractParseTests", dependencies: ["TractParse", "TestSupport"]),
        .testTarget(name: "TractPrepareTests", dependencies: ["TractPrepare"]),
        .testTarget(name: "TractComposeTests", dependencies: ["TractCompose", "TractLayouts", "TractPrepare", "TestSupport"]),
        .testTarget(name: "TractLayoutsTests", dependencies: ["TractLayouts", "TractParse", "TestSupport"]),
        .testTarget(name: "TractRenderTests", dependencies: ["Tract", "TractRender", "TractShaping", "TractDrawing", "TractOutput", "TractLayouts", "TestSupport", "CCairoPango"]),
    ]
)
