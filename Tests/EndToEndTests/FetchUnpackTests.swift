import Foundation
import XCTest

/// `tei fetch --unpack`: each `.zip` extracted into a folder beside it through a temporary folder;
/// entries reaching outside it refused before anything is written; a damaged archive a clear error;
/// an existing folder never replaced.
final class FetchUnpackTests: XCTestCase {
    private var workspace: FetchWorkspace!

    override func setUpWithError() throws {
        workspace = try FetchWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    private let tweets = FetchServer.bytes(70_000, seed: 80)
    private let users = Array("userid,name\n1,a\n".utf8)

    private func release() throws -> [UInt8] {
        try FetchServer.zip([("release/", nil, nil), ("release/tweets.csv", tweets, nil), ("release/users.csv", users, nil),
                             ("release/latest.csv", nil, "tweets.csv")])
    }

    func testEachZipIsExtractedIntoAFolderBesideItAndARerunLeavesItAlone() throws {
        let server = try FetchServer(files: ["freedonia_2019.zip": try release(), "notes.txt": Array("x".utf8)])
        let arguments = [server.url("freedonia_2019.zip"), server.url("notes.txt"), "--to", workspace.path("out"), "--unpack"]
        let result = try workspace.fetch(arguments)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(workspace.contents("out/freedonia_2019/release/tweets.csv"), tweets)
        XCTAssertEqual(workspace.contents("out/freedonia_2019/release/users.csv"), users)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("out/freedonia_2019/release/latest.csv")),
                       "tweets.csv")
        XCTAssertTrue(result.standardError.contains("unpacked freedonia_2019.zip into \(workspace.path("out/freedonia_2019"))/ (4 entries)"),
                      result.standardError)
        XCTAssertFalse(workspace.exists("out/notes"), "only .zip files are unpacked")
        XCTAssertEqual(try workspace.unfinished(in: "out"), [])

        // The folder the user adds to is kept as it is; the rerun finds the archive's files there.
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: workspace.path("out/freedonia_2019/notes.md")))
        let rerun = try workspace.fetch(arguments)
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertFalse(rerun.standardError.contains("unpacked"), rerun.standardError)
        XCTAssertEqual(workspace.contents("out/freedonia_2019/notes.md"), Array("mine\n".utf8))
    }

    func testEntriesReachingOutsideTheFolderAreRefusedBeforeAnythingIsWritten() throws {
        let cases: [(name: String, entries: [(name: String, bytes: [UInt8]?, link: String?)], message: String)] = [
            ("dotdot.zip", [("fine.csv", users, nil), ("../evil", users, nil)], "the entry `../evil` would be written outside the folder"),
            ("nested.zip", [("fine.csv", users, nil), ("a/../../evil", users, nil)], "the entry `a/../../evil` would be written outside the folder"),
            ("absolute.zip", [("fine.csv", users, nil), ("/tmp/tei-fetch-evil", users, nil)], "the entry `/tmp/tei-fetch-evil` would be written outside"),
            ("link.zip", [("fine.csv", users, nil), ("escape", nil, "../../outside")], "the entry `escape` is a link to `../../outside`, outside the folder"),
            ("absolutelink.zip", [("etc", nil, "/etc"), ("fine.csv", users, nil)], "the entry `etc` is a link to `/etc`, outside the folder"),
        ]
        var files: [String: [UInt8]] = [:]
        for (name, entries, _) in cases { files[name] = try FetchServer.zip(entries) }
        let server = try FetchServer(files: files)
        let result = try workspace.fetch(cases.map { server.url($0.name) } + ["--to", workspace.path("out/releases"), "--unpack"])
        XCTAssertEqual(result.status, 1)
        for (name, _, message) in cases {
            XCTAssertTrue(result.standardError.contains("error: \(workspace.path("out/releases/\(name)")): cannot unpack: \(message)"),
                          result.standardError)
            XCTAssertFalse(workspace.exists("out/releases/" + name.dropLast(4)), name)
            XCTAssertNotNil(workspace.contents("out/releases/\(name)"), "the archive itself stays, downloaded and verified")
        }
        XCTAssertTrue(result.standardError.contains("hint: tei fetch refuses an archive whose entries would be written outside its folder; nothing was extracted"),
                      result.standardError)
        XCTAssertFalse(workspace.exists("out/evil"))
        XCTAssertFalse(workspace.exists("evil"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/tei-fetch-evil"))
        XCTAssertEqual(try workspace.unfinished(in: "out/releases"), [])
    }

    func testATruncatedZipIsAClearError() throws {
        let whole = try release()
        let server = try FetchServer(files: ["cut.zip": Array(whole.prefix(whole.count / 2))])
        let result = try workspace.fetch([server.url("cut.zip"), "--to", workspace.path("out"), "--unpack"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains(
            "error: \(workspace.path("out/cut.zip")): cannot unpack: it is not a readable zip archive: it is cut short or damaged\nhint: "),
            result.standardError)
        XCTAssertFalse(workspace.exists("out/cut"))
        XCTAssertEqual(try workspace.unfinished(in: "out"), [])

        // A byte changed inside the second entry's data: the first is extracted, then the check fails.
        var damaged = try FetchServer.zip([("first.csv", users, nil), ("second.csv", tweets, nil)])
        damaged[damaged.count / 2] ^= 0xFF
        try server.write(damaged, as: "damaged.zip")
        let bad = try workspace.fetch([server.url("damaged.zip"), "--to", workspace.path("out"), "--unpack"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.standardError.contains("error: \(workspace.path("out/damaged.zip")): cannot unpack: the entry `second.csv` is damaged"),
                      bad.standardError)
        XCTAssertFalse(workspace.exists("out/damaged"), "a half-extracted archive leaves no folder")
        XCTAssertEqual(try workspace.unfinished(in: "out"), [])
    }

    func testAnExistingFolderThatDiffersIsNeverReplaced() throws {
        let server = try FetchServer(files: ["r.zip": try release()])
        try FileManager.default.createDirectory(atPath: workspace.path("out/r/release"), withIntermediateDirectories: true)
        try Data("the user's own\n".utf8).write(to: URL(fileURLWithPath: workspace.path("out/r/release/tweets.csv")))
        let result = try workspace.fetch([server.url("r.zip"), "--to", workspace.path("out"), "--unpack"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains(
            "cannot unpack: \(workspace.path("out/r"))/ exists and differs from the archive (`release/tweets.csv` has another size)\n"
                + "hint: move or rename \(workspace.path("out/r")), then run the same command again; tei fetch never replaces a folder"),
            result.standardError)
        XCTAssertEqual(workspace.contents("out/r/release/tweets.csv"), Array("the user's own\n".utf8))
        XCTAssertFalse(workspace.exists("out/r/release/users.csv"), "nothing is written into the user's folder")
        XCTAssertEqual(try workspace.unfinished(in: "out"), [])
    }
}
