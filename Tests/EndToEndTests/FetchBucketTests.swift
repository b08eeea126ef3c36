import Foundation
import XCTest

/// `tei fetch gs://BUCKET/PREFIX` against the local server's bucket listing, which follows the shape
/// of Cloud Storage's JSON API: paging, the mapping to download addresses, and the listing's MD5 and
/// CRC32C checked against the downloads.
final class FetchBucketTests: XCTestCase {
    private var workspace: FetchWorkspace!

    override func setUpWithError() throws {
        workspace = try FetchWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    private func mirror(_ server: FetchServer) -> [String] {
        ["--listing-url", server.address, "--download-url", server.address + "/"]
    }

    func testABucketPrefixIsListedPageByPageAndEachObjectDownloaded() throws {
        let files = ["releases/2019/a-tweets.zip": FetchServer.bytes(2_500_001, seed: 50),
                     "releases/2019/a-users.zip": FetchServer.bytes(40_000, seed: 51),
                     "releases/2019/notes.txt": FetchServer.bytes(100, seed: 52),
                     "releases/2020/b tweets.zip": FetchServer.bytes(30_000, seed: 53),
                     "other/c.zip": FetchServer.bytes(10, seed: 54)]
        let server = try FetchServer(files: files.reduce(into: [:]) { $0["archive/" + $1.key] = $1.value },
                                     rules: ["listing": ["page_size": 2]])
        let result = try workspace.fetch(["gs://archive/releases/", "--to", workspace.path("out")] + mirror(server))
        XCTAssertEqual(result.status, 0, result.standardError)
        for (name, bytes) in files where name.hasPrefix("releases/") {
            XCTAssertEqual(workspace.contents("out/" + (name as NSString).lastPathComponent), bytes, name)
        }
        XCTAssertFalse(workspace.exists("out/c.zip"), "an object outside the prefix is not fetched")
        let requests = try server.requests()
        XCTAssertEqual(requests["storage/v1/b/archive/o"], 2, "four objects, two a page")
        XCTAssertEqual(requests["archive/releases/2020/b tweets.zip"], 1)
        XCTAssertTrue(result.standardOutput.contains("4 rows"), result.standardOutput)
        let record = try String(contentsOfFile: workspace.path("out/FETCHED.md"), encoding: .utf8)
        let row = try XCTUnwrap(record.split(separator: "\n").first { $0.hasPrefix("| a-tweets.zip ") }, record)
        XCTAssertTrue(row.contains("| \(FetchWorkspace.sha256(files["releases/2019/a-tweets.zip"]!)) | \(server.address)/archive/releases/2019/a-tweets.zip"),
                      String(row))
        XCTAssertTrue(record.contains("\(server.address)/archive/releases/2020/b%20tweets.zip"), record)
    }

    func testTheEnvironmentPointsGsSourcesAtAMirror() throws {
        let bytes = FetchServer.bytes(5_000, seed: 55)
        let server = try FetchServer(files: ["mirror-bucket/x/one.zip": bytes])
        let result = try workspace.fetch(["gs://mirror-bucket/x", "--to", workspace.path("out")],
                                         environment: ["TEI_FETCH_LISTING_URL": server.address, "TEI_FETCH_DOWNLOAD_URL": server.address])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(workspace.contents("out/one.zip"), bytes)
        // The addresses are checked only for a gs:// source: a stray variable stops no other download.
        let plain = try workspace.fetch([server.url("mirror-bucket/x/one.zip"), "--to", workspace.path("plain")],
                                        environment: ["TEI_FETCH_LISTING_URL": "nonsense"])
        XCTAssertEqual(plain.status, 0, plain.standardError)
        let listed = try workspace.fetch(["gs://mirror-bucket/x", "--to", workspace.path("listed")], environment: ["TEI_FETCH_LISTING_URL": "nonsense"])
        XCTAssertEqual(listed.status, 1)
        XCTAssertTrue(listed.standardError.contains("error: TEI_FETCH_LISTING_URL: `nonsense` is not an http:// or https:// address"),
                      listed.standardError)
    }

    func testTheListingsCRC32CIsCheckedWhenItGivesNoMD5() throws {
        let check = Array("123456789".utf8)
        let big = FetchServer.bytes(1_300_000, seed: 56)
        let server = try FetchServer(files: ["b/check.bin": check, "b/big.zip": big, "b/bad.zip": FetchServer.bytes(20_000, seed: 57)],
                                     rules: ["listing": ["composite": ["check.bin", "big.zip", "bad.zip"], "wrong_crc32c": ["bad.zip"]]])
        // The server's CRC32C (Python, written apart from tei's C) gives the standard check value
        // 0xE3069283 for "123456789": the comparison below checks tei against a known answer.
        let listing = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(string: server.url("storage/v1/b/b/o?prefix=check"))!))
        let item = try XCTUnwrap(((listing as? [String: Any])?["items"] as? [[String: Any]])?.first)
        XCTAssertEqual(item["crc32c"] as? String, "4waSgw==")
        XCTAssertNil(item["md5Hash"], "a composite object's listing has no MD5")

        let result = try workspace.fetch(["gs://b/", "--to", workspace.path("out")] + mirror(server))
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertEqual(workspace.contents("out/check.bin"), check)
        XCTAssertEqual(workspace.contents("out/big.zip"), big)
        let state = try String(contentsOfFile: workspace.path("out/.tei-fetch-state.json"), encoding: .utf8)
        XCTAssertTrue(state.contains("\"crc32c\" : \"e3069283\""), state)
        XCTAssertTrue(result.standardError.contains("error: \(server.address)/b/bad.zip: the CRC32C of the download is "), result.standardError)
        XCTAssertTrue(result.standardError.contains(", the listing of gs://b/bad.zip says "), result.standardError)
        XCTAssertTrue(result.standardError.contains("hint: the file on the server differs from the bucket listing; nothing was saved as bad.zip"),
                      result.standardError)
        XCTAssertFalse(workspace.exists("out/bad.zip"))
        XCTAssertEqual(try workspace.unfinished(in: "out"), [])
    }

    func testAWrongMD5IsAnErrorAndLeavesNoFile() throws {
        let bytes = FetchServer.bytes(300_000, seed: 58)
        let server = try FetchServer(files: ["b/good.zip": FetchServer.bytes(1_000, seed: 59), "b/bad.zip": bytes],
                                     rules: ["listing": ["wrong_md5": ["bad.zip"]]])
        let result = try workspace.fetch(["gs://b", "--to", workspace.path("out")] + mirror(server))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("error: \(server.address)/b/bad.zip: the MD5 of the download is "), result.standardError)
        XCTAssertFalse(workspace.exists("out/bad.zip"))
        XCTAssertTrue(workspace.exists("out/good.zip"), "one failure does not stop the others")
        XCTAssertTrue(result.standardOutput.contains("failed"), result.standardOutput)
    }

    func testListingFailuresAreClearErrorsAndA503IsRetried() throws {
        let server = try FetchServer(files: ["b/r/one.zip": FetchServer.bytes(100, seed: 60)],
                                     rules: ["/storage/v1/b/b/o": ["status": 503, "times": 1]])
        let retried = try workspace.fetch(["gs://b/r/", "--to", workspace.path("out")] + mirror(server))
        XCTAssertEqual(retried.status, 0, retried.standardError)
        XCTAssertTrue(retried.standardError.contains("retrying the listing of gs://b/r/ in 0.2 s: the server answered HTTP 503"),
                      retried.standardError)
        let cases: [(source: String, message: String)] = [
            ("gs://nobucket/r/", "error: gs://nobucket/r/: the listing answered HTTP 404 (not found): there is no such bucket\nhint: "),
            ("gs://b/none-", "error: gs://b/none-: the bucket b has no object whose name starts with `none-`\nhint: "),
            ("gs://Bad_Bucket!/x", "error: gs://Bad_Bucket!/x: `Bad_Bucket!` is not a bucket name\nhint: "),
        ]
        for (source, message) in cases {
            let result = try workspace.fetch([source, "--to", workspace.path("none")] + mirror(server))
            XCTAssertEqual(result.status, 1, source)
            XCTAssertTrue(result.standardError.contains(message), result.standardError)
        }
        let notAListing = try workspace.fetch(["gs://b/r/", "--to", workspace.path("none"), "--listing-url", server.address + "/b/r/one.zip"])
        XCTAssertEqual(notAListing.status, 1)
        XCTAssertTrue(notAListing.standardError.contains("the listing answered HTTP 404") || notAListing.standardError.contains("is not a Cloud Storage JSON listing"),
                      notAListing.standardError)
        let badAddress = try workspace.fetch(["gs://b/r/", "--to", workspace.path("none"), "--listing-url", "ftp://mirror"])
        XCTAssertEqual(badAddress.status, 1)
        XCTAssertTrue(badAddress.standardError.contains("error: --listing-url: `ftp://mirror` is not an http:// or https:// address"),
                      badAddress.standardError)
        XCTAssertFalse(workspace.exists("none"), "nothing is made before the sources are listed")
    }
}
