/// Decides whether typed text is a complete statement, so a prompt knows when to run it and
/// when to ask for another line.
///
/// Text goes on while a bracket is open, or while its last line ends with a token that needs
/// something after it: `|`, `,`, a binary operator, `=` (as in `let x =`), a transform that takes
/// an argument (`| filter`), or the `on` of a join. The parser reads a line break after each of
/// these as a space, so a cell means what the same text means in a script. A line that starts
/// with `|` continues the statement before it too, as in a script.
///
/// A string or quoted name ends on its own line (the lexer's rule), so an unclosed one cannot be
/// finished on a later line: the text is complete, and running it reports the unclosed quote.
public enum InputCompleteness {
    /// Symbols that cannot end a statement: the right-hand side is still to come. (`take 1..` is
    /// not among them: a range's end belongs on its line, and a script says so at the line's end.)
    static let continuingSymbols: Set<String> = [
        "|", ",", "=", "==", "!=", "<", "<=", ">", ">=", "~", "!~", "??", "++", "+", "-", "*", "/", "%",
    ]
    /// Word operators that cannot end a statement.
    static let continuingKeywords: Set<String> = ["and", "or", "not", "in"]
    /// Transforms that cannot be written alone: `| filter` waits for its condition.
    public static let stepsTakingArguments: Set<String> = Set([
        "take", "group", "join", "explode", "append", "plot",
    ] + TransformGrammar.all.filter { !$0.parts.isEmpty }.map(\.name))

    /// Whether `text` holds complete statements and can run now.
    public static func isComplete(_ text: String) -> Bool {
        let tokens = tokens(of: text).filter { $0.kind != .end }
        var depth = 0
        for token in tokens {
            if case .error(let message) = token.kind, message.hasPrefix("unterminated") { return true }
            guard token.kind == .symbol else { continue }
            switch token.text {
            case "(", "[": depth += 1
            // A stray closing bracket is an error for the parser to report, not a reason to wait.
            case ")", "]": depth = max(0, depth - 1)
            default: break
            }
        }
        if depth > 0 { return false }
        let code = tokens.filter { $0.kind != .newline }
        guard let last = code.last else { return true }
        return !continues(after: last, previous: code.dropLast().last, stepWord: stepWord(in: code))
    }

    /// Whether a line ending in `last` (after `previous`, inside a step of transform `stepWord`)
    /// goes on with the next line.
    private static func continues(after last: Token, previous: Token?, stepWord: String?) -> Bool {
        switch last.kind {
        // `sample 10%` ends with its percentage, not an operator waiting for its right side.
        case .symbol where last.text == "%" && takesAmount(stepWord): return false
        case .symbol: return continuingSymbols.contains(last.text)
        case .keyword: return continuingKeywords.contains(last.text)
        case .identifier where !last.quoted:
            if previous?.isSymbol("|") == true { return stepsTakingArguments.contains(last.text) }
            return last.text == "on" && stepWord == "join"
        default: return false
        }
    }

    /// Whether the transform `word` takes a count or a percentage.
    private static func takesAmount(_ word: String?) -> Bool {
        word.flatMap(TransformGrammar.named)?.parts.contains(.amount) ?? false
    }

    /// The transform of the last pipeline step outside brackets, if the text ends inside one.
    private static func stepWord(in tokens: [Token]) -> String? {
        var depth = 0
        var word: String?
        for (index, token) in tokens.enumerated() where token.kind == .symbol {
            switch token.text {
            case "(", "[": depth += 1
            case ")", "]": depth = max(0, depth - 1)
            case "|" where depth == 0: word = index + 1 < tokens.count ? tokens[index + 1].text : nil
            case ";" where depth == 0: word = nil
            default: break
            }
        }
        return word
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
