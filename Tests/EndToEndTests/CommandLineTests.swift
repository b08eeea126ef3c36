import Foundation
import XCTest

/// The command's own surface: exit statuses, inline code, standard input, check, version.
final class CommandLineTests: XCTestCase {
    func testInlineCodeRunsAndPrintsATable() throws {
        let result = try TEIBinary.run(["-c", "1 + 2"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardOutput, "value\n─────\n    3\n1 row\n")
    }

    func testStandardInputRunsAsAScript() throws {
        for arguments in [[], ["run", "-"]] {
            let result = try TEIBinary.run(arguments, input: "\"a\" ++ \"b\"\n")
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertTrue(result.standardOutput.contains("ab"), result.standardOutput)
        }
    }

    /// Two runs, two processes: the same seed samples the same rows, another seed others.
    func testASampleIsTheSameOnEveryRun() throws {
        let code = "load \"Fixtures/freedonia_201901_1_tweets_csv_hashed.csv\" | select tweetid | sample 20"
        let first = try TEIBinary.run(["--format", "csv", "-c", code])
        let second = try TEIBinary.run(["--format", "csv", "-c", code])
        XCTAssertEqual(first.status, 0, first.standardError)
        XCTAssertEqual(first.standardOutput.split(separator: "\n").count, 21, first.standardOutput)
        XCTAssertEqual(second.standardOutput, first.standardOutput)
        let seeded = try TEIBinary.run(["--format", "csv", "-c", code + " seed 1"])
        XCTAssertNotEqual(seeded.standardOutput, first.standardOutput)
    }

    func testUsageErrorsExitWithTwo() throws {
        XCTAssertEqual(try TEIBinary.run(["run"]).status, 2)
        XCTAssertEqual(try TEIBinary.run(["--format", "xml", "-c", "1"]).status, 2)
        let badParameter = try TEIBinary.run(["-c", "1", "--param", "since"])
        XCTAssertEqual(badParameter.status, 2)
        XCTAssertTrue(badParameter.standardError.contains("--param takes name=value"))
        // The later of two values once won silently.
        let twice = try TEIBinary.run(["-c", "param n = 1\nn", "--param", "n=1", "--param", "n=2"])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.standardError.contains("--param n is given twice; give each parameter once"), twice.standardError)
    }

    /// `--param f=0x10` was once read as 16.0: a float parameter takes decimal numbers only.
    func testAFloatParameterTakesOnlyDecimalNumbers() throws {
        for text in ["0x10", "1e400", "inf", "2.5x"] {
            let result = try TEIBinary.run(["-c", "param f = 1.0\nf", "--param", "f=\(text)"])
            XCTAssertEqual(result.status, 1, text)
            XCTAssertTrue(result.standardError.contains("error: --param f=\(text): expected a finite number like 2.5"), result.standardError)
        }
        let decimal = try TEIBinary.run(["--format", "csv", "-c", "param f = 1.0\nf", "--param", "f=-2.5e1"])
        XCTAssertEqual(decimal.standardOutput, "value\n-25.0\n", decimal.standardError)
    }

    func testAMissingScriptIsAnErrorOfOne() throws {
        let result = try TEIBinary.run(["run", "no/such/script.tei"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardError, "error: cannot read no/such/script.tei: no such file\n")
    }

    /// `tei --format csv script.tei` once stopped with "Unexpected argument": options may come
    /// before the script as well as after it, each option's value left in place.
    func testOptionsBeforeTheScriptApplyToIt() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("sum.tei").path
        try Data("param n = 1\nn + 1\n".utf8).write(to: URL(fileURLWithPath: script))
        let before = try TEIBinary.run(["--format", "csv", "--param", "n=41", "--count", script])
        XCTAssertEqual(before.status, 0, before.standardError)
        XCTAssertEqual(before.standardOutput, "value\n42\n")
        let options = [["--cache-dir", folder.appendingPathComponent("cache").path], ["--max-rows", "5"], ["--color", "never"],
                       ["--width", "40"], ["--report", folder.appendingPathComponent("run.md").path], ["--format=csv"]]
        for option in options {
            let result = try TEIBinary.run(option + [script])
            XCTAssertEqual(result.status, 0, "\(option): \(result.standardError)")
            XCTAssertTrue(result.standardOutput.contains("2"), "\(option): \(result.standardOutput)")
        }
                let stdin = try TEIBinary.run(["--format", "csv", "-"], input: "3 * 2\n")
        XCTAssertEqual(stdin.standardOutput, "value\n6\n", stdin.standardError)
    }

    /// A missing file's hint once said relative paths start at the script's folder for `-c` code too.
    func testAMissingFileSaysWhereRelativePathsStart() throws {
        let inline = try TEIBinary.run(["-c", "load \"no-such.csv\""])
        XCTAssertEqual(inline.status, 1)
        XCTAssertTrue(inline.standardError.contains("hint: check the path; relative paths here start at the working directory ("),
                      inline.standardError)
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("load \"no-such.csv\"\n".utf8).write(to: folder.appendingPathComponent("s.tei"))
        let script = try TEIBinary.run([folder.appendingPathComponent("s.tei").path])
        XCTAssertEqual(script.status, 1)
        XCTAssertTrue(script.standardError.contains("hint: check the path; relative paths here start at the script's folder (\(folder.path))"),
                      script.standardError)
    }

    func testAFolderIsNotAScript() throws {
        let result = try TEIBinary.run(["Examples"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardError, "error: cannot read Examples: is a folder, not a script\n")
    }

    /// A Latin-1 `é` once became U+FFFD, and a filter comparing with it counted 0 rows with exit status 0.
    func testAScriptOrLibraryThatIsNotUTF8IsRefusedWhereItStopsBeingUTF8() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("name,n\nJos\u{E9},1\n".utf8).write(to: folder.appendingPathComponent("names.csv"))
        let latin1 = Data("# Latin-1\nload \"names.csv\" | filter name == \"Jos".utf8) + Data([0xE9]) + Data("\" | count\n".utf8)
        try latin1.write(to: folder.appendingPathComponent("latin1.tei"))
        try Data("import \"latin1\"\n1\n".utf8).write(to: folder.appendingPathComponent("main.tei"))
        for command in ["run", "check"] {
            let script = try TEIBinary.run([command, folder.appendingPathComponent("latin1.tei").path])
            XCTAssertEqual(script.status, 1, script.standardOutput)
            XCTAssertEqual(script.standardError,
                           "\(folder.appendingPathComponent("latin1.tei").path):2:39: error: the script is not valid UTF-8 text here; save it as UTF-8\n")
            let library = try TEIBinary.run([command, folder.appendingPathComponent("main.tei").path])
            XCTAssertEqual(library.status, 1, library.standardOutput)
            XCTAssertTrue(library.standardError.contains("main.tei:1:8: error: library 'latin1' is not valid UTF-8 text at line 2, column 39"),
                          library.standardError)
        }
    }

    func testCheckRunsNoQuery() throws {
        let good = try TEIBinary.run(["check", "Tests/Golden/basics.tei"])
        XCTAssertEqual(good.status, 0)
        XCTAssertEqual(good.standardOutput, "", "check prints no results")
        XCTAssertEqual(good.standardError, "Tests/Golden/basics.tei: no errors; nothing was run\n", "a good script is said to be good")
        let bad = try TEIBinary.run(["check", "Tests/Golden/error_unknown_column.tei"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.standardError.contains("unknown column 'tweet_txt'"))
    }

    func testVersion() throws {
        let result = try TEIBinary.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.standardOutput.hasPrefix("0."), result.standardOutput)
    }

    func testFormatsOfInlineCode() throws {
        XCTAssertEqual(try TEIBinary.run(["--format", "csv", "-c", "1 + 1"]).standardOutput, "value\n2\n")
        XCTAssertEqual(try TEIBinary.run(["--format", "json", "-c", "1 + 1"]).standardOutput, "[\n  {\"value\": 2}\n]\n")
    }

    /// `--cache-dir` decides where imports are cached, over `TEI_CACHE_DIR`, and a second run with
    /// the same folder reuses the cache (the file is not rewritten).
    func testCacheDirOptionChoosesTheCacheFolder() throws {
        let folder = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chosen = folder.appendingPathComponent("chosen"), environment = folder.appendingPathComponent("environment")
        let code = "load \"Fixtures/freedonia_201901_1_users_csv_hashed.csv\" | count"
        let first = try TEIBinary.run(["--cache-dir", chosen.path, "--format", "csv", "-c", code],
                                      environment: ["TEI_CACHE_DIR": environment.path])
        XCTAssertEqual(first.status, 0, first.standardError)
        let files = try FileManager.default.contentsOfDirectory(atPath: chosen.path).filter { $0.hasSuffix(".sqlite") }
        XCTAssertEqual(files.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: environment.path))
        let cache = chosen.appendingPathComponent(files[0])
        let built = try FileManager.default.attributesOfItem(atPath: cache.path)[.modificationDate] as? Date
        let second = try TEIBinary.run(["--cache-dir", chosen.path, "--format", "csv", "-c", code])
        XCTAssertEqual(second.standardOutput, first.standardOutput)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: cache.path)[.modificationDate] as? Date, built)
    }
}

