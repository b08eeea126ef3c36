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

    /// Keys of every length up to a few hundred bytes (their lengths take one byte or two in the
    /// arena), read back in id order.
    func testEveryKeyIsReadBackInIdOrder() throws {
        var dictionary = ByteDictionary(memoryLimit: 1 << 20, spillingTo: SpillDatabase())
        let keys = (0..<300).map { String(repeating: "k", count: $0) } + ["é", String(repeating: "é", count: 100)]
        for key in keys + keys.reversed() {
            _ = try id(key, in: &dictionary)
        }
        var read: [(Int64, String)] = []
        dictionary.forEachKey { read.append(($0, String(decoding: $1, as: UTF8.self))) }
        XCTAssertEqual(read.map(\.0), Array(1...Int64(keys.count)))
        XCTAssertEqual(read.map(\.1), keys)
    }

    /// A key's location finds its id for that key again, and for no other key; a key on disk has
    /// no location.
    func testALocationHoldsItsKeyOnly() throws {
        var dictionary = ByteDictionary(memoryLimit: 200, spillingTo: SpillDatabase())
        func entry(_ text: String) throws -> (id: Int64, isNew: Bool, location: ByteDictionary.Location?) {
            try Array(text.utf8).withUnsafeBufferPointer { try dictionary.entry(for: $0) }
        }
        func id(_ text: String, at location: ByteDictionary.Location) -> Int64? {
            Array(text.utf8).withUnsafeBufferPointer { dictionary.id(for: $0, at: location) }
        }
        let first = try entry("abcd"), second = try entry("abce")
        let (firstLocation, secondLocation) = (try XCTUnwrap(first.location), try XCTUnwrap(second.location))
        XCTAssertEqual([first.id, second.id], [1, 2])
        XCTAssertEqual(try entry("abcd").location, firstLocation)
        XCTAssertEqual(id("abcd", at: firstLocation), 1)
        XCTAssertEqual(id("abce", at: secondLocation), 2)
        for other in ["abce", "abc", "abcde", ""] {
            XCTAssertNil(id(other, at: firstLocation), other)
        }
        XCTAssertNil(id("abcd", at: .none))
        let long = try entry(String(repeating: "x", count: 300))
        XCTAssertEqual(long.id, 3)
        XCTAssertTrue(long.isNew)
        XCTAssertNil(long.location, "past the memory the key is on disk")
        XCTAssertTrue(dictionary.hasSpilled)
    }
}
