// swift-tools-version:6.0
import PackageDescription

/// Layering (each arrow is "may import"): sentry-console → ConsoleApp → Console → Model;
/// sentry-console → Terminal → Console; sentry-console → Probes → Model; sentry-console → Exporter → Model
/// (Exporter also uses swift-nio and swift-prometheus, nothing else does). C modules are imported `internal` only by Probes, Terminal and Recording (zlib),
/// so no C type crosses those boundaries.
let package = Package(
    name: "sentry-console",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sentry-console", targets: ["sentry-console"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses", pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(
            name: "CPostgres", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CHiredis", pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(
            name: "CTerminalRestore", dependencies: ["CNcurses"],
            linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "Model"),
        .target(name: "Probes", dependencies: ["Model", "CPostgres", "CHiredis", "CZlib", "CMalloc", "CCrypto"]),
        .target(name: "Recording", dependencies: ["Model", "CZlib"]),
        .target(name: "Console", dependencies: ["Model"]),
        .target(name: "ConsoleApp", dependencies: ["Model", "Console"]),
        .target(name: "Terminal", dependencies: ["Model", "Console", "CNcurses", "CTerminalRestore"]),
        .target(
            name: "Exporter",
            dependencies: [
                "Model",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "sentry-console",
            dependencies: [
                "Model", "Probes", "Console", "ConsoleApp", "Terminal", "Exporter", "Recording",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Model"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Model"], exclude: ["Snapshots"]),
        .testTarget(name: "ConsoleAppTests", dependencies: ["ConsoleApp", "Console", "Model"]),
        .testTarget(name: "CommandLineTests", dependencies: ["sentry-console", "Model", "Recording"]),
        .testTarget(name: "ProbesTests", dependencies: ["Probes", "Model"]),
        .testTarget(name: "ExporterTests", dependencies: ["Exporter", "Model", "TestSupport"]),
        .testTarget(name: "RecordingTests", dependencies: ["Recording", "Model", "ConsoleApp", "Console"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ProbesIntegrationTests", dependencies: ["Probes", "Model", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
