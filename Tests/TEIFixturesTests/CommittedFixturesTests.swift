import Foundation
import TEIFixtures
import XCTest

/// The files in `Fixtures/` must be exactly what the generator makes, so nobody edits them by hand.
final class CommittedFixturesTests: XCTestCase {
    private var fixturesFolder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    func testCommittedFixturesEqualAFreshGeneration() throws {
        for file in try GeneratedFixtures.files() {
            let url = fixturesFolder.appendingPathComponent(file.path)
            guard let committed = FileManager.default.contents(atPath: url.path) else {
                XCTFail("\(file.path) is missing from Fixtures/; run `swift run tei-fixtures --out Fixtures`")
                continue
            }
            if file.path.hasSuffix(".zip") && !file.path.hasSuffix("truncated.zip") {
                // Deflate output may differ between zlib builds; the contents must not.
                XCTAssertEqual(try ReleaseArchive.entries(of: committed), try ReleaseArchive.entries(of: file.data),
                               "\(file.path) holds different entries than a fresh generation")
            } else if file.path.hasSuffix("truncated.zip") {
                XCTAssertEqual(committed.count, file.data.count, "\(file.path) has a different length")
            } else {
                XCTAssertEqual(committed, file.data,
                               "\(file.path) differs from a fresh generation; regenerate instead of editing")
            }
        }
    }

    func testNoStrayFilesInFixtures() throws {
        let expected = Set(try GeneratedFixtures.files().map(\.path) + ["README.md"])
        let enumerator = FileManager.default.enumerator(at: fixturesFolder, includingPropertiesForKeys: [.isRegularFileKey])
        var found: Set<String> = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            found.insert(String(url.path.dropFirst(fixturesFolder.path.count + 1)))
        }
        XCTAssertEqual(found.subtracting(expected), [], "files in Fixtures/ that the generator does not make")
    }

    func testFixturesStaySmallEnoughToCommit() throws {
        let total = try GeneratedFixtures.files().reduce(0) { $0 + $1.data.count }
        // Three releases, the control group, the capstone and the malformed samples: about 4.4 MB.
        XCTAssertLessThan(total, 4_600_000)
    }
}
