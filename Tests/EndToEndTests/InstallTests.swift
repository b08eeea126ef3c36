import Foundation
import XCTest

/// A newcomer's first day: the README's `./dev install`, then another user (a fresh home folder)
/// runs the course with the installed `tei` from `/`, found through PATH, with no `TEI_STDLIB`.
///
/// The README's command builds for release; this test installs the binary the suite already built
/// (`--binary`), so it costs no second build.
final class InstallTests: XCTestCase {
    func testAnInstalledTeiRunsEveryLessonFromAnywhere() throws {
        let scratch = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = scratch.appendingPathComponent("prefix"), home = scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)

        let install = try Self.shell("./dev install --prefix \"$0\" --binary \"$1\"", prefix.path, TEIBinary.executable.path,
                                     home: home, workingDirectory: TEIBinary.repositoryRoot)
        XCTAssertEqual(install.status, 0, install.standardError)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: prefix.appendingPathComponent("bin/tei").path))
        // The Jupyter kernel goes beside tei, and its kernelspec starts that tei.
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: prefix.appendingPathComponent("bin/tei-kernel").path))
        let spec = try Self.shell("\"$0/bin/tei\" kernel install --prefix \"$0\"", prefix.path, home: home, workingDirectory: scratch)
        XCTAssertEqual(spec.status, 0, spec.standardError)
        let kernelJSON = try String(contentsOf: prefix.appendingPathComponent("share/jupyter/kernels/tei/kernel.json"), encoding: .utf8)
        XCTAssertTrue(kernelJSON.contains("\"\(prefix.appendingPathComponent("bin/tei").resolvingSymlinksInPath().path)\""), kernelJSON)
        XCTAssertTrue(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/jupyter/kernels/tei/logo-64x64.png").path))
        let stdlib = try FileManager.default.contentsOfDirectory(atPath: TEIBinary.repositoryRoot.appendingPathComponent("Stdlib").path)
        let installed = try FileManager.default.contentsOfDirectory(atPath: prefix.appendingPathComponent("share/tei/Stdlib").path)
        XCTAssertEqual(installed.sorted(), stdlib.sorted())
        for (path, mark) in [("share/bash-completion/completions/tei", "-F _tei tei"), ("share/zsh/site-functions/_tei", "#compdef tei"),
                             ("share/fish/vendor_completions.d/tei.fish", "complete -c 'tei'")] {
            let script = try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
            XCTAssertTrue(script.contains(mark), "\(path) is a completion script")
            XCTAssertTrue(script.contains("check"), "\(path) completes the subcommands")
        }

        var lessons = 0
        let examples = TEIBinary.repositoryRoot.appendingPathComponent("Examples")
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted() where name.hasSuffix(".tei") {
            let lesson = examples.appendingPathComponent(name)
            let golden = lesson.deletingPathExtension().appendingPathExtension("out")
            guard FileManager.default.fileExists(atPath: golden.path) else { continue }
            let result = try Self.shell("tei \"$0\"", lesson.path, prefix: prefix, home: home)
            XCTAssertEqual(result.status, 0, "\(name): \(result.standardError)")
            XCTAssertEqual(GoldenTests.normalized(result.standardOutput), try String(contentsOf: golden, encoding: .utf8), name)
            lessons += 1
        }
        XCTAssertEqual(lessons, 2 * (try CourseTests.lessons().count), "every lesson and its solution")
    }

    /// A teacher copies the course (the lessons with their Fixtures beside them) to a class machine.
    func testACopiedCourseRunsWithTheInstalledStdlib() throws {
        let scratch = try TEIProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = scratch.appendingPathComponent("prefix"), home = scratch.appendingPathComponent("home")
        let course = home.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        for folder in ["Examples", "Fixtures"] {
            try FileManager.default.copyItem(at: TEIBinary.repositoryRoot.appendingPathComponent(folder),
                                             to: course.appendingPathComponent(folder))
        }
        let install = try Self.shell("./dev install --prefix \"$0\" --binary \"$1\"", prefix.path, TEIBinary.executable.path,
                                     home: home, workingDirectory: TEIBinary.repositoryRoot)
        XCTAssertEqual(install.status, 0, install.standardError)
        // The installed binary finds its Stdlib through its own location, even through a link to it.
        let link = scratch.appendingPathComponent("tei")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: prefix.appendingPathComponent("bin/tei"))
        let lesson = "course/Examples/05-hidden-names.tei"
        let result = try TEIProcess.run([lesson], cacheDirectory: home.appendingPathComponent("cache"),
                                        environment: ["HOME": home.path, "TEI_STDLIB": ""], timeout: 300,
                                        executable: link, workingDirectory: home)
        XCTAssertEqual(result.status, 0, result.standardError)
        let golden = TEIBinary.repositoryRoot.appendingPathComponent("Examples/05-hidden-names.out")
        XCTAssertEqual(GoldenTests.normalized(result.standardOutput), try String(contentsOf: golden, encoding: .utf8))
    }

    /// Runs `command` with `sh -c` (arguments as `$0`, `$1`), as a user whose home is `home`, with
    /// `prefix/bin` first on PATH, from `/` unless told otherwise, with no tei settings of the tests.
    static func shell(_ command: String, _ arguments: String..., prefix: URL? = nil, home: URL,
                      workingDirectory: URL = URL(fileURLWithPath: "/")) throws -> TEIBinary.Result {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let environment = ["HOME": home.path, "TEI_CACHE_DIR": "", "XDG_CACHE_HOME": "", "TEI_STDLIB": "",
                           "PATH": prefix.map { $0.appendingPathComponent("bin").path + ":" + path } ?? path]
        return try TEIProcess.run(["-c", command] + arguments, cacheDirectory: home, environment: environment, timeout: 600,
                                  executable: URL(fileURLWithPath: "/bin/sh"), workingDirectory: workingDirectory)
    }
}
