// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Mneme",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MnemeStemming", targets: ["MnemeStemming"]),
        .library(name: "MnemeTokenizer", targets: ["MnemeTokenizer"]),
        .library(name: "MnemeStore", targets: ["MnemeStore"]),
        .library(name: "MnemeIngest", targets: ["MnemeIngest"]),
        .library(name: "MnemeContext", targets: ["MnemeContext"]),
        .library(name: "MnemeConfig", targets: ["MnemeConfig"]),
        .library(name: "Mneme", targets: ["Mneme"]),
        .library(name: "MnemeHTTP", targets: ["MnemeHTTP"]),
        .library(name: "MnemeHTTPTesting", targets: ["MnemeHTTPTesting"]),
        .library(name: "MnemeProviders", targets: ["MnemeProviders"]),
        .library(name: "MnemeProvidersTesting", targets: ["MnemeProvidersTesting"]),
        .library(name: "MnemeTuning", targets: ["MnemeTuning"]),
        .library(name: "MnemeServer", targets: ["MnemeServer"]),
        .executable(name: "mneme", targets: ["mneme"]),
        .executable(name: "mneme-chat-backend", targets: ["mneme-chat-backend"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already in Hummingbird's graph; named for the types MnemeServer uses directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "MnemeStemming", swiftSettings: strict),
        .target(name: "MnemeContext", swiftSettings: strict),
        .target(name: "MnemeConfig", swiftSettings: strict),
        .executableTarget(name: "ctxbench", dependencies: ["MnemeContext"], swiftSettings: strict),
        .target(name: "MnemeHTTP", dependencies: ["CCurl"], swiftSettings: strict),
        .target(name: "MnemeHTTPTesting", swiftSettings: strict),
        .target(name: "MnemeProviders", dependencies: ["MnemeHTTP"], swiftSettings: strict),
        .target(name: "MnemeProvidersTesting", dependencies: ["MnemeHTTPTesting"], swiftSettings: strict),
        .executableTarget(
            name: "provbench",
            dependencies: ["MnemeProviders", "MnemeProvidersTesting", "MnemeHTTP"],
            swiftSettings: strict
        ),
        .executableTarget(name: "httpbench", dependencies: ["MnemeHTTP", "MnemeHTTPTesting"], swiftSettings: strict),
        .target(
            name: "MnemeTokenizer",
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .target(
            name: "MnemeStore",
            dependencies: [
                "MnemeStemming",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MnemeIngest",
            dependencies: [
                "MnemeStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MnemeTuning",
            dependencies: [
                "MnemeTokenizer", "MnemeStore", "MnemeProviders", "MnemeHTTP", "MnemeContext",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Mneme",
            dependencies: [
                "MnemeStore", "MnemeIngest", "MnemeTokenizer", "MnemeContext", "MnemeProviders", "MnemeHTTP",
                "MnemeConfig",
                "MnemeTuning",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mneme-chat-backend", dependencies: ["Mneme"], path: "examples/chat-backend/Sources",
            swiftSettings: strict),
        .target(
            name: "MnemeServer",
            dependencies: [
                "Mneme", "MnemeStore", "MnemeIngest", "MnemeContext", "MnemeProviders", "MnemeTokenizer", "MnemeTuning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mneme",
            dependencies: [
                "Mneme",
                "MnemeServer",
                "CEditLine",
                "MnemeContext",
                "MnemeProviders",
                "MnemeStore",
                "MnemeIngest",
                "MnemeTokenizer",
                "MnemeTuning",
                "MnemeHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "stembench", dependencies: ["MnemeStemming"], swiftSettings: strict),
        .executableTarget(name: "tokbench", dependencies: ["MnemeTokenizer"], swiftSettings: strict),
        .testTarget(
            name: "MnemeStemmingTests", dependencies: ["MnemeStemming"], resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "MnemeTokenizerTests", dependencies: ["MnemeTokenizer"], resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "MnemeHTTPTests",
            dependencies: ["MnemeHTTP", "MnemeHTTPTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MnemeProvidersTests",
            dependencies: ["MnemeProviders", "MnemeProvidersTesting", "MnemeHTTP", "MnemeHTTPTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(name: "MnemeContextTests", dependencies: ["MnemeContext"], swiftSettings: strict),
        .testTarget(name: "MnemeConfigTests", dependencies: ["MnemeConfig"], swiftSettings: strict),
        .testTarget(
            name: "MnemeTests",
            dependencies: [
                "Mneme", "MnemeStore", "MnemeProviders", "MnemeProvidersTesting", "MnemeContext", "MnemeTokenizer",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MnemeStoreTests",
            dependencies: ["MnemeStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MnemeIngestTests",
            dependencies: ["MnemeIngest", "MnemeStore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MnemeTuningTests",
            dependencies: [
                "MnemeTuning", "Mneme", "MnemeStore", "MnemeProviders", "MnemeProvidersTesting", "MnemeHTTP",
                "MnemeHTTPTesting", "MnemeTokenizer",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MnemeServerTests",
            dependencies: [
                "MnemeServer", "Mneme", "MnemeStore", "MnemeProviders", "MnemeHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MnemeCLITests",
            dependencies: [
                "mneme", "MnemeHTTP", "MnemeStore", "MnemeProvidersTesting", "MnemeHTTPTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
