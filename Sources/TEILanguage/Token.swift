/// The kinds of token the lexer produces.
public enum TokenKind: Sendable, Equatable {
    case identifier        // tweet_text, `odd name`
    case integer           // 42
    case float             // 3.5, 1e6
    case string            // "text"
    case date              // @2016-11-08 or @2016-11-08T14:00
    case duration          // 15m 1h 1d 7d, and the calendar periods 3mo 1y
    case keyword           // and or not in true false null
    case symbol            // | ( ) [ ] , = == != < <= > >= + - * / % ~ !~ ?? ++ .. . :
    case newline
    case end
    /// Text the lexer could not read; the parser reports it with `message`.
    case error(String)
}

/// One token: its kind, the span it covers, and its decoded text (for strings, the value with
/// escapes applied; for identifiers, the name without backticks).
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var text: String
    public var span: Span

    public init(kind: TokenKind, text: String, span: Span) {
        self.kind = kind
        self.text = text
        self.span = span
    }

    /// Whether this is the symbol or keyword `text`.
    public func isSymbol(_ text: String) -> Bool { kind == .symbol && self.text == text }
    public func isKeyword(_ text: String) -> Bool { kind == .keyword && self.text == text }
    /// Whether this is the bare word `text` (a contextual keyword like `as`, `on`, `to`).
    public func isWord(_ text: String) -> Bool { kind == .identifier && self.text == text && !quoted }

    /// Identifiers written in backticks are never contextual keywords.
    public var quoted: Bool = false
}
