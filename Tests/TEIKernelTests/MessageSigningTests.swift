import Foundation
import XCTest
@testable import TEIKernel

/// HMAC-SHA256 against RFC 4231's test vectors, and the wire format's signing and checks.
final class MessageSigningTests: XCTestCase {
    func testHMACMatchesRFC4231() {
        func hex(_ text: String) -> [UInt8] {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                bytes.append(UInt8(text[index..<next], radix: 16)!)
                index = next
            }
            return bytes
        }
        // Test cases 1, 2 and 6 (a key longer than a block, hashed first).
        XCTAssertEqual(HMACSHA256.hex(key: [UInt8](repeating: 0x0b, count: 20), message: [Array("Hi There".utf8)]),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        XCTAssertEqual(HMACSHA256.hex(key: Array("Jefe".utf8), message: [Array("what do ya want ".utf8), Array("for nothing?".utf8)]),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        XCTAssertEqual(HMACSHA256.hex(key: [UInt8](repeating: 0xaa, count: 131),
                                      message: [Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)]),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        XCTAssertEqual(hex("0b0c"), [0x0b, 0x0c])
    }

    func testASignedMessageDecodesBackAndATamperedOneIsRefused() throws {
        let codec = MessageCodec(key: "secret")
        var message = KernelMessage(type: "execute_request", content: ["code": "t | take 3"], parent: nil, session: "s")
        message.identities = [Array("client".utf8)]
        let frames = codec.encode(message)
        let decoded = try codec.decode(frames)
        XCTAssertEqual(decoded.type, "execute_request")
        XCTAssertEqual(decoded.identities, [Array("client".utf8)])
        XCTAssertEqual(decoded.content["code"] as? String, "t | take 3")

        var tampered = frames
        tampered[tampered.count - 1] = Array(#"{"code": "t | take 4"}"#.utf8)
        XCTAssertThrowsError(try codec.decode(tampered)) { XCTAssertEqual("\($0)", "wrong signature") }
        XCTAssertThrowsError(try MessageCodec(key: "other").decode(frames)) { XCTAssertEqual("\($0)", "wrong signature") }
        // Without a key, messages are not signed and the signature frame is not read.
        XCTAssertNoThrow(try MessageCodec(key: "").decode(frames))
    }

    func testFramesThatAreNotAMessageSayWhy() {
        let codec = MessageCodec(key: "")
        XCTAssertThrowsError(try codec.decode([Array("x".utf8)])) { XCTAssertTrue("\($0)".contains("no <IDS|MSG> delimiter")) }
        XCTAssertThrowsError(try codec.decode([KernelMessage.delimiter, [], Array("{}".utf8)])) {
            XCTAssertTrue("\($0)".contains("expected at least 5"))
        }
        let notJSON = [KernelMessage.delimiter, [], Array("[1]".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]
        XCTAssertThrowsError(try codec.decode(notJSON)) { XCTAssertEqual("\($0)", "the header is not a JSON object") }
        let noType = [KernelMessage.delimiter, [], Array(#"{"msg_id": "1"}"#.utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]
        XCTAssertThrowsError(try codec.decode(noType)) { XCTAssertEqual("\($0)", "the header has no msg_type or msg_id") }
    }

    func testHistorySearchMatchesShellPatterns() {
        XCTAssertTrue(ExecutionHistory.glob("*take 3*", matches: "t | take 3 | select a"))
        XCTAssertTrue(ExecutionHistory.glob("t?", matches: "tx"))
        XCTAssertFalse(ExecutionHistory.glob("t?", matches: "t"))
        XCTAssertFalse(ExecutionHistory.glob("*take 4*", matches: "t | take 3"))
        var history = ExecutionHistory()
        history.add("a", output: nil)
        history.add("b", output: "1 row")
        history.add("a", output: nil)
        XCTAssertEqual(history.entries(for: ["hist_access_type": "search", "pattern": "a", "unique": true]).map { $0[1] as? Int }, [3])
        XCTAssertEqual(history.entries(for: ["hist_access_type": "range", "session": 0, "start": 2, "stop": 3]).map { $0[2] as? String }, ["b"])
        let withOutput = history.entries(for: ["hist_access_type": "tail", "n": 2, "output": true])
        XCTAssertEqual((withOutput[0][2] as? [Any])?.last as? String, "1 row")
    }
}
