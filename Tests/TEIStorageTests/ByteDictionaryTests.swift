@testable import TEIStorage
import XCTest

/// The importer's dictionary encoding: one id per distinct value, first come first numbered, in
/// memory while the values fit its limit and on disk past it, so grouping by the id always gives
/// the groups of the value (see `DictionaryLayout`).
final class ByteDictionaryTests: XCTestCase {
    private func id(_ text: String, in dictionary: inout ByteDictionary) throws -> (id: Int64, isNew: Bool) {
        try Array(text.utf8).withUnsafeBufferPointer { try dictionary.id(for: $0) }
    }

    func testEqualValuesShareAnId() throws {
        var dictionary = ByteDictionary(memoryLimit: 1 << 20, spillingTo: SpillDatabase())
        let values = ["ru", "en", "ru", "und", "en", "ru"]
        let ids = try values.map { try id($0, in: &dictionary) }
        XCTAssertEqual(ids.map(\.id), [1, 2, 1, 3, 2, 1])
        XCTAssertEqual(ids.map(\.isNew), [true, true, false, true, false, false])
        XCTAssertFalse(dictionary.hasSpilled)
    }

    /// A dictionary whose memory holds a few values gives every value the id one with room for all
    /// of them gives: the values met first stay in memory, the others continue on disk.
    func testPastItsMemoryTheDictionaryContinuesOnDiskWithTheSameIds() throws {
        var random = SystemRandomNumberGenerator()
        // Values of varied lengths (one empty-looking prefix of another, so lengths matter), repeated.
        let distinct = (0..<3000).map { "v\(String(repeating: "x", count: $0 % 50))\($0)" }
        let values = (0..<20000).map { _ in distinct[Int.random(in: 0..<distinct.count, using: &random)] } + distinct
        let spills = SpillDatabase()
        var roomy = ByteDictionary(memoryLimit: 64 << 20, spillingTo: spills)
        var small = ByteDictionary(memoryLimit: 4096, spillingTo: spills)
        var other = ByteDictionary(memoryLimit: 0, spillingTo: spills)
        for value in values {
            let expected = try id(value, in: &roomy)
            XCTAssertEqual(try id(value, in: &small).id, expected.id, value)
            let onDisk = try id(value, in: &other)
            XCTAssertEqual(onDisk.id, expected.id, value)
            XCTAssertEqual(onDisk.isNew, expected.isNew, value)
        }
        XCTAssertEqual(roomy.nextID, Int64(distinct.count) + 1)
        XCTAssertFalse(roomy.hasSpilled)
        XCTAssertTrue(small.hasSpilled, "4 KiB holds a few dozen of these values")
        XCTAssertTrue(other.hasSpilled)
    }

    /// The keys of whole account records hold NUL bytes (their field lengths): they are compared as
    /// bytes on disk as in memory.
    func testKeysWithNULBytesAreDistinctOnDisk() throws {
        var dictionary = ByteDictionary(memoryLimit: 0, spillingTo: SpillDatabase())
        let keys: [[UInt8]] = [[0, 0, 0, 1], [0, 0, 0, 2], [0, 0, 0, 1, 0], [0, 0, 0, 1]]
        let ids = try keys.map { key in try key.withUnsafeBufferPointer { try dictionary.id(for: $0) } }
        XCTAssertEqual(ids.map(\.id), [1, 2, 3, 1])
        XCTAssertEqual(ids.map(\.isNew), [true, true, true, false])
    }
}
