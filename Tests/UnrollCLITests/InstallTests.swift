import Foundation
import Testing
import TestSupport

/// The README's install steps, run as written (but for the build, which `swift test` has just
/// done: `.build/release` is read as this build's products folder, and `~` is a temporary home),
/// give an `unroll` that has the whole curriculum from any folder, with no lessons folder near it.
/// `.ci/run` also runs them verbatim, release build included (`.ci/install-check`).
struct InstallTests {
    /// The shell lines of the README's install block.
    static func installSteps() throws -> [String] {
        let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- install:start -->\n```sh\n"), "README has an install block")
        let end = try #require(readme.range(of: "```\n<!-- install:end -->"))
        return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
    }

    static func shell(_ line: String, home: URL) throws -> CLI.Result {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        return try CLI.run(program: URL(fileURLWithPath: "/bin/sh"), ["-c", line], environment: env, directory: Fixtures.repositoryRoot)
    }

    /// The environment of a user with no lessons folder set.
    static func userEnvironment(home: URL) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "UNROLL_LESSONS")
        env["HOME"] = home.path
        env["PATH"] = home.appendingPathComponent(".local/bin").path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        return env
    }

    @Test func theReadmeInstallStepsGiveTheWholeCurriculumFromAnyFolder() throws {
        let steps = try Self.installSteps()
        #expect(steps.first == "swift build -c release", "the steps start with the build: \(steps)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-install-\(UUID().uuidString)")
        let home = root.appendingPathComponent("home"), elsewhere = root.appendingPathComponent("somewhere")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        let products = CLI.productsDirectory.path
        for step in steps where !step.hasPrefix("swift build") {
            let line = step.replacingOccurrences(of: ".build/release", with: products)
            let r = try Self.shell(line, home: home)
            #expect(r.status == 0, "\(line): \(r.stderr)")
        }
        let installed = home.appendingPathComponent(".local/bin/unroll")
        #expect(FileManager.default.isExecutableFile(atPath: installed.path))

        // From an unrelated folder, with no UNROLL_LESSONS: the bundled curriculum, the same
        // lessons and frames as the repository's folder gives.
        let env = Self.userEnvironment(home: home)
        func installedRun(_ args: [String]) throws -> CLI.Result {
            try CLI.run(program: URL(fileURLWithPath: "/bin/sh"), ["-c", "unroll \"$@\"", "unroll"] + args,
                        environment: env, directory: elsewhere)
        }
        let listed = try installedRun(["lessons"])
        #expect(listed.stdout.contains("(built into unroll)"), "\(listed.stdout.suffix(200)) \(listed.stderr.prefix(300))")
        let reference = try CLI.run(["lessons", "--lessons", Fixtures.lessonsDirectory.path])
        func body(_ s: String) -> [Substring] { Array(s.split(separator: "\n").dropLast()) }
        #expect(body(listed.stdout) == body(reference.stdout), "the installed program lists the repository's lessons")
        #expect(listed.status == reference.status)
        #expect(body(listed.stdout).count >= 1)

        for args in [["render", "1"], ["render", "1", "--page", "2", "--keys", "b", "--finish"], ["export", "1"]] {
            let got = try installedRun(args)
            let want = try CLI.run(args)
            #expect(got.status == 0, "unroll \(args.joined(separator: " ")): \(got.stderr)")
            #expect(got.stdout == want.stdout, "unroll \(args.joined(separator: " ")) shows what the repository's lessons show")
        }
        let version = try installedRun(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("unroll "))
        // `unroll` alone gets as far as lesson 1 (and stops for want of a terminal).
        let bare = try installedRun([])
        #expect(bare.stderr.contains("interactive terminal"), "\(bare.stderr)")
        // --lessons and UNROLL_LESSONS still point elsewhere.
        let small = try CommandLineTests.smallLessons()
        defer { try? FileManager.default.removeItem(at: small) }
        let pointed = try installedRun(["lessons", "--lessons", small.path])
        #expect(pointed.stdout.contains("A small lesson"), "\(pointed.stdout) \(pointed.stderr)")
        var envWith = env
        envWith["UNROLL_LESSONS"] = small.path
        let viaEnv = try CLI.run(program: installed, ["lessons"], environment: envWith, directory: elsewhere)
        #expect(viaEnv.stdout.contains("A small lesson") && viaEnv.stdout.contains("(UNROLL_LESSONS)"), "\(viaEnv.stdout)")
    }

    @Test func aProgramCopiedWithoutItsLessonsSaysSoInsteadOfShowingAnything() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-bare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let copy = root.appendingPathComponent("unroll")
        try FileManager.default.copyItem(at: CLI.executable, to: copy)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "UNROLL_LESSONS")
        for args in [["lessons"], ["render", "1"], ["export", "1"], []] {
            let r = try CLI.run(program: copy, args, environment: env, directory: root)
            #expect(r.status == 2, "unroll \(args.joined(separator: " ")): \(r.status)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("unroll: no lessons found") && r.stderr.contains("unroll_UnrollCurriculum.resources"),
                    "unroll \(args.joined(separator: " ")): \(r.stderr)")
        }
    }
}
