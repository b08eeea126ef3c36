import XCTest
@testable import TEIStorage

final class DecodingTests: XCTestCase {
    private func list(_ text: String) -> [String]? {
        var decoder = ListDecoder()
        let ok = Array(text.utf8).withUnsafeBufferPointer { decoder.decode($0) }
        guard ok else { return nil }
        let json = String(decoding: decoder.json, as: UTF8.self)
        let items = (0..<decoder.count).map { String(decoding: decoder.item($0), as: UTF8.self) }
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String], items, "JSON of \(text)")
        return items
    }

    func testListEncodingsOfBothEras() {
        XCTAssertEqual(list("[STOPNazi, USA]"), ["STOPNazi", "USA"])
        XCTAssertEqual(list("['SyrianArmy', 'Hama']"), ["SyrianArmy", "Hama"])
        XCTAssertEqual(list("[\"it's\", 'say \\'hi\\'', 'back\\\\slash']"), ["it's", "say 'hi'", "back\\slash"])
        XCTAssertEqual(list("['caf\\xe9', '\\u0436', 'tab\\there']"), ["café", "ж", "tab\there"])
        XCTAssertEqual(list("[1536791610, 0]"), ["1536791610", "0"])
        XCTAssertEqual(list("[http://a.com/x,y, http://b.org/?q=1,2]"), ["http://a.com/x,y", "http://b.org/?q=1,2"])
        XCTAssertEqual(list("['http://a.com/x,y', 'http://b.org']"), ["http://a.com/x,y", "http://b.org"])
        XCTAssertEqual(list("[]"), [])
        XCTAssertEqual(list(""), [])
        XCTAssertEqual(list("['سورية_النظر_من_الداخل']"), ["سورية_النظر_من_الداخل"])
        XCTAssertEqual(list("[\"quote\\\"d\"]"), ["quote\"d"])
        XCTAssertNil(list("not a list"))
        XCTAssertNil(list("['unclosed]"))
    }

    private func decode<T>(_ text: String, _ f: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(f)
    }

    func testScalarDecoders() {
        XCTAssertEqual(decode("877919995476496385") { FieldDecoding.integer($0) }, 877_919_995_476_496_385)
        XCTAssertEqual(decode("-42") { FieldDecoding.integer($0) }, -42)
        XCTAssertNil(decode("9223372036854775808") { FieldDecoding.integer($0) })
        XCTAssertNil(decode("12a") { FieldDecoding.integer($0) })
        XCTAssertNil(decode("007") { FieldDecoding.integer($0, allowLeadingZero: false) })
        XCTAssertEqual(decode("TRUE") { FieldDecoding.bool($0) }, 1)
        XCTAssertEqual(decode("False") { FieldDecoding.bool($0) }, 0)
        XCTAssertNil(decode("yes") { FieldDecoding.bool($0) })
        XCTAssertEqual(decode("2017-06-22 16:03") { FieldDecoding.timestamp($0) }, 1_498_147_380)
        XCTAssertEqual(decode("2017-06-22T16:03:07Z") { FieldDecoding.timestamp($0) }, 1_498_147_387)
        XCTAssertEqual(decode("2013-12-07") { FieldDecoding.date($0) }, 1_386_374_400)
        XCTAssertEqual(decode("1969-12-31") { FieldDecoding.date($0) }, -86_400)
        XCTAssertNil(decode("2019-02-29") { FieldDecoding.date($0) })
        XCTAssertEqual(decode("2020-02-29") { FieldDecoding.date($0) }, 1_582_934_400)
        XCTAssertNil(decode("2017-06-22 24:00") { FieldDecoding.timestamp($0) })
        XCTAssertEqual(decode("-2.5e1") { FieldDecoding.real($0) }, -25)
        XCTAssertNil(decode("nan") { FieldDecoding.real($0) })
    }

    func testTypeInference() {
        func infer(_ values: [String]) -> ValueType {
            var inference = TypeInference()
            for value in values { Array(value.utf8).withUnsafeBufferPointer { inference.observe($0) } }
            return inference.type
        }
        XCTAssertEqual(infer(["1", "", "-3"]), .int)
        XCTAssertEqual(infer(["1", "2.5"]), .float)
        XCTAssertEqual(infer(["007", "12"]), .text)
        XCTAssertEqual(infer(["true", "FALSE"]), .bool)
        XCTAssertEqual(infer(["2019-01-02", ""]), .date)
        XCTAssertEqual(infer(["2019-01-02 10:00", "2019-01-03 11:30:05"]), .timestamp)
        XCTAssertEqual(infer(["2019-01-02", "2019-01-03 11:30"]), .text)
        XCTAssertEqual(infer(["", ""]), .text)
        XCTAssertEqual(infer(["1", "abc"]), .text)
    }

    func testSHA256() {
        func hex(_ text: String) -> String {
            var digest = SHA256()
            digest.update(Array(text.utf8))
            return digest.finalizeHex()
        }
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex(String(repeating: "a", count: 1000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        var chunked = SHA256()
        for piece in ["ab", "c"] { chunked.update(Array(piece.utf8)) }
        XCTAssertEqual(chunked.finalizeHex(), hex("abc"))
    }
}
