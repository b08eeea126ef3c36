import Foundation

/// An error from a PostgreSQL server or from libpq, ready to show: it names the server by its
/// redacted URL and never holds the password (messages from libpq and the server are scrubbed of
/// it too, since tei does not control their text).
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// No connection could be made: server down, wrong password, no such database, timeout.
        case connection
        /// The connection broke while in use: the server stopped or the network went away.
        case connectionLost
        /// The server refused or failed a statement; the connection is still usable.
        case statement
        /// tei asked for something the connection cannot do (a value PostgreSQL cannot hold, a
        /// second statement while a result is still being read).
        case usage
    }

    public let kind: Kind
    /// The primary message, from the server or libpq.
    public let message: String
    /// The five-character SQLSTATE the server gave, if any (`57014`: canceled).
    public let sqlState: String?
    /// The server's detail line, if any.
    public let detail: String?
    /// What the user might do about it.
    public let hint: String?
    /// The server, as its redacted URL.
    public let server: String?
    /// The statement that failed, if any.
    public let sql: String?

    init(kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
         server: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.server = server
        self.sql = sql
    }

    /// Whether the statement stopped because `PostgresConnection.interrupt()` was called.
    public var isInterrupt: Bool { sqlState == "57014" }

    /// Whether a whole number went past 64 bits (SQLSTATE 22003, `numeric_value_out_of_range`):
    /// what `bigint` arithmetic and tei's functions on the server (`PostgresFunctions`) fail with
    /// where SQLite's say "integer overflow".
    public var isIntegerOverflow: Bool { sqlState == "22003" }

    public var description: String {
        let place = server.map { " at \($0)" } ?? ""
        switch kind {
        case .connection: return "cannot connect to PostgreSQL\(place): \(message)"
        case .connectionLost: return "lost the connection to PostgreSQL\(place): \(message)"
        case .statement: return message + (detail.map { " (\($0))" } ?? "") + (sql.map { " (in: \($0))" } ?? "")
        case .usage: return message
        }
    }

    /// Text with a NUL character cannot be sent.
    static let nulInText = PostgresError(
        kind: .usage, message: "PostgreSQL text cannot hold the NUL character (\\0), and this value has one")

    /// A statement was started while the rows of another were still being read.
    static func busy(sql: String) -> PostgresError {
        PostgresError(kind: .usage, message: "a statement was started while the rows of the previous one were still being read", sql: sql)
    }

    /// The failure of a connection attempt, from libpq's message. libpq writes one block per host
    /// tried: `connection to server on socket "…" failed: FATAL:  reason` with an indented hint
    /// line; the URL already names the server, so the reasons and hints are kept.
    static func connectionFailed(_ libpqMessage: String, url: PostgresURL) -> PostgresError {
        var reasons: [String] = [], hints: [String] = []
        for line in url.scrub(libpqMessage).split(separator: "\n") {
            if line.hasPrefix("\t") {
                hints.append(line.trimmingCharacters(in: .whitespaces))
                continue
            }
            var reason = Substring(line)
            if reason.hasPrefix("connection to server"), let failed = reason.range(of: " failed: ") {
                reason = reason[failed.upperBound...]
            }
            reasons.append(withoutSeverity(reason))
        }
        let message = unique(reasons).joined(separator: "; ")
        return PostgresError(kind: .connection, message: message.isEmpty ? "no reason given" : message,
                             hint: hints.isEmpty ? nil : unique(hints).joined(separator: " "), server: url.redacted)
    }

    /// `FATAL:  reason` → `reason`: the severity is libpq's framing, not part of the reason.
    static func withoutSeverity(_ text: Substring) -> String {
        var text = text
        for severity in ["FATAL:", "ERROR:", "PANIC:"] where text.hasPrefix(severity) {
            text = text.dropFirst(severity.count)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func unique(_ lines: [String]) -> [String] {
        var seen: Set<String> = []
        return lines.filter { seen.insert($0).inserted }
    }
}
