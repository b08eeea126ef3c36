// swift-tools-version:5.9
import PackageDescription

// libFuzzer targets for tei, in a package of their own because they link only when built with
// `-sanitize=fuzzer` (libFuzzer supplies `main`); `./dev fuzz` builds and runs them. The CSV
// target reads the storage layer's internal parser, hence `-enable-testing` in that build.
let package = Package(
    name: "tei-fuzz",
    dependencies: [.package(name: "tei", path: "..")],
    targets: [
        .executableTarget(name: "FuzzFrontEnd", dependencies: [.product(name: "TEIEngine", package: "tei")]),
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "TEIEngine", package: "tei")]),
    ]
)
