// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "unroll",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "unroll", targets: ["unroll"]),
        .library(name: "UnrollEngine", targets: ["UnrollEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // MARK: Engine — the numbers (no UI code)
        // Optimised even in debug builds: `swift test` trains the lessons' models to check
        // their claims, and unoptimised Swift is about 12× slower at it.
        .target(name: "UnrollEngine", dependencies: ["UnrollIO"], swiftSettings: [.unsafeFlags(["-O"])]),

        // MARK: Files — checked reads of regular files, checked writes, whole-file replacement
        .target(name: "UnrollIO"),

        // MARK: Tasks — seeded data sets the lessons train on
        .target(name: "UnrollTasks", dependencies: ["UnrollEngine", "UnrollIO"]),

        // MARK: Lessons — the lesson format, its loader and the claim language
        .target(name: "UnrollLessons", dependencies: [
            "UnrollEngine", "UnrollTasks", "UnrollIO",
            .product(name: "Yams", package: "Yams"),
        ]),

        // MARK: Lab — experiments built from lesson settings: the figures screens and claims read
        .target(name: "UnrollLab", dependencies: ["UnrollEngine", "UnrollTasks", "UnrollLessons"]),

        // MARK: Drawing core — cells, buffers, widgets (no ncurses)
        .target(name: "UnrollDraw"),

        // MARK: App — state, update, view (pure; draws into UnrollDraw buffers)
        .target(name: "UnrollApp", dependencies: [
            "UnrollEngine", "UnrollTasks", "UnrollLessons", "UnrollLab", "UnrollDraw",
        ]),

        // MARK: Terminal — the thin ncursesw backend
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "UnrollTerminal", dependencies: ["CNcurses", "UnrollDraw"]),

        // MARK: Command line
        .executableTarget(name: "unroll", dependencies: [
            "UnrollEngine", "UnrollTasks", "UnrollLessons", "UnrollLab", "UnrollDraw", "UnrollApp", "UnrollTerminal", "UnrollIO",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["UnrollEngine"], path: "Tests/TestSupport",
                resources: [.copy("Fixtures")]),
        .testTarget(name: "UnrollIOTests", dependencies: ["UnrollIO"]),
        .testTarget(name: "UnrollEngineTests", dependencies: ["UnrollEngine", "TestSupport"]),
        .testTarget(name: "UnrollTasksTests", dependencies: ["UnrollTasks", "UnrollEngine", "TestSupport"]),
        .testTarget(name: "UnrollLessonsTests", dependencies: ["UnrollLessons", "UnrollEngine", "UnrollTasks", "TestSupport"]),
        .testTarget(name: "UnrollLabTests", dependencies: ["UnrollLab", "UnrollLessons", "UnrollTasks", "UnrollEngine", "TestSupport"]),
        .testTarget(name: "UnrollDrawTests", dependencies: ["UnrollDraw", "UnrollLessons", "TestSupport"]),
        .testTarget(name: "UnrollAppTests", dependencies: ["UnrollApp", "UnrollLab", "UnrollDraw", "UnrollLessons", "UnrollEngine", "TestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "UnrollCLITests", dependencies: ["TestSupport"]),
    ]
)
