import Foundation
import Testing
import TestSupport

/// The command line's conventions, command by command: every error is `unroll: …` on stderr,
/// nothing on stdout, and the documented status (0 done, 1 a false claim or failed check,
/// 2 bad input); `--lessons` is accepted wherever lessons are read; `unroll` is `unroll open`.
struct CommandLineTests {
    /// A lessons folder with one small lesson (no data files), for commands pointed elsewhere.
    static func smallLessons() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        let lesson = """
        ---
        title: A small lesson
        model:
          cell: rnn
          hidden: 4
        task:
          name: adding
          length: 6
        ---

        ## Only page

        The loss is positive.

        claim: loss > 0
        """
        try lesson.write(to: dir.appendingPathComponent("01-small.md"), atomically: true, encoding: .utf8)
        return dir
    }

    /// Bad input for each command: status 2, every stderr line `unroll: …`, stdout empty.
    static let badInput: [[String]] = [
        ["nosuch"],                                      // `unroll LESSON` is `unroll open LESSON`
        ["open", "nosuch"],
        ["--lessons", "/nonexistent/lessons"],
        ["render", "1", "--page"],                       // a missing value
        ["render", "1", "--nosuch"],                     // an unknown option
        ["render", "1", "--page", "99"],
        ["render", "1", "--size", "0x0"],
        ["render", "1", "--keys", "<bogus>"],
        ["export", "1", "--format", "png"],
        ["export", "1", "--output", "/nonexistent/folder/figures.csv"],
        ["record", "1", "--delay", "-1"],
        ["record", "1", "--keys", "<resize:10x10>"],
        ["check", "/nonexistent/lesson.md"],
        ["lessons", "--lessons", "/nonexistent/lessons"],
        ["train"],
        ["train", "--task", "nosuch"],
        ["train", "--task", "adding", "--hidden", "0"],
        ["trace", "/nonexistent/case.json"],
        ["bench", "engine", "bad-shape"],
        ["bench", "ui", "--lessons", "/nonexistent/lessons"],
        ["help", "nosuch"],
        ["help", "render", "nosuch"],
    ]

    @Test(arguments: badInput)
    func badInputIsOneStyleAndStatus2(arguments: [String]) throws {
        let r = try CLI.run(arguments, environment: ["UNROLL_LESSONS": Fixtures.lessonsDirectory.path])
        #expect(r.status == 2, "unroll \(arguments.joined(separator: " ")): status \(r.status)\n\(r.stderr)")
        #expect(r.stdout.isEmpty, "unroll \(arguments.joined(separator: " ")) printed to stdout: \(r.stdout.prefix(200))")
        let lines = r.stderr.split(separator: "\n")
        #expect(!lines.isEmpty, "unroll \(arguments.joined(separator: " ")) said nothing")
        // A message may continue on indented lines; every other line starts with the program's name.
        for line in lines where !line.hasPrefix(" ") && !line.hasPrefix("or ") {
            #expect(line.hasPrefix("unroll: "), "unroll \(arguments.joined(separator: " ")): \(line)")
        }
    }

    @Test func versionHelpAndTheDefaultCommand() throws {
        let v = try CLI.run(["--version"])
        #expect(v.status == 0 && v.stdout.hasPrefix("unroll ") && v.stderr.isEmpty, "\(v)")
        let help = try CLI.run(["help", "render"])
        #expect(help.status == 0 && help.stdout.contains("--finish"))
        // `unroll 1` resolves lesson 1 like `unroll open 1`: what stops it here is the missing
        // terminal, not the lesson.
        for args in [["1"], ["open", "1"], []] {
            let r = try CLI.run(args)
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("unroll: unroll's screen needs an interactive terminal"), "\(args): \(r.stderr)")
        }
    }

    @Test func everyLessonCommandTakesLessons() throws {
        let dir = try Self.smallLessons()
        defer { try? FileManager.default.removeItem(at: dir) }
        // No UNROLL_LESSONS: only --lessons says where the small lesson is.
        let env = ["UNROLL_LESSONS": ""]
        let lessons = try CLI.run(["lessons", "--lessons", dir.path], environment: env)
        #expect(lessons.status == 0, "\(lessons.stderr)")
        #expect(lessons.stdout.contains("A small lesson") && lessons.stdout.contains("1 lesson(s) from \(dir.path) (--lessons)"), "\(lessons.stdout)")
        for args in [["render", "small"], ["export", "small"], ["export", "1", "--format", "svg"], ["record", "1", "--delay", "0"],
                     ["check"], ["train", "--task", "adding", "--length", "5", "--steps", "2"]] {
            let r = try CLI.run(args + ["--lessons", dir.path], environment: env)
            #expect(r.status == 0, "unroll \(args.joined(separator: " ")) --lessons: \(r.stderr)")
        }
        for args in [["--lessons", dir.path], ["--lessons", dir.path, "1"], ["open", "--lessons", dir.path, "1"]] {
            let r = try CLI.run(args, environment: env)
            #expect(r.stderr.contains("interactive terminal"), "unroll \(args.joined(separator: " ")): \(r.stderr)")
        }
        // An empty folder is refused by name, never replaced by a stand-in lesson.
        let empty = dir.appendingPathComponent("data")
        for args in [["lessons"], ["render", "1"], ["export", "1"]] {
            let r = try CLI.run(args + ["--lessons", empty.path], environment: env)
            #expect(r.status == 2 && r.stderr.contains("no lessons in \(empty.path)"), "unroll \(args.joined(separator: " ")): \(r.stderr)")
        }
    }

    @Test func checkReportsBrokenFilesOnStderrAndFalseClaimsWithStatus1() throws {
        let dir = try Self.smallLessons()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("02-broken.md")
        try "---\ntitle: Broken\nmodel:\n  cell: lsmt\ntask:\n  name: adding\n---\n\n## P\n\nclaim: loss > 0\n"
            .write(to: broken, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", broken.path])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty, "load errors go to stderr: \(r.stdout)")
        #expect(r.stderr.hasPrefix("unroll: \(broken.path):4:"), "\(r.stderr)")
        try FileManager.default.removeItem(at: broken)
        let falseClaim = dir.appendingPathComponent("02-false.md")
        try "---\ntitle: False\nmodel:\n  cell: rnn\ntask:\n  name: adding\n  length: 5\n---\n\n## P\n\nclaim: loss < 0\n"
            .write(to: falseClaim, atomically: true, encoding: .utf8)
        let f = try CLI.run(["check", "--lessons", dir.path])
        #expect(f.status == 1, "a false claim: \(f.stdout) \(f.stderr)")
        #expect(f.stdout.contains("FAIL"))
    }

    @Test func trainIsQuietOffATerminalAndSaysWhenItIsNoBetterThanTheBaseline() throws {
        let start = Date()
        let r = try CLI.run(["train", "--task", "adding", "--length", "10", "--steps", "400", "--hidden", "4"])
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 0, "\(r.stderr)")
        let progress = r.stderr.split(separator: "\n")
        #expect(!r.stderr.contains("\r"), "no bar redrawn in place when stderr is a pipe")
        #expect(progress.count <= Int(seconds / 5) + 1, "at most a line every 5 s: \(progress.count) lines in \(seconds) s")
        #expect(!r.stdout.contains("No better than the baseline"), "\(r.stdout)")

        let untrained = try CLI.run(["train", "--task", "adding", "--length", "10", "--steps", "0"])
        #expect(untrained.status == 0)
        #expect(untrained.stdout.contains("No better than the baseline"), "\(untrained.stdout)")
        let json = try CLI.run(["train", "--task", "adding", "--length", "10", "--steps", "0", "--json"])
        #expect(json.stdout.contains("\"beats_baseline\": false"), "\(json.stdout)")

        let help = try CLI.run(["train", "--help"])
        #expect(help.stdout.contains("adding:") && help.stdout.contains("length=100"), "each task's defaults in --help")
        let list = try CLI.run(["train", "--list"])
        #expect(list.stdout.contains("length=100"))
    }
}
