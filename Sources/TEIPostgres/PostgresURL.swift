import Foundation

/// Where a PostgreSQL server is and how to sign in, from a URL in libpq's form:
/// `postgres://user:password@host:port/database?key=value&…` (or `postgresql://`). A Unix socket
/// folder is given as `?host=/path` (with the host part empty: `postgres://user@/db?host=/run/pg`).
///
/// tei parses the URL itself rather than handing it to libpq, so that the password is never in a
/// text libpq could quote back in a message, and so that every message can name the server by
/// `redacted`, which shows `***` for the password.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// One `host[:port]` of the URL's host list.
    public struct Host: Sendable, Equatable {
        public var name: String
        public var port: String?
    }

    /// One `key=value` of the URL's query: a libpq connection keyword.
    public struct Parameter: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// `postgres` or `postgresql`, as written.
    public var scheme: String
    public var user: String?
    public var password: String?
    /// The hosts to try in order; empty means libpq's default (the local socket).
    public var hosts: [Host]
    public var database: String?
    /// The query parameters (libpq connection keywords), in order.
    public var parameters: [Parameter]

    /// The schemes libpq accepts.
    public static let schemes = ["postgres", "postgresql"]
    /// The query parameters whose values are secrets, shown as `***`.
    static let secretParameters: Set = ["password", "sslpassword"]
    /// How long a connection attempt waits per host when the URL does not say (`connect_timeout`).
    public static let defaultConnectTimeoutSeconds = 10

    /// Parses `text`; the error never quotes the password.
    public init(parsing text: String) throws {
        guard let schemeEnd = text.range(of: "://") else { throw PostgresURLError.noScheme }
        scheme = String(text[..<schemeEnd.lowerBound])
        guard Self.schemes.contains(scheme) else { throw PostgresURLError.unknownScheme(scheme) }
        var rest = text[schemeEnd.upperBound...]

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        database = nil
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            database = path.isEmpty ? nil : try Self.decode(path, part: "database name")
        }
        // The last `@`: a password's own `@` should be written %40, but one left as it is still works.
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], part: "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                user = try Self.decode(userInfo, part: "user name")
                password = nil
            }
            if user?.isEmpty == true { user = nil }
        } else {
            user = nil
            password = nil
        }
        hosts = authority.isEmpty ? [] : try authority.split(separator: ",", omittingEmptySubsequences: false).map(Self.host)
        parameters = []
        for pair in query.split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else { throw PostgresURLError.parameterWithoutValue }
            let key = try Self.decode(pair[..<equals], part: "parameter name")
            let value = try Self.decode(pair[pair.index(after: equals)...], part: "value of parameter '\(key)'")
            if key == "client_encoding" { throw PostgresURLError.clientEncoding }
            parameters.append(Parameter(key: key, value: value))
        }
    }

    /// The URL with its password (and any secret parameter) shown as `***`: the only form in
    /// which tei ever prints a URL.
    public var redacted: String {
        var text = scheme + "://"
        if user != nil || password != nil {
            text += (user ?? "") + (password == nil ? "" : ":***") + "@"
        }
        text += hosts.map { host in
            let name = host.name.contains(":") ? "[\(host.name)]" : host.name
            return name + (host.port.map { ":\($0)" } ?? "")
        }.joined(separator: ",")
        if let database { text += "/" + database }
        if !parameters.isEmpty {
            text += "?" + parameters.map { parameter in
                parameter.key + "=" + (Self.secretParameters.contains(parameter.key) ? "***" : parameter.value)
            }.joined(separator: "&")
        }
        return text
    }

    public var description: String { redacted }
    public var debugDescription: String { redacted }

    /// The secrets of the URL, which a message from the server or libpq must never show.
    var secrets: [String] {
        ([password] + parameters.filter { Self.secretParameters.contains($0.key) }.map(\.value))
            .compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// `text` with every secret of the URL replaced by `***`: messages come from libpq and the
    /// server, which tei does not control.
    func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// The libpq connection keywords and values: the URL's parts, then its parameters (which win,
    /// as in libpq's own reading of a URL), then tei's own settings.
    var connectionKeywords: [(key: String, value: String)] {
        var keywords: [(key: String, value: String)] = []
        func set(_ key: String, _ value: String) {
            keywords.removeAll { $0.key == key }
            keywords.append((key, value))
        }
        if let user { set("user", user) }
        if let password { set("password", password) }
        if !hosts.isEmpty {
            set("host", hosts.map(\.name).joined(separator: ","))
            if hosts.contains(where: { $0.port != nil }) { set("port", hosts.map { $0.port ?? "" }.joined(separator: ",")) }
        }
        if let database { set("dbname", database) }
        for parameter in parameters { set(parameter.key, parameter.value) }
        // tei reads and writes UTF-8 only.
        set("client_encoding", "UTF8")
        if !keywords.contains(where: { $0.key == "connect_timeout" }) { set("connect_timeout", String(Self.defaultConnectTimeoutSeconds)) }
        set("fallback_application_name", "tei")
        return keywords
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`.
    private static func host(_ text: Substring) throws -> Host {
        var name = text, port: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw PostgresURLError.unclosedBracket }
            name = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw PostgresURLError.unclosedBracket }
                port = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            name = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        if let port {
            guard let number = Int(port), (1...65535).contains(number) else { throw PostgresURLError.badPort }
        }
        return Host(name: try decode(name, part: "host"), port: port.map(String.init))
    }

    private static func decode(_ text: Substring, part: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else { throw PostgresURLError.badEscape(part: part) }
        return decoded
    }
}

extension PostgresURL {
    /// `arguments` with the value of every `--db` shown redacted, for a record of the command line
    /// (a report's provenance): a URL as `redacted`, a value that is not one as `***`.
    public static func redacting(arguments: [String]) -> [String] {
        var result: [String] = []
        var redactsNext = false
        for argument in arguments {
            if redactsNext {
                result.append(redactedValue(argument))
                redactsNext = false
            } else if argument == "--db" {
                result.append(argument)
                redactsNext = true
            } else if argument.hasPrefix("--db=") {
                result.append("--db=" + redactedValue(String(argument.dropFirst("--db=".count))))
            } else {
                result.append(argument)
            }
        }
        return result
    }

    private static func redactedValue(_ value: String) -> String {
        (try? PostgresURL(parsing: value))?.redacted ?? "***"
    }
}
