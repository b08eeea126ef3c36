@testable import TEIStorage
import XCTest

/// The importer's dictionary encoding: one id per distinct value while it fits its byte limit,
/// and a flag once it has started over, since later repeats then get new ids and grouping by id
/// would split a value's group (see `DictionaryLayout`).
final class ByteDictionaryTests: XCTestCase {
    private func id(_ text: String, in dictionary: inout ByteDictionary) -> (id: Int64, isNew: Bool) {
        Array(text.utf8).withUnsafeBufferPointer { dictionary.id(for: $0) }
    }

    func testEqualValuesShareAnIdWhileTheDictionaryFits() {
        var dictionary = ByteDictionary(byteLimit: 1024)
        let values = ["ru", "en", "ru", "und", "en", "ru"]
        let ids = values.map { id($0, in: &dictionary) }
        XCTAssertEqual(ids.map(\.id), [1, 2, 1, 3, 2, 1])
        XCTAssertEqual(ids.map(\.isNew), [true, true, false, true, false, false])
        XCTAssertTrue(dictionary.isExact)
    }

    func testStartingOverIsReported() {
        var dictionary = ByteDictionary(byteLimit: 16)
        XCTAssertEqual(id("aaaaaaaaaa", in: &dictionary).id, 1)
        XCTAssertEqual(id("bbbbbbbbbb", in: &dictionary).id, 2, "past the limit: a new id, and the old keys are forgotten")
        XCTAssertFalse(dictionary.isExact)
        XCTAssertEqual(id("aaaaaaaaaa", in: &dictionary).id, 3, "a repeat after starting over gets a new id")
    }
}
