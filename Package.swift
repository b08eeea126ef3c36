// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "tei",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tei", targets: ["tei"]),
        .executable(name: "tei-fixtures", targets: ["tei-fixtures"]),
        .executable(name: "tei-kernel", targets: ["tei-kernel"]),
        .library(name: "TEIEngine", targets: ["TEIEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // System libraries: only TEIStorage imports CSQLite.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libedit for the REPL's line editing; its variadic calls go through CEditlineShim.
        .systemLibrary(
            name: "CEditline",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "CEditlineShim", dependencies: ["CEditline"]),
        // libpq for PostgreSQL servers; only TEIPostgres imports it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "CSHA256"),
        // libcurl for `tei fetch`; its variadic setopt calls go through CCurlShim.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        // MD5 and CRC32C (the digests of a Cloud Storage listing) and a rename that never replaces, for `tei fetch`.
        .target(name: "CFetchSupport"),
        // libzmq for the Jupyter kernel only: `tei-kernel` links it, `tei` does not.
        .systemLibrary(
            name: "CZMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // A SQLite VFS shim keeping a checksum in every page of a cache file; registered by TEIStorage.
        .target(name: "CCacheChecksum", dependencies: ["CSQLite"]),
        .target(name: "TEIREPL", dependencies: ["TEIEngine", "TEILanguage", "TEIRender", "TEIStorage", "CEditlineShim"]),

        // Phase modules, dependencies pointing one way:
        // tei → TEIEngine → TEILanguage, TEIStorage, TEIRender (output formats), TEIPostgres and TEIPostgresStore (a server backend); TEIRender → TEIStorage.
        .target(name: "TEILanguage"),
        .target(
            name: "TEIStorage",
            dependencies: ["CSQLite", "CSHA256", "CCacheChecksum", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(name: "TEIEngine", dependencies: ["TEILanguage", "TEIStorage", "TEIRender", "TEIPostgres", "TEIPostgresStore"]),
        // A connection to a PostgreSQL server: bound parameters, streamed rows, COPY, cancellation.
        .target(name: "TEIPostgres", dependencies: ["TEIStorage", "CLibPQ"]),
        // Releases on a PostgreSQL server: imported once by COPY from the local cache, the catalogue, read-only roles.
        .target(name: "TEIPostgresStore", dependencies: ["TEIPostgres", "TEIStorage"]),
        .target(name: "TEIRender", dependencies: ["TEIStorage"]),
        .target(name: "TEIReport", dependencies: ["TEIEngine", "TEILanguage", "TEIRender", "TEIStorage"]),
        // `tei fetch`: resumable, verified downloads over libcurl.
        .target(
            name: "TEIFetch",
            dependencies: ["TEIStorage", "TEIRender", "CCurl", "CCurlShim", "CFetchSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The Jupyter kernel: the messaging protocol over ZeroMQ, around the REPL's notebook.
        .target(name: "TEIKernel", dependencies: ["TEIREPL", "TEIReport", "TEIEngine", "TEILanguage", "TEIRender", "CSHA256", "CZMQ"]),
        .target(name: "TEIFixtures", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Damaged cache files for the tests of three test targets; not in any product.
        .target(name: "TEITestSupport", dependencies: ["TEIStorage", "TEIFixtures", "TEIPostgres"]),

        .executableTarget(
            name: "tei",
            dependencies: [
                "TEIEngine", "TEIFetch", "TEIPostgres", "TEIPostgresStore", "TEIRender", "TEIREPL", "TEIReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tei-kernel",
            dependencies: [
                "TEIKernel", "TEIEngine", "TEIPostgres", "TEIREPL", "TEIStorage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tei-fixtures",
            dependencies: [
                "TEIFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "TEILanguageTests", dependencies: ["TEILanguage"]),
        .testTarget(name: "TEIStorageTests", dependencies: ["TEIStorage", "TEIFixtures", "TEITestSupport"]),
        .testTarget(name: "TEIEngineTests", dependencies: ["TEIEngine", "TEIPostgres", "TEIPostgresStore", "TEITestSupport"], exclude: ["SQL"]),
        .testTarget(name: "TEIRenderTests", dependencies: ["TEIRender"], exclude: ["Plots/Golden"]),
        .testTarget(name: "TEIReportTests", dependencies: ["TEIReport", "TEIEngine", "tei"], exclude: ["Golden"]),
        .testTarget(name: "TEIPostgresTests", dependencies: ["TEIPostgres", "TEIPostgresStore", "TEIFixtures", "TEITestSupport"]),
        .testTarget(name: "TEIFixturesTests", dependencies: ["TEIFixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tei", "tei-kernel", "TEIStorage", "TEIPostgres", "TEIFixtures", "TEITestSupport"]),
        .testTarget(name: "TEIKernelTests", dependencies: ["TEIKernel", "tei", "tei-kernel"]),
        .testTarget(name: "TEIREPLTests", dependencies: ["TEIREPL", "TEILanguage", "TEIEngine", "TEIRender", "TEITestSupport", "TEIPostgres"]),
    ]
)
