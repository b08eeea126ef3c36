import Foundation
import XCTest

/// What a rerun of `tei fetch` transfers: nothing when nothing changed (counted in the server's
/// requests and bytes), a file again when the listing, the manifest or the server's ETag says it
/// changed, or when it was changed in the folder since it was fetched; the old file stays until
/// the new one is complete and verified.
final class FetchRerunTests: XCTestCase {
    private var workspace: FetchWorkspace!

    override func setUpWithError() throws {
        workspace = try FetchWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    func testARerunOfABucketTransfersNothingAndAChangedObjectIsDownloadedAgain() throws {
        let first = FetchServer.bytes(200_000, seed: 70), second = FetchServer.bytes(50_000, seed: 71)
        let server = try FetchServer(files: ["b/r/first.zip": first, "b/r/second.zip": second])
        let arguments = ["gs://b/r/", "--to", workspace.path("out"), "--listing-url", server.address, "--download-url", server.address]
        XCTAssertEqual(try workspace.fetch(arguments).status, 0)
        let sent = try server.bytesSent()
        XCTAssertEqual(sent, 250_000)

        let rerun = try workspace.fetch(arguments)
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertEqual(try server.bytesSent(), sent, "a rerun with nothing changed transfers no file byte")
        XCTAssertEqual(try server.requests()["b/r/first.zip"], 1)
        XCTAssertTrue(rerun.standardOutput.contains("first.zip   200000  present"), rerun.standardOutput)

        // The same size, other bytes: the listing's MD5 changes, so the object is fetched again.
        let changed = FetchServer.bytes(200_000, seed: 72)
        try server.write(changed, as: "b/r/first.zip")
        let third = try workspace.fetch(arguments)
        XCTAssertEqual(third.status, 0, third.standardError)
        XCTAssertEqual(workspace.contents("out/first.zip"), changed)
        XCTAssertTrue(third.standardOutput.contains("first.zip   200000  downloaded"), third.standardOutput)
        XCTAssertEqual(try server.requests()["b/r/second.zip"], 1, "the unchanged object is not fetched again")
        XCTAssertEqual(try server.bytesSent(), sent + 200_000)
    }

    func testARerunOfAnAddressComparesTheETagOfAHEADRequest() throws {
        let bytes = FetchServer.bytes(120_000, seed: 73)
        let server = try FetchServer(files: ["plain.zip": bytes])
        let arguments = [server.url("plain.zip"), "--to", workspace.path("out")]
        XCTAssertEqual(try workspace.fetch(arguments).status, 0)
        let rerun = try workspace.fetch(arguments)
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertEqual(try server.requests()["plain.zip"], 1, "only a HEAD request, no GET")
        XCTAssertEqual(try server.bytesSent(), 120_000)
        XCTAssertTrue(rerun.standardOutput.contains("present"), rerun.standardOutput)

        // A new version of the same size: another ETag and Last-Modified.
        Thread.sleep(forTimeInterval: 0.01)
        let changed = FetchServer.bytes(120_000, seed: 74)
        try server.write(changed, as: "plain.zip")
        let third = try workspace.fetch(arguments)
        XCTAssertEqual(third.status, 0, third.standardError)
        XCTAssertEqual(workspace.contents("out/plain.zip"), changed)
        XCTAssertEqual(try server.requests()["plain.zip"], 2)
    }

    func testAFileChangedInTheFolderSinceItWasFetchedIsFetchedAgain() throws {
        let bytes = FetchServer.bytes(60_000, seed: 75)
        let server = try FetchServer(files: ["edited.zip": bytes])
        let arguments = [server.url("edited.zip"), "--to", workspace.path("out")]
        XCTAssertEqual(try workspace.fetch(arguments).status, 0)
        // Same size, same server version: only the record's size and time show the edit.
        var edited = bytes
        edited[100] ^= 0xFF
        Thread.sleep(forTimeInterval: 0.01)
        try Data(edited).write(to: URL(fileURLWithPath: workspace.path("out/edited.zip")))
        let rerun = try workspace.fetch(arguments)
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertEqual(workspace.contents("out/edited.zip"), bytes)
        XCTAssertEqual(try server.requests()["edited.zip"], 2)

        // The same through a manifest giving the size alone: the recorded SHA-256 shows the edit.
        let manifest = workspace.path("files.txt")
        try "\(server.url("edited.zip")) \(bytes.count)\n".write(toFile: manifest, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.01)
        try Data(edited).write(to: URL(fileURLWithPath: workspace.path("out/edited.zip")))
        let sized = try workspace.fetch([manifest, "--to", workspace.path("out")])
        XCTAssertEqual(sized.status, 0, sized.standardError)
        XCTAssertEqual(workspace.contents("out/edited.zip"), bytes)
        XCTAssertEqual(try server.requests()["edited.zip"], 3)
    }

    func testAChangedFileKeepsTheOldOneUntilTheNewOneIsVerified() throws {
        let old = FetchServer.bytes(40_000, seed: 76)
        let server = try FetchServer(files: ["b/keep.zip": old])
        let arguments = ["gs://b/keep", "--to", workspace.path("out"), "--listing-url", server.address, "--download-url", server.address]
        XCTAssertEqual(try workspace.fetch(arguments).status, 0)
        // The object changes, and its download is cut short every time: the old file must stay.
        let rules: [String: [String: Any]] = ["/b/keep.zip": ["drop_after": 10_000, "times": 100]]
        let dropping = try FetchServer(files: ["b/keep.zip": FetchServer.bytes(90_000, seed: 77)], rules: rules)
        let result = try workspace.fetch(["gs://b/keep", "--to", workspace.path("out"), "--listing-url", dropping.address,
                                          "--download-url", dropping.address])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("gave up after 6 attempts"), result.standardError)
        XCTAssertEqual(workspace.contents("out/keep.zip"), old, "the old file is kept until a new one is complete")
        XCTAssertEqual(try workspace.unfinished(in: "out"), [".keep.zip.tei-fetch-partial"])
    }

    func testAPartialFileOfAVersionTheServerNoLongerHasIsNotResumed() throws {
        let old = FetchServer.bytes(600_000, seed: 78)
        // Every request is cut after 50 kB: after six attempts the partial file holds 300 kB of the old version.
        let server = try FetchServer(files: ["moving.zip": old], rules: ["/moving.zip": ["drop_after": 50_000, "times": 6]])
        let arguments = [server.url("moving.zip"), "--to", workspace.path("out")]
        let cut = try workspace.fetch(arguments)
        XCTAssertEqual(cut.status, 1, cut.standardError)
        XCTAssertEqual(workspace.contents("out/.moving.zip.tei-fetch-partial"), Array(old.prefix(300_000)))

        Thread.sleep(forTimeInterval: 0.01)
        let new = FetchServer.bytes(600_000, seed: 79)
        try server.write(new, as: "moving.zip")
        let rerun = try workspace.fetch(arguments)
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertEqual(workspace.contents("out/moving.zip"), new, "no old bytes are spliced into the new version")
        XCTAssertTrue(rerun.standardOutput.contains("moving.zip  600000  downloaded"), rerun.standardOutput)
    }
}
