// swift-tools-version: 6.0
import PackageDescription

/// Optimised even in debug builds when this package is the one being built (a clone): `swift test`
/// trains every lesson's models to check their claims, and unoptimised Swift is 10–20× slower at
/// it. A package that depends on this one (its checkout lies under `…/checkouts/`) gets no unsafe
/// flags, which SwiftPM refuses in dependencies, so the UnrollEngine library stays usable.
let isDependency = Context.packageDirectory.contains("/checkouts/")
let speed: [SwiftSetting] = isDependency ? [] : [.unsafeFlags(["-O"])]

/// The inner loop of the large matrix products (`Sources/UnrollKernels`) alone is compiled for
/// AVX2 and FMA on x86-64 (FMA is baseline on arm64); the engine calls it only after checking the
/// CPU, so the program still runs on every x86-64 CPU. `-Ounchecked` is safe there: the module is
/// one loop over pointers whose bounds the caller (`GEMM`) has already fixed.
#if arch(x86_64)
let fmaFlags = ["-Ounchecked", "-Xcc", "-mavx2", "-Xcc", "-mfma", "-DUNROLL_FMA"]
#else
let fmaFlags = ["-Ounchecked", "-DUNROLL_FMA"]
#endif
let kernelSpeed: [SwiftSetting] = isDependency ? [] : [.unsafeFlags(fmaFlags)]
/// The AVX-512 tile (`Sources/UnrollKernelsAVX512`), likewise only called on a CPU that has it.
#if arch(x86_64)
let avx512Flags = ["-Ounchecked", "-Xcc", "-mavx512f", "-Xcc", "-mavx512vl", "-Xcc", "-mavx512dq",
                   "-Xcc", "-mavx2", "-Xcc", "-mfma", "-DUNROLL_AVX512"]
#else
let avx512Flags = ["-Ounchecked"]
#endif
let avx512Speed: [SwiftSetting] = isDependency ? [] : [.unsafeFlags(avx512Flags)]

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
        .target(name: "UnrollEngine", dependencies: ["UnrollIO", "UnrollKernels", "UnrollKernelsAVX512"], swiftSettings: speed),

        // MARK: Kernels — the fused multiply–add tile of the large matrix products (CPU-specific flags)
        .target(name: "UnrollKernels", swiftSettings: kernelSpeed),
        .target(name: "UnrollKernelsAVX512", dependencies: ["UnrollKernels"], swiftSettings: avx512Speed),

        // MARK: Files — checked reads of regular files, checked writes, whole-file replacement; results
        // computed once per process (`ComputedOnce`)
        .target(name: "UnrollIO", swiftSettings: speed),

        // MARK: Tasks — seeded data sets the lessons train on
        .target(name: "UnrollTasks", dependencies: ["UnrollEngine", "UnrollIO"], swiftSettings: speed),

        // MARK: Lessons — the lesson format, its loader and the claim language
        .target(name: "UnrollLessons", dependencies: [
            "UnrollEngine", "UnrollTasks", "UnrollIO",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: speed),

        // MARK: Curriculum — the lessons shipped inside the program
        // `lessons/` (the .md files and `lessons/data/`) stays at the repository root, the one
        // copy lecturers read and edit; SwiftPM copies it into the resource bundle
        // `unroll_UnrollCurriculum.resources` beside the built program. Resources must lie inside
        // their target's folder, so this target is rooted at the package folder: its code is
        // `Sources/UnrollCurriculum`, its resources `lessons/`, and everything else at the root
        // is excluded (the list is at the end of this file).
        .target(name: "UnrollCurriculum", path: ".", sources: ["Sources/UnrollCurriculum"],
                resources: [.copy("lessons")]),

        // MARK: Lab — experiments built from lesson settings: the figures screens and claims read
        .target(name: "UnrollLab", dependencies: ["UnrollEngine", "UnrollTasks", "UnrollLessons", "UnrollCurriculum", "UnrollIO"],
                swiftSettings: speed),

        // MARK: Drawing core — cells, buffers, widgets (no ncurses)
        .target(name: "UnrollDraw", dependencies: ["UnrollIO"], swiftSettings: speed),

        // MARK: App — state, update, view (pure; draws into UnrollDraw buffers)
        .target(name: "UnrollApp", dependencies: [
            "UnrollEngine", "UnrollTasks", "UnrollLessons", "UnrollLab", "UnrollDraw",
        ], swiftSettings: speed),

        // MARK: Terminal — the thin ncursesw backend
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "UnrollTerminal", dependencies: ["CNcurses", "UnrollDraw"]),

        // MARK: Command line
        .executableTarget(name: "unroll", dependencies: [
            "UnrollEngine", "UnrollTasks", "UnrollLessons", "UnrollLab", "UnrollDraw", "UnrollApp", "UnrollTerminal", "UnrollIO",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Tests
        // Optimised like the library: its mutators generate the fuzz tests' ten thousand files.
        .target(name: "TestSupport", dependencies: ["UnrollEngine"], path: "Tests/TestSupport",
                resources: [.copy("Fixtures")], swiftSettings: speed),
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

// The curriculum target is rooted at the package folder: it excludes every entry there except its
// own code and `lessons/` (SwiftPM itself skips dot files, Package.swift and Package.resolved), so
// no other target's files are seen twice and nothing is reported as unhandled. The other targets'
// folders come from their declarations; a new file or folder at the root must be added to
// `rootEntries` (the build's "unhandled file" warning names it). This list is fixed rather than
// read from the disk because SwiftPM caches the evaluated manifest until Package.swift changes.
let rootEntries = ["LICENSE", "README.md", "Tests", "scripts"]
if let curriculum = package.targets.first(where: { $0.name == "UnrollCurriculum" }) {
    let targetFolders = package.targets.compactMap { t -> String? in
        guard t.name != curriculum.name, t.type != .test else { return nil }
        return t.path ?? "Sources/\(t.name)"
    }
    curriculum.exclude = rootEntries + targetFolders.filter { $0.hasPrefix("Sources/") }
}
