import Foundation
import XCTest

/// `tei fetch` against the local server of FetchServer.swift: byte-identical downloads, resumption
/// after a dropped connection, retries after a 503, verification, reruns, parallel jobs, and errors.
final class FetchTests: XCTestCase {
    private var workspace: FetchWorkspace!

    override func setUpWithError() throws {
        workspace = try FetchWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    private func path(_ name: String) -> String { workspace.path(name) }

    private func fetch(_ arguments: [String]) throws -> TEIBinary.Result { try workspace.fetch(arguments) }

    private static func sha256(_ bytes: [UInt8]) -> String { FetchWorkspace.sha256(bytes) }

    /// A manifest line `URL SIZE SHA256` for `bytes` served as `name`.
    private static func line(_ server: FetchServer, _ name: String, _ bytes: [UInt8]) -> String {
        "\(server.url(name)) \(bytes.count) \(sha256(bytes))"
    }

    private func writeManifest(_ lines: [String], named name: String = "files.txt") throws -> String {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    private func contents(_ file: String) -> [UInt8]? {
        FileManager.default.contents(atPath: file).map { [UInt8]($0) }
    }

    private func partialFiles(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tei-fetch-partial") }
    }

    func testAURLIsDownloadedByteIdenticalIntoAFolderItMakes() throws {
        let bytes = FetchServer.bytes(250_000, seed: 1)
        let server = try FetchServer(files: ["release.zip": bytes])
        let folder = path("data/releases")
        let result = try fetch([server.url("release.zip"), "--to", folder])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(contents(folder + "/release.zip"), bytes)
        XCTAssertEqual(try partialFiles(in: folder), [])
        let digest = Self.sha256(bytes)
        XCTAssertTrue(result.standardOutput.contains("release.zip  250000  downloaded  \(digest)"), result.standardOutput)
        XCTAssertTrue(result.standardError.contains("fetched release.zip (250000 bytes)"), result.standardError)
        let record = try String(contentsOfFile: folder + "/FETCHED.md", encoding: .utf8)
        XCTAssertTrue(record.contains("| release.zip | 250000 | \(digest) | \(server.url("release.zip")) |"), record)
    }

    func testADroppedConnectionIsResumedToAByteIdenticalFile() throws {
        let bytes = FetchServer.bytes(300_000, seed: 2)
        let server = try FetchServer(files: ["tweets.zip": bytes], rules: ["/tweets.zip": ["drop_after": 100_000]])
        let manifest = try writeManifest(["# one release", Self.line(server, "tweets.zip", bytes)])
        let result = try fetch([manifest, "--to", path("out")])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(contents(path("out/tweets.zip")), bytes)
        XCTAssertTrue(result.standardError.contains("the connection to 127.0.0.1 was dropped after 100000 bytes"), result.standardError)
        XCTAssertTrue(result.standardError.contains("resuming tweets.zip at byte 100000"), result.standardError)
        XCTAssertTrue(result.standardOutput.contains("tweets.zip  300000  resumed"), result.standardOutput)
        XCTAssertEqual(try server.requests()["tweets.zip"], 2)
    }

    func testAPartialFileLeftByAnEarlierRunIsResumed() throws {
        let bytes = FetchServer.bytes(200_000, seed: 3)
        let server = try FetchServer(files: ["users.zip": bytes])
        try FileManager.default.createDirectory(atPath: path("out"), withIntermediateDirectories: true)
        try Data(bytes[..<70_000]).write(to: URL(fileURLWithPath: path("out/.users.zip.tei-fetch-partial")))
        let manifest = try writeManifest([Self.line(server, "users.zip", bytes)])
        let result = try fetch([manifest, "--to", path("out")])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(contents(path("out/users.zip")), bytes)
        XCTAssertTrue(result.standardError.contains("resuming users.zip at byte 70000"), result.standardError)
        XCTAssertEqual(try partialFiles(in: path("out")), [])
    }

    func testAServerIgnoringRangesHasTheFileDownloadedAgainWhole() throws {
        let bytes = FetchServer.bytes(90_000, seed: 12)
        let server = try FetchServer(files: ["whole.zip": bytes], rules: ["/whole.zip": ["ignore_range": 1]])
        try FileManager.default.createDirectory(atPath: path("out"), withIntermediateDirectories: true)
        try Data(bytes[..<30_000]).write(to: URL(fileURLWithPath: path("out/.whole.zip.tei-fetch-partial")))
        let result = try fetch([try writeManifest([Self.line(server, "whole.zip", bytes)]), "--to", path("out")])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(contents(path("out/whole.zip")), bytes)
        XCTAssertEqual(try server.requests()["whole.zip"], 1)
    }

    func testA503IsRetriedUntilTheDownloadSucceeds() throws {
        let bytes = FetchServer.bytes(50_000, seed: 4)
        let server = try FetchServer(files: ["part1.zip": bytes], rules: ["/part1.zip": ["status": 503, "times": 2]])
        let result = try fetch([server.url("part1.zip"), "--to", path("out")])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(contents(path("out/part1.zip")), bytes)
        XCTAssertTrue(result.standardError.contains("retrying part1.zip in 0.2 s: the server answered HTTP 503 (service unavailable)"),
                      result.standardError)
        XCTAssertEqual(try server.requests()["part1.zip"], 3)
    }

    func testAWrongDigestIsAnErrorAndLeavesNoFile() throws {
        let bytes = FetchServer.bytes(40_000, seed: 5)
        let server = try FetchServer(files: ["bad.zip": bytes])
        let wrong = String(repeating: "ab", count: 32)
        let manifest = try writeManifest(["\(server.url("bad.zip")) 40000 \(wrong)"])
        let result = try fetch([manifest, "--to", path("out")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains(
            "error: \(server.url("bad.zip")): the SHA-256 of the download is \(Self.sha256(bytes)), \(manifest):1 says \(wrong)"),
            result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: "), result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out/bad.zip")))
        XCTAssertEqual(try partialFiles(in: path("out")), [])
        XCTAssertTrue(result.standardOutput.contains("bad.zip") && result.standardOutput.contains("failed"), result.standardOutput)
    }

    func testARerunTransfersNothing() throws {
        let first = FetchServer.bytes(120_000, seed: 6)
        let second = FetchServer.bytes(80_000, seed: 7)
        let third = FetchServer.bytes(10_000, seed: 8)
        let server = try FetchServer(files: ["a.zip": first, "b.zip": second, "c.zip": third])
        let manifest = try writeManifest([Self.line(server, "a.zip", first), Self.line(server, "b.zip", second)])
        let arguments = [manifest, server.url("c.zip"), "--to", path("out")]
        XCTAssertEqual(try fetch(arguments).status, 0)
        let before = try server.requests()
        XCTAssertEqual(before, ["a.zip": 1, "b.zip": 1, "c.zip": 1])
        let rerun = try fetch(arguments)
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertEqual(try server.requests(), before)
        for (name, bytes) in [("a.zip", first), ("b.zip", second), ("c.zip", third)] {
            XCTAssertTrue(rerun.standardOutput.contains("\(name)  \(String(bytes.count).leftPad(6))  present  \(Self.sha256(bytes))"),
                          rerun.standardOutput)
        }
    }

    func testAChangedFileIsDownloadedAgain() throws {
        let bytes = FetchServer.bytes(30_000, seed: 9)
        let server = try FetchServer(files: ["d.zip": bytes])
        try FileManager.default.createDirectory(atPath: path("out"), withIntermediateDirectories: true)
        try Data(FetchServer.bytes(30_000, seed: 10)).write(to: URL(fileURLWithPath: path("out/d.zip")))
        let manifest = try writeManifest([Self.line(server, "d.zip", bytes)])
        let result = try fetch([manifest, "--to", path("out")])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(contents(path("out/d.zip")), bytes)
        XCTAssertEqual(try server.requests()["d.zip"], 1)
    }

    func testTwoJobsFetchSeveralFiles() throws {
        let files = Dictionary(uniqueKeysWithValues: (1...5).map { ("part\($0).zip", FetchServer.bytes(60_000 + $0 * 1_000, seed: UInt32(20 + $0))) })
        let server = try FetchServer(files: files, rules: ["/part3.zip": ["drop_after": 20_000]])
        let manifest = try writeManifest(files.keys.sorted().map { Self.line(server, $0, files[$0]!) })
        let result = try fetch([manifest, "--to", path("out"), "--jobs", "2"])
        XCTAssertEqual(result.status, 0, result.standardError)
        for (name, bytes) in files {
            XCTAssertEqual(contents(path("out/\(name)")), bytes, name)
        }
        XCTAssertTrue(result.standardOutput.contains("5 rows"), result.standardOutput)
        let record = try String(contentsOfFile: path("out/FETCHED.md"), encoding: .utf8)
        for name in files.keys { XCTAssertTrue(record.contains("| \(name) "), record) }
    }

    func testOnlyFetchesTheFilesWhoseNameMatches() throws {
        let files = ["a_tweets_csv_hashed.zip": FetchServer.bytes(10_000, seed: 40), "a_users_csv_hashed.zip": FetchServer.bytes(9_000, seed: 41),
                     "b_tweets_csv_hashed.zip": FetchServer.bytes(8_000, seed: 42)]
        let server = try FetchServer(files: files)
        let manifest = try writeManifest(files.keys.sorted().map { Self.line(server, $0, files[$0]!) })
        let result = try fetch([manifest, "--to", path("out"), "--only", "*_tweets_*"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(contents(path("out/a_tweets_csv_hashed.zip")), files["a_tweets_csv_hashed.zip"])
        XCTAssertEqual(contents(path("out/b_tweets_csv_hashed.zip")), files["b_tweets_csv_hashed.zip"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out/a_users_csv_hashed.zip")))
        XCTAssertNil(try server.requests()["a_users_csv_hashed.zip"])
        // A pattern matching nothing is an error, not an empty success.
        let none = try fetch([manifest, "--to", path("none"), "--only", "*_tweet.zip"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.standardError.contains("error: --only *_tweet.zip: no file of the sources has a matching name"), none.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("none")))
    }

    func testFetchedMDKeepsTheFilesOfEarlierRuns() throws {
        let first = FetchServer.bytes(20_000, seed: 30)
        let second = FetchServer.bytes(25_000, seed: 31)
        let server = try FetchServer(files: ["first.zip": first, "second.zip": second])
        XCTAssertEqual(try fetch([server.url("first.zip"), "--to", path("out")]).status, 0)
        XCTAssertEqual(try fetch([server.url("second.zip"), "--to", path("out")]).status, 0)
        let record = try String(contentsOfFile: path("out/FETCHED.md"), encoding: .utf8)
        XCTAssertTrue(record.contains("| first.zip  | 20000 | \(Self.sha256(first)) | \(server.url("first.zip"))  |"), record)
        XCTAssertTrue(record.contains("| second.zip | 25000 | \(Self.sha256(second)) | \(server.url("second.zip")) |"), record)
        // A file changed since it was fetched is no longer listed with a digest it no longer has.
        try Data(FetchServer.bytes(100, seed: 32)).write(to: URL(fileURLWithPath: path("out/first.zip")))
        XCTAssertEqual(try fetch([server.url("second.zip"), "--to", path("out")]).status, 0)
        let rewritten = try String(contentsOfFile: path("out/FETCHED.md"), encoding: .utf8)
        XCTAssertFalse(rewritten.contains("first.zip"), rewritten)
        XCTAssertTrue(rewritten.contains("| second.zip |"), rewritten)
    }

    func testA404IsAnErrorNamingTheURL() throws {
        let server = try FetchServer(files: [:])
        let result = try fetch([server.url("missing.zip"), "--to", path("out")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("error: \(server.url("missing.zip")): the server answered HTTP 404 (not found)\nhint: "),
                      result.standardError)
        XCTAssertEqual(try server.requests()["missing.zip"], 1, "a 404 is not retried")
    }

    func testBadSourcesAreErrorsBeforeAnyDownload() throws {
        let cases: [(arguments: [String], message: String)] = [
            (["http://", "--to", path("out")], "error: http://: `http://` is not a URL\nhint: "),
            (["ftp://host/a.zip", "--to", path("out")], "error: ftp://host/a.zip: tei fetch cannot download `ftp://` addresses\nhint: "),
            ([path("nowhere.txt"), "--to", path("out")], "error: \(path("nowhere.txt")): no such URL or manifest file\nhint: "),
            (["http://127.0.0.1:9/a%2F..%2F..%2Fevil", "--to", path("out")], "does not end in a file name\nhint: "),
            (["http://127.0.0.1:9/releases/", "--to", path("out")], "does not end in a file name\nhint: "),
        ]
        for (arguments, message) in cases {
            let result = try fetch(arguments)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            XCTAssertTrue(result.standardError.contains(message), result.standardError)
        }
        let manifest = try writeManifest(["# releases", "http://127.0.0.1:9/a.zip 12", "http://127.0.0.1:9/b.zip lots"])
        let result = try fetch([manifest, "--to", path("out")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("error: \(manifest):3: expected a size in bytes, found `lots`\nhint: a manifest line is"),
                      result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out")), "nothing is made before the sources are read")
    }

    func testAFolderThatCannotBeWrittenIsAnError() throws {
        try "a file\n".write(toFile: path("file.txt"), atomically: true, encoding: .utf8)
        let notAFolder = try fetch(["http://127.0.0.1:9/a.zip", "--to", path("file.txt")])
        XCTAssertEqual(notAFolder.status, 1)
        XCTAssertTrue(notAFolder.standardError.contains("error: \(path("file.txt")): it is not a folder"), notAFolder.standardError)
        let under = try fetch(["http://127.0.0.1:9/a.zip", "--to", path("file.txt/sub")])
        XCTAssertEqual(under.status, 1)
        XCTAssertTrue(under.standardError.contains("cannot make the folder: a part of the path is a file, not a folder"), under.standardError)
        XCTAssertEqual(try String(contentsOfFile: path("file.txt"), encoding: .utf8), "a file\n")
    }

    func testAFullDiskIsAnErrorAndTheNextRunResumes() throws {
        let bytes = FetchServer.bytes(300_000, seed: 11)
        let server = try FetchServer(files: ["big.zip": bytes])
        let manifest = try writeManifest([Self.line(server, "big.zip", bytes)])
        // `ulimit -f 64`: files may grow to 64 KiB, so writing the download fails with EFBIG.
        let limited = try SafeWriteTests.runLimited(fileSizeBlocks: 64, arguments: ["fetch", manifest, "--to", path("out")])
        XCTAssertEqual(limited.status, 1)
        XCTAssertTrue(limited.standardError.contains(
            "error: \(server.url("big.zip")): cannot write \(path("out"))/big.zip: the file would be larger than the system allows"),
            limited.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out/big.zip")))
        let rerun = try fetch([manifest, "--to", path("out")])
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertTrue(rerun.standardError.contains("resuming big.zip at byte 65536"), rerun.standardError)
        XCTAssertEqual(contents(path("out/big.zip")), bytes)
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
