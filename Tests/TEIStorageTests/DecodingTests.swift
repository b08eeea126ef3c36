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

    /// A real SQLite returns for a whole-number column keeps its value when no 64-bit integer
    /// equals it (it used to trap).
    func testRealsInWholeNumberColumnsNeverTrap() {
        XCTAssertEqual(Value(.real(42.9), as: .int), .int(42))
        XCTAssertEqual(Value(.real(9.3e18), as: .int), .float(9.3e18))
        XCTAssertEqual(Value(.real(-1e300), as: .duration), .float(-1e300))
        XCTAssertEqual(Value(.real(.infinity), as: .timestamp), .float(.infinity))
        guard case .float(let nan) = Value(.real(.nan), as: .date) else { return XCTFail("NaN as a date") }
        XCTAssertTrue(nan.isNaN)
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

    /// The FIPS 180-2 appendix B vectors, on the automatic engine and on the portable one, so
    /// both compression functions are checked against known answers and not only each other.
    func testSHA256FIPSVectors() throws {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ]
        let engines: [(String, SHA256)] = [("automatic", SHA256()), ("portable", try XCTUnwrap(SHA256(forcing: .portable)))]
        for (name, fresh) in engines {
            for (message, expected) in vectors {
                var digest = fresh
                digest.update(Array(message.utf8))
                XCTAssertEqual(digest.finalizeHex(), expected, "\(name): \(message)")
            }
            // One million 'a' in pieces of 1, 3, 7, ... 127 bytes, so updates straddle block
            // boundaries at every offset.
            let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
            var digest = fresh
            var offset = 0, size = 1
            while offset < million.count {
                let end = min(offset + size, million.count)
                million[offset..<end].withUnsafeBytes { digest.update($0) }
                offset = end
                size = size >= 127 ? 1 : size + 2
            }
            XCTAssertEqual(digest.finalizeHex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                           "\(name): one million a")
        }
    }

    /// The SHA-extension path against the portable path on random data of every length up to a few
    /// blocks and some large ones, whole and split at a random point.
    func testSHA256HardwareMatchesPortable() throws {
        guard SHA256.hardwareAvailable else {
            XCTAssertNil(SHA256(forcing: .hardware))
            throw XCTSkip("this CPU has no SHA extensions")
        }
        var generator = SystemRandomNumberGenerator()
        let lengths = Array(0...300) + [511, 512, 513, 4095, 4096, 65_537, 1_000_003]
        for length in lengths {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let split = Int.random(in: 0...length, using: &generator)
            func digest(_ engine: SHA256.Engine) throws -> String {
                var digest = try XCTUnwrap(SHA256(forcing: engine))
                data.withUnsafeBytes { bytes in
                    digest.update(UnsafeRawBufferPointer(rebasing: bytes[..<split]))
                    digest.update(UnsafeRawBufferPointer(rebasing: bytes[split...]))
                }
                return digest.finalizeHex()
            }
            XCTAssertEqual(try digest(.hardware), try digest(.portable), "length \(length), split at \(split)")
        }
    }
}
