/// Decides whether typed text is a complete statement, so a prompt knows when to run it and
/// when to ask for another line.
///
/// Text goes on while a bracket or a string is open, or while its last line ends with `|` or a
/// binary operator (or `=`, as in `let x =`); a following line that starts with `|` continues it
/// too, as in a script.
public enum InputCompleteness {
    /// Symbols that cannot end a statement: the right-hand side is still to come.
    static let continuingSymbols: Set<String> = [
        "|", "=", "==", "!=", "<", "<=", ">", ">=", "~", "!~", "??", "++", "..", "+", "-", "*", "/", "%",
    ]
    /// Word operators that cannot end a statement.
    static let continuingKeywords: Set<String> = ["and", "or", "not", "in"]

    /// Whether `text` holds complete statements and can run now.
    public static func isComplete(_ text: String) -> Bool {
        let tokens = tokens(of: text)
        var depth = 0
        for token in tokens {
            if case .error(let message) = token.kind, message.hasPrefix("unterminated") { return false }
            guard token.kind == .symbol else { continue }
            switch token.text {
            case "(", "[": depth += 1
            // A stray closing bracket is an error for the parser to report, not a reason to wait.
            case ")", "]": depth = max(0, depth - 1)
            default: break
            }
        }
        if depth > 0 { return false }
        guard let last = tokens.last(where: { $0.kind != .newline && $0.kind != .end }) else { return true }
        if last.kind == .symbol { return !continuingSymbols.contains(last.text) }
        if last.kind == .keyword { return !continuingKeywords.contains(last.text) }
        return true
    }

    /// Whether `line`, typed after the complete text before it, carries on the same statement
    /// (it starts with `|`, as a pipeline's next step does in a script).
    public static func continuesStatement(withNextLine line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("|")
    }

    private static func tokens(of text: String) -> [Token] {
        var lexer = Lexer(source: Source(name: "<input>", text: text), index: 0)
        return lexer.tokenize()
    }
}
