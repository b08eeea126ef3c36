import Foundation

/// One message of the Jupyter messaging protocol: who it goes to (ZeroMQ identities), its header,
/// the header of the request it answers, metadata and content.
public struct KernelMessage {
    /// The protocol version the kernel speaks.
    public static let protocolVersion = "5.3"
    /// The frame between the routing identities and the signed parts.
    static let delimiter = Array("<IDS|MSG>".utf8)

    public var identities: [[UInt8]] = []
    public var header: [String: Any]
    public var parentHeader: [String: Any]
    public var metadata: [String: Any] = [:]
    public var content: [String: Any]
    /// Binary buffers after the content; the kernel receives them but sends none.
    public var buffers: [[UInt8]] = []

    public var type: String { header["msg_type"] as? String ?? "" }
    public var session: String { header["session"] as? String ?? "" }

    /// A new message of `type` from `session`, answering `parent` when there is one: it goes to the
    /// same identities and names the parent's header.
    public init(type: String, content: [String: Any], parent: KernelMessage?, session: String) {
        header = [
            "msg_id": UUID().uuidString.lowercased(),
            "session": session,
            "username": "tei",
            "date": Self.timestamp(),
            "msg_type": type,
            "version": Self.protocolVersion,
        ]
        parentHeader = parent?.header ?? [:]
        self.content = content
        identities = parent?.identities ?? []
    }

    init(identities: [[UInt8]], header: [String: Any], parentHeader: [String: Any], metadata: [String: Any],
         content: [String: Any], buffers: [[UInt8]]) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    private static let dateFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    private static let dateLock = NSLock()

    static func timestamp() -> String {
        dateLock.withLock { dateFormatter.string(from: Date()) }
    }
}

/// Turns messages into signed ZeroMQ frames and back, checking signatures on the way in.
public struct MessageCodec {
    private let key: [UInt8]

    public init(key: String) {
        self.key = Array(key.utf8)
    }

    /// The frames of `message`, signed.
    public func encode(_ message: KernelMessage) -> [[UInt8]] {
        let parts = [message.header, message.parentHeader, message.metadata, message.content].map(Self.json)
        return message.identities + [KernelMessage.delimiter, Array(signature(of: parts).utf8)] + parts
    }

    /// The message in `frames`; throws, saying what is wrong, for frames that are not a message
    /// or whose signature does not match.
    public func decode(_ frames: [[UInt8]]) throws -> KernelMessage {
        guard let delimiter = frames.firstIndex(of: KernelMessage.delimiter) else {
            throw MalformedMessage("no <IDS|MSG> delimiter among \(frames.count) frames")
        }
        let signed = Array(frames[(delimiter + 1)...])
        guard signed.count >= 5 else {
            throw MalformedMessage("\(signed.count) frames after the delimiter, expected at least 5")
        }
        let parts = Array(signed[1...4])
        if !key.isEmpty, !Self.constantTimeEqual(Array(signature(of: parts).utf8), signed[0]) {
            throw MalformedMessage("wrong signature")
        }
        let names = ["header", "parent_header", "metadata", "content"]
        var objects: [[String: Any]] = []
        for (name, part) in zip(names, parts) {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(part))) as? [String: Any] else {
                throw MalformedMessage("the \(name) is not a JSON object")
            }
            objects.append(object)
        }
        guard objects[0]["msg_type"] is String, objects[0]["msg_id"] is String else {
            throw MalformedMessage("the header has no msg_type or msg_id")
        }
        return KernelMessage(identities: Array(frames[..<delimiter]), header: objects[0], parentHeader: objects[1],
                             metadata: objects[2], content: objects[3], buffers: Array(signed.dropFirst(5)))
    }

    private func signature(of parts: [[UInt8]]) -> String {
        key.isEmpty ? "" : HMACSHA256.hex(key: key, message: parts)
    }

    /// Compares without stopping at the first difference, so timing tells an attacker nothing.
    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        // The kernel builds every part from strings, numbers, booleans and arrays, which always
        // serialize; should one not, the part goes out empty and the log says so.
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]) else {
            logLine("could not write a message part as JSON; sent it empty")
            return Array("{}".utf8)
        }
        return Array(data)
    }
}

/// Frames that are not a valid message; the kernel logs the reason and drops them.
public struct MalformedMessage: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
