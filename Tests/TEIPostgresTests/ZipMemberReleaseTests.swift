import Foundation
import TEIPostgres
import TEIPostgresStore
import TEIStorage
import TEITestSupport
import XCTest

/// A load of one member of a zip is a release of its own on the server: the zip's SHA-256 alone
/// would make every member the same release.
final class ZipMemberReleaseTests: XCTestCase {
    private var workspace: StoreWorkspace!

    override func setUpWithError() throws {
        workspace = try StoreWorkspace()
    }

    override func tearDown() {
        workspace = nil
    }

    func testEachMemberOfAZipIsItsOwnRelease() throws {
        let zip = workspace.file("freedonia_201901_1.zip")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(at: root.appendingPathComponent("Fixtures/freedonia_201901_1.zip"), to: zip)
        let teacher = try workspace.store()
        let tweets = try teacher.load(path: zip.path + "/freedonia_201901_1_tweets_csv_hashed.csv")
        let users = try teacher.load(path: zip.path + "/freedonia_201901_1_users_csv_hashed.csv")
        XCTAssertEqual([tweets.kind, users.kind], [.teiTweets, .teiUsers])
        XCTAssertTrue(tweets.imported && users.imported)
        XCTAssertNotEqual(PostgresStore.releaseSchema(of: tweets), PostgresStore.releaseSchema(of: users))

        // A student without the zip finds a member by its name, and gets that member.
        let student = try workspace.store()
        let byName = try student.load(path: "/elsewhere/freedonia_201901_1.zip/freedonia_201901_1_users_csv_hashed.csv")
        XCTAssertEqual(byName.kind, .teiUsers)
        XCTAssertEqual(PostgresStore.releaseSchema(of: byName), PostgresStore.releaseSchema(of: users))
        // The same member from the same zip is found by its digest.
        let again = try student.load(path: zip.path + "/freedonia_201901_1_users_csv_hashed.csv")
        XCTAssertFalse(again.imported)
        XCTAssertEqual(PostgresStore.releaseSchema(of: again), PostgresStore.releaseSchema(of: users))
    }
}
