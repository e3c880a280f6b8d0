// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Arrears",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "arrears", targets: ["arrears"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Exact: ArrearsCore/Security/FieldSealer.swift calls swift-crypto's internal CCryptoBoringSSL module for
        // speed, which is no public API and may change in any release. Raise this only together with a
        // run of FieldCipherTests.testDirectPathGivesWhatSwiftCryptoGives (the internal path against the public one, byte for byte).
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Tests only: property-based tests of the parsers (Swift Testing).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(name: "ArrearsCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ArrearsSampleData", dependencies: ["ArrearsCore"]),
        .target(name: "ArrearsSimulation", dependencies: ["ArrearsCore", "ArrearsStore", "ArrearsWorkflows", "ArrearsSampleData", .product(name: "Yams", package: "Yams")]),
        // One C function: SQLite's variadic configuration call, which Swift cannot make.
        .target(name: "CArrearsSQLite", dependencies: [.product(name: "SQLiteKit", package: "sqlite-kit")]),
        .target(
            name: "ArrearsStore",
            dependencies: [
                "ArrearsCore",
                "CArrearsSQLite",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
            ]
        ),
        // The application's workflows: the daily run, arrangements, legal, visits, outbox delivery and
        // the workbench's changes, which orchestrate the core's rules over the store's repositories,
        // and the loading of config/. The store holds storage alone.
        .target(
            name: "ArrearsWorkflows",
            dependencies: [
                "ArrearsCore",
                "ArrearsStore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "ArrearsServer",
            dependencies: [
                "ArrearsCore",
                "ArrearsStore",
                "ArrearsWorkflows",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "arrears",
            dependencies: [
                "ArrearsCore",
                "ArrearsStore",
                "ArrearsWorkflows",
                "ArrearsServer",
                "ArrearsSampleData",
                "ArrearsSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ArrearsBenchmarks",
            dependencies: ["ArrearsCore", "ArrearsStore", "ArrearsWorkflows", "ArrearsSampleData"],
            path: "Benchmarks/ArrearsBenchmarks"
        ),
        .executableTarget(name: "ScorecardBenchmark", dependencies: ["ArrearsCore"], path: "Benchmarks/ScorecardBenchmark"),
        .testTarget(name: "ArrearsCoreTests", dependencies: ["ArrearsCore", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ArrearsSampleDataTests", dependencies: ["ArrearsSampleData", "ArrearsCore"]),
        .testTarget(name: "ArrearsSimulationTests", dependencies: ["ArrearsSimulation", "ArrearsStore", "ArrearsWorkflows", "ArrearsCore", "ArrearsSampleData", "ArrearsTestSupport"]),
        .target(name: "ArrearsTestSupport", dependencies: ["ArrearsCore", "ArrearsStore"], path: "Tests/ArrearsTestSupport"),
        .testTarget(
            name: "ArrearsStoreTests",
            dependencies: ["ArrearsStore", "ArrearsWorkflows", "ArrearsCore", "ArrearsSampleData", "ArrearsTestSupport"]
        ),
        .testTarget(
            name: "ArrearsWorkflowsTests",
            dependencies: ["ArrearsWorkflows", "ArrearsStore", "ArrearsCore", "ArrearsSampleData", "ArrearsTestSupport", .product(name: "Vapor", package: "vapor"),
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ArrearsServerTests",
            dependencies: [
                "ArrearsServer",
                "ArrearsStore",
                "ArrearsWorkflows",
                "ArrearsSampleData",
                "ArrearsTestSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "XCTVapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
        .testTarget(name: "arrearsTests", dependencies: ["arrears", "ArrearsStore", "ArrearsWorkflows", "ArrearsTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ]
)
