/// Why a text is not a PostgreSQL URL tei can use. No message quotes the URL: a mistyped one may
/// still hold a password.
public enum PostgresURLError: Error, Equatable, CustomStringConvertible, Sendable {
    case noScheme
    case unknownScheme(String)
    case badEscape(part: String)
    case badPort
    case unclosedBracket
    case parameterWithoutValue
    case clientEncoding

    /// The form of a URL, for hints.
    public static let form = "postgres://user:password@host:port/database (or postgresql://…; a Unix socket folder as ?host=/path)"

    private static let schemeCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")

    public var description: String {
        switch self {
        case .noScheme: return "expected a PostgreSQL URL, \(Self.form)"
        case .unknownScheme(let scheme):
            // Only a scheme as URLs spell them is quoted: anything else may be part of a secret.
            let isSchemeName = (1...20).contains(scheme.count) && scheme.allSatisfy(Self.schemeCharacters.contains)
            return (isSchemeName ? "'\(scheme)://' is not" : "the text before '://' is not") + " a PostgreSQL URL scheme; expected \(Self.form)"
        case .badEscape(let part): return "the \(part) in the PostgreSQL URL has a bad %-escape (% must be followed by two hexadecimal digits)"
        // Not quoted: `postgres://user:secret/db`, without its `@`, reads the password as a port.
        case .badPort: return "the port in the PostgreSQL URL must be a number from 1 to 65535"
        case .unclosedBracket: return "an IPv6 host in the PostgreSQL URL must be written in brackets: [::1] or [::1]:5432"
        case .parameterWithoutValue: return "a parameter in the PostgreSQL URL has no '='; write ?key=value&key=value"
        case .clientEncoding: return "tei always talks UTF-8 to the server; leave client_encoding out of the URL"
        }
    }
}
