// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "orgdeck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "orgdeck", targets: ["orgdeck"]),
        .executable(name: "orgdeck-bench", targets: ["orgdeck-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh", .upToNextMinor(from: "0.15.1")),
    ],
    targets: [
        // ncursesw as a system library; the shim exposes what Swift 6 cannot import.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Cell grid, layout, diff, key decoding and terminal backends. The only code that calls curses.
        .target(name: "OrgdeckTerminal", dependencies: ["CNcursesw"]),
        // Domain rules, permissions, audit and the SQLite store. Knows nothing of terminals.
        .target(name: "OrgdeckCore", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ], resources: [
            // Compiled into the binary, so an installed copy needs no files beside it.
            .embedInCode("Resources/common-passwords.txt"),
            // The demo's identity provider, as an Okta tenant would publish it (no private key kept).
            .embedInCode("Resources/demo-idp-metadata.xml"),
        ]),
        // One view model per pane: state + events -> effects. No terminal.
        .target(name: "OrgdeckViewModels", dependencies: ["OrgdeckCore"]),
        // Screens, widgets, key map, themes and the console runtime.
        .target(name: "OrgdeckTUI", dependencies: [
            "OrgdeckTerminal", "OrgdeckViewModels", "OrgdeckCore", "COrgdeckThread",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // Starting a thread on another core: the affinity calls Swift cannot import.
        .target(name: "COrgdeckThread"),
        // Pseudo-terminals and spawning a session's process: what Swift cannot call directly.
        .target(name: "COrgdeckPTY"),
        // `orgdeck serve`: the console and the scripting interface over SSH, a process per session.
        .target(name: "OrgdeckServer", dependencies: [
            "OrgdeckCore", "COrgdeckPTY",
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The scripting interface and the console launcher.
        .target(name: "OrgdeckCLI", dependencies: [
            "OrgdeckCore", "OrgdeckTUI", "OrgdeckTerminal", "OrgdeckServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "orgdeck", dependencies: ["OrgdeckCLI"]),
        .executableTarget(name: "orgdeck-bench", dependencies: ["OrgdeckCore", "OrgdeckTUI", "OrgdeckTerminal", "OrgdeckViewModels", "CNcursesw"]),
        // Certificates and identity-provider metadata made for the tests, and the demo database at a fixed time.
        .target(name: "OrgdeckTestSupport", dependencies: [
            "OrgdeckCore",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ], path: "Tests/Support"),
        .testTarget(name: "CoreTests", dependencies: ["OrgdeckCore", "OrgdeckTestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "TerminalTests", dependencies: ["OrgdeckTerminal"]),
        .testTarget(name: "ViewModelTests", dependencies: ["OrgdeckViewModels", "OrgdeckCore", "OrgdeckTestSupport"]),
        .testTarget(name: "TUITests", dependencies: ["OrgdeckTUI", "OrgdeckTerminal", "OrgdeckViewModels", "OrgdeckCore",
                                                    "OrgdeckTestSupport"],
                    exclude: ["Goldens"]),
        .testTarget(name: "CLITests", dependencies: ["OrgdeckCore", "OrgdeckCLI", "OrgdeckTestSupport",
                                                     .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ServerTests", dependencies: [
            "OrgdeckServer", "OrgdeckCore",
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["OrgdeckCore", "OrgdeckTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
