import Foundation

/// What a Jupyter front end writes in the connection file it starts a kernel with: where each
/// channel listens and how messages are signed.
public struct ConnectionInfo: Equatable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var controlPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var heartbeatPort: Int
    /// The HMAC key; empty means messages are not signed.
    public var key: String
    public var signatureScheme: String

    /// Reads a connection file; the error says which field is missing or wrong.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw KernelError.connectionFile("cannot read \(url.path)")
        }
        guard let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw KernelError.connectionFile("\(url.path) is not a JSON object")
        }
        func port(_ name: String) throws -> Int {
            guard let value = fields[name] as? Int, (0...65535).contains(value) else {
                throw KernelError.connectionFile("\(url.path) needs '\(name)', a port number")
            }
            return value
        }
        transport = fields["transport"] as? String ?? "tcp"
        ip = fields["ip"] as? String ?? "127.0.0.1"
        shellPort = try port("shell_port")
        controlPort = try port("control_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        heartbeatPort = try port("hb_port")
        key = fields["key"] as? String ?? ""
        signatureScheme = fields["signature_scheme"] as? String ?? "hmac-sha256"
        guard transport == "tcp" || transport == "ipc" else {
            throw KernelError.connectionFile("transport '\(transport)' is not supported (tcp or ipc)")
        }
        guard key.isEmpty || signatureScheme == "hmac-sha256" else {
            throw KernelError.connectionFile("signature scheme '\(signatureScheme)' is not supported (hmac-sha256)")
        }
    }

    /// The ZeroMQ endpoint of a channel's port.
    public func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}

/// Why the kernel cannot start or go on; `description` is what the user reads.
public enum KernelError: Error, CustomStringConvertible {
    case connectionFile(String)
    case socket(String)
    case install(String)

    public var description: String {
        switch self {
        case .connectionFile(let message): return "connection file: \(message)"
        case .socket(let message): return message
        case .install(let message): return message
        }
    }
}
