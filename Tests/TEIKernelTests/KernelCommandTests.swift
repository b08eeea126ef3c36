import Foundation
import XCTest

/// `tei notebook` and `tei kernel` as a user runs them, without Jupyter.
final class KernelCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tei-kernel-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func tei(_ arguments: [String], program: URL = BuiltProgram.tei) throws -> (status: Int32, output: String) {
        try XCTUnwrap(try BuiltProgram.run(program, arguments, in: folder), "tei \(arguments) did not finish")
    }

    func testNotebookTurnsCommentBlocksIntoMarkdownAndStatementsIntoCode() throws {
        let script = """
            # Lesson 0 — a title
            #
            # Why it matters.
            let t = load "t.csv"
            t | take 3   # a trailing comment stays with its code
            # Exercise: change 3.

            """
        try script.write(to: folder.appendingPathComponent("lesson.tei"), atomically: true, encoding: .utf8)
        let run = try tei(["notebook", "lesson.tei"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("wrote 4 cells to lesson.ipynb"), run.output)
        let data = try Data(contentsOf: folder.appendingPathComponent("lesson.ipynb"))
        let notebook = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(notebook["nbformat"] as? Int, 4)
        let kernelspec = (notebook["metadata"] as? [String: Any])?["kernelspec"] as? [String: Any]
        XCTAssertEqual(kernelspec?["name"] as? String, "tei")
        let cells = try XCTUnwrap(notebook["cells"] as? [[String: Any]])
        let shown = cells.map { ($0["cell_type"] as? String ?? "", ($0["source"] as? [String] ?? []).joined()) }
        XCTAssertEqual(shown.map(\.0), ["markdown", "code", "code", "markdown"])
        XCTAssertEqual(shown.map(\.1), [
            "# Lesson 0 — a title\n\nWhy it matters.",
            "let t = load \"t.csv\"",
            "t | take 3   # a trailing comment stays with its code",
            "Exercise: change 3.",
        ])
    }

    func testNotebookNeverWritesOverItsScriptAndSaysWhatIsWrong() throws {
        let script = folder.appendingPathComponent("lesson.tei")
        try "1 + 1\n".write(to: script, atomically: true, encoding: .utf8)
        let over = try tei(["notebook", "lesson.tei", "-o", "lesson.tei"])
        XCTAssertEqual(over.status, 1)
        XCTAssertTrue(over.output.contains("cannot write lesson.tei"), over.output)
        XCTAssertEqual(try String(contentsOf: script, encoding: .utf8), "1 + 1\n")
        // The default notebook beside the script is written once; replacing it takes naming it.
        XCTAssertEqual(try tei(["notebook", "lesson.tei"]).status, 0)
        let notebook = folder.appendingPathComponent("lesson.ipynb")
        try "{\"edited\": true}".write(to: notebook, atomically: true, encoding: .utf8)
        let again = try tei(["notebook", "lesson.tei"])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.output, "error: lesson.ipynb exists; name it with -o to replace it, or another file\n")
        XCTAssertEqual(try String(contentsOf: notebook, encoding: .utf8), "{\"edited\": true}")
        XCTAssertEqual(try tei(["notebook", "lesson.tei", "-o", "lesson.ipynb"]).status, 0)
        XCTAssertTrue(try String(contentsOf: notebook, encoding: .utf8).contains("\"nbformat\""))
        let missing = try tei(["notebook", "nothing.tei"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.output, "error: cannot read nothing.tei: no such file\n")
    }

    func testKernelWithoutTeiKernelBesideItSaysHowToInstallIt() throws {
        let lonely = folder.appendingPathComponent("bin/tei")
        try FileManager.default.createDirectory(at: lonely.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: BuiltProgram.tei, to: lonely)
        let run = try tei(["kernel", "install"], program: lonely)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.output.contains("cannot run \(lonely.deletingLastPathComponent().path)/tei-kernel"), run.output)
        XCTAssertTrue(run.output.contains("./dev install installs it beside tei"), run.output)
    }

    func testTheKernelConnectsToTheServerTEIDatabaseURLNamesBeforeServing() throws {
        let connection = folder.appendingPathComponent("connection.json")
        try #"{"transport": "tcp", "ip": "127.0.0.1", "shell_port": 0, "iopub_port": 0, "stdin_port": 0, "control_port": 0, "hb_port": 0, "key": "k", "signature_scheme": "hmac-sha256"}"#
            .write(to: connection, atomically: true, encoding: .utf8)
        let gone = folder.appendingPathComponent("no-server").path
        let run = try XCTUnwrap(try BuiltProgram.run(BuiltProgram.tei, ["kernel", "serve", "--connection-file", connection.path], in: folder,
                                                     environment: ["TEI_DATABASE_URL": "postgres://ada:s3cret@/tei?host=\(gone)"]))
        XCTAssertEqual(run.status, 1, run.output)
        XCTAssertTrue(run.output.hasPrefix("tei-kernel: error: cannot connect to PostgreSQL at postgres://ada:***@/tei?host=\(gone)"), run.output)
        XCTAssertFalse(run.output.contains("s3cret"), run.output)
    }

    func testOnlyTheKernelNeedsLibzmq() throws {
        let ldd = URL(fileURLWithPath: "/usr/bin/ldd")
        let tei = try XCTUnwrap(try BuiltProgram.run(ldd, [BuiltProgram.tei.path], in: folder), "ldd is part of libc")
        XCTAssertEqual(tei.status, 0, tei.output)
        XCTAssertFalse(tei.output.contains("libzmq"), tei.output)
        let kernel = BuiltProgram.tei.deletingLastPathComponent().appendingPathComponent("tei-kernel")
        let linked = try XCTUnwrap(try BuiltProgram.run(ldd, [kernel.path], in: folder))
        XCTAssertTrue(linked.output.contains("libzmq.so.5"), linked.output)
    }

    func testKernelInstallWritesTheKernelspecUnderThePrefix() throws {
        let run = try tei(["kernel", "install", "--prefix", folder.path])
        XCTAssertEqual(run.status, 0, run.output)
        let spec = folder.appendingPathComponent("share/jupyter/kernels/tei")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: spec.appendingPathComponent("kernel.json"))) as? [String: Any])
        XCTAssertEqual(json["argv"] as? [String], [BuiltProgram.tei.resolvingSymlinksInPath().path, "kernel", "--connection-file", "{connection_file}"])
        XCTAssertEqual(json["language"] as? String, "tei")
        let png = try Data(contentsOf: spec.appendingPathComponent("logo-64x64.png"))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertTrue(try String(contentsOf: spec.appendingPathComponent("logo-svg.svg"), encoding: .utf8).hasPrefix("<svg"))
        let both = try tei(["kernel", "install", "--user", "--prefix", folder.path])
        XCTAssertEqual(both.status, 2, both.output)
        XCTAssertTrue(both.output.contains("--user and --prefix"), both.output)
    }
}
