@testable import TEIEngine
import TEILanguage
import XCTest

/// The transforms the parser reads by their grammar entry are the transforms a type checks.
final class TransformTableTests: XCTestCase {
    func testEveryGrammarEntryHasItsCheckingType() {
        for grammar in TransformGrammar.all {
            let checking = Transforms.named(grammar.name)?.checkedBy
            XCTAssertNotNil(checking, "\(grammar.name) has a grammar entry but no checking type in Transforms.all")
            XCTAssertEqual(checking?.declaration.name, grammar.name)
        }
    }

    func testEveryCheckingTypeHasItsGrammarEntry() {
        for transform in Transforms.all where transform.checkedBy != nil {
            XCTAssertNotNil(TransformGrammar.named(transform.name), "\(transform.name) is checked by a type but has no grammar entry")
        }
    }

    func testTransformNamesAreUnique() {
        let names = Transforms.all.map(\.name)
        XCTAssertEqual(names.count, Set(names).count)
    }
}
