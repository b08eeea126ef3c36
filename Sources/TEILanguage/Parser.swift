/// A recursive-descent parser with one method per grammar rule. It never throws: each error becomes
/// a diagnostic, the parser skips to the next statement, and one run reports every syntax error.
public struct Parser {
    private var tokens: [Token]
    private var index = 0
    /// Open brackets; inside them line breaks do not end anything.
    private var depth = 0
    /// How deeply expressions nest right now; past `maximumNesting` the parser reports an error
    /// instead of recursing until the stack runs out.
    private var nesting = 0
    private static let maximumNesting = 200
    private let sourceIndex: Int
    private let source: Source
    public private(set) var diagnostics: [Diagnostic] = []

    public init(source: Source, index: Int) {
        var lexer = Lexer(source: source, index: index)
        self.tokens = lexer.tokenize()
        self.source = source
        self.sourceIndex = index
    }

    /// Parses the whole source.
    public static func parse(_ source: Source, index: Int) -> (Program, [Diagnostic]) {
        var parser = Parser(source: source, index: index)
        let program = parser.program()
        return (program, parser.diagnostics)
    }

    private struct SyntaxError: Error {}

    // MARK: - Token cursor

    private var current: Token {
        var i = index
        if depth > 0 { while tokens[i].kind == .newline { i += 1 } }
        return tokens[i]
    }

    private func lookahead(_ offset: Int) -> Token {
        var i = index, seen = -1
        while true {
            if tokens[i].kind == .end { return tokens[i] }
            if !(depth > 0 && tokens[i].kind == .newline) { seen += 1 }
            if seen == offset { return tokens[i] }
            i += 1
        }
    }

    @discardableResult
    private mutating func advance() -> Token {
        if depth > 0 { while tokens[index].kind == .newline { index += 1 } }
        let token = tokens[index]
        if token.kind != .end { index += 1 }
        return token
    }

    private var previousEnd: Int { index > 0 ? tokens[index - 1].span.end : 0 }

    private mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    /// Whether a line break here is followed (after blank and comment lines) by `|`: the pipeline goes on.
    private func continuesOnNextLine() -> Bool {
        var i = index
        guard tokens[i].kind == .newline else { return false }
        while tokens[i].kind == .newline { i += 1 }
        return tokens[i].isSymbol("|")
    }

    private mutating func expectSymbol(_ symbol: String, _ what: String) throws -> Token {
        if current.isSymbol(symbol) { return advance() }
        throw fail(expected: what)
    }

    private mutating func fail(expected: String, hint: String? = nil) -> SyntaxError {
        let token = current
        if case .error(let message) = token.kind {
            diagnostics.append(.error(message, at: token.span))
        } else if hint == nil, let habit = habit(expected: expected) {
            diagnostics.append(habit)
        } else {
            var hint = hint
            if hint == nil, token.isSymbol("=") { hint = "use '==' to compare; '=' names a value" }
            diagnostics.append(.error("expected \(expected), found \(describe(token))", at: token.span, hint: hint))
        }
        return SyntaxError()
    }

    /// A habit of another language that explains the error at the current token better than what
    /// was expected: a step word of SQL or pandas (`| where x > 1`, `| limit 2`, `| order by x`),
    /// `sort by x`, or a step without its `|` (`load "…" filter …`).
    private func habit(expected: String) -> Diagnostic? {
        let token = current
        let before = significantToken(before: index)
        if let word = before.map({ tokens[$0] }), word.kind == .identifier, !word.quoted, startsStep(at: before!) {
            return LanguageHabits.step(word.text, at: word.span, rest: restOfStep())
        }
        if let by = before, tokens[by].isWord("by"), let sort = significantToken(before: by), tokens[sort].isWord("sort"),
           startsStep(at: sort) {
            let column = token.kind == .identifier ? token.text : "like_count"
            return .error("'sort' takes its columns without 'by'", at: tokens[by].span,
                          hint: "sort \(column) (sort -\(column) for largest first)")
        }
        if expected == "end of statement", token.kind == .identifier, !token.quoted, Self.isStepWord(token.text) {
            return .error("missing '|' before '\(token.text)'?", at: token.span,
                          hint: "each step of a pipeline follows '|': … | \(token.text) …")
        }
        return nil
    }

    /// The source text from the current token to the end of its step (the next `|` or line
    /// break), without a leading `by` (`order by x`); empty when that holds a bracket, which a
    /// habit's rewrite could not keep balanced.
    private func restOfStep() -> String {
        var i = index
        if tokens[i].isWord("by") { i += 1 }
        let first = i
        while tokens[i].kind != .end, tokens[i].kind != .newline, !tokens[i].isSymbol("|") {
            if tokens[i].isSymbol("(") || tokens[i].isSymbol(")") { return "" }
            i += 1
        }
        guard i > first else { return "" }
        return source.text(of: tokens[first].span.to(tokens[i - 1].span))
    }

    /// The index of the last token before `position` that is not a line break.
    private func significantToken(before position: Int) -> Int? {
        var i = position - 1
        while i >= 0, tokens[i].kind == .newline { i -= 1 }
        return i >= 0 ? i : nil
    }

    /// Whether the token at `position` is a step's first word (it follows `|`).
    private func startsStep(at position: Int) -> Bool {
        significantToken(before: position).map { tokens[$0].isSymbol("|") } ?? false
    }

    /// The words that begin a step.
    private static func isStepWord(_ word: String) -> Bool {
        TransformGrammar.named(word) != nil || ["take", "distinct", "group", "join", "explode", "append", "plot"].contains(word)
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "end of input"
        case .newline: return "end of line"
        case .string: return "a string"
        case .integer, .float: return "number \(token.text)"
        case .identifier: return "'\(token.text)'"
        default: return "'\(token.text)'"
        }
    }

    /// Skips to the start of the next statement after an error.
    private mutating func synchronize() {
        depth = 0
        while tokens[index].kind != .end {
            let token = tokens[index]
            index += 1
            if token.isSymbol(";") { return }
            if token.kind == .newline, !continuesOnNextLine() { return }
        }
    }

    // MARK: - Statements

    // program := statement*
    mutating func program() -> Program {
        var statements: [Statement] = []
        while true {
            while tokens[index].kind == .newline || tokens[index].isSymbol(";") { index += 1 }
            if tokens[index].kind == .end { break }
            do {
                let parsed = try statement()
                try statementEnd()
                statements.append(parsed)
            } catch {
                synchronize()
            }
        }
        return Program(statements: statements)
    }

    private mutating func statementEnd() throws {
        let token = current
        if token.kind == .newline || token.kind == .end || token.isSymbol(";") { return }
        throw fail(expected: "end of statement")
    }

    /// Words that begin a statement other than a pipeline.
    private static let statementWords: Set<String> = ["let", "param", "fn", "import", "save", "explain"]

    // statement := let | param | fn | import | save | explain | pipeline
    private mutating func statement() throws -> Statement {
        let first = current
        let next = lookahead(1)
        if first.kind == .identifier && !first.quoted {
            switch first.text {
            case "let" where next.kind == .identifier: return try letStatement()
            case "param" where next.kind == .identifier: return try paramStatement()
            case "fn" where next.kind == .identifier: return try functionDeclaration()
            case "import" where next.kind == .string: return try importStatement()
            case "save" where !next.isSymbol("|") && !next.isSymbol("="): return try saveStatement()
            case "explain" where !next.isSymbol("|") && !next.isSymbol("="): return try explainStatement()
            default: break
            }
        }
        let value = try pipeline()
        return .show(pipeline: value, span: value.span)
    }

    // let := 'let' NAME '=' pipeline
    private mutating func letStatement() throws -> Statement {
        let start = advance().span
        let name = try self.name("a name")
        _ = try expectSymbol("=", "'=' after the name")
        skipNewlines()
        let value = try pipeline()
        return .letBinding(name: name, value: value, span: start.to(value.span))
    }

    // param := 'param' NAME '=' expression
    private mutating func paramStatement() throws -> Statement {
        let start = advance().span
        let name = try self.name("a parameter name")
        _ = try expectSymbol("=", "'=' and a default value")
        skipNewlinesInside()
        let value = try expression()
        return .param(name: name, value: value, span: start.to(value.span))
    }

    // fn := 'fn' NAME '(' [param (',' param)*] ')' '=' pipeline
    private mutating func functionDeclaration() throws -> Statement {
        let start = advance().span
        let documentation = commentBlock(before: start)
        let name = try self.name("a function name")
        _ = try expectSymbol("(", "'(' and the parameters")
        depth += 1
        var parameters: [FunctionDeclaration.Parameter] = []
        while !current.isSymbol(")") {
            let parameter = try self.name("a parameter name")
            var defaultValue: Expression?
            if current.isSymbol("=") {
                advance()
                defaultValue = try expression()
            }
            parameters.append(.init(name: parameter, defaultValue: defaultValue))
            if !current.isSymbol(",") { break }
            advance()
        }
        _ = try expectSymbol(")", "',' or ')' to close the parameters")
        depth -= 1
        _ = try expectSymbol("=", "'=' and the function body")
        skipNewlines()
        let body = try pipeline()
        return .function(FunctionDeclaration(name: name, parameters: parameters, body: body,
                                             span: start.to(body.span), documentation: documentation))
    }

    /// The `#` comment lines directly above a span, without the `#`.
    private func commentBlock(before span: Span) -> String {
        let lines = source.text.utf8.prefix(span.start).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var block: [String] = []
        for line in lines.dropLast().reversed() {
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: " \t\r")
            guard text.hasPrefix("#") else { break }
            block.insert(String(text.dropFirst()).trimmingCharacters(in: " "), at: 0)
        }
        return block.joined(separator: "\n")
    }

    // import := 'import' STRING
    private mutating func importStatement() throws -> Statement {
        let start = advance().span
        let path = advance()
        return .importFile(path: path.text, pathSpan: path.span, span: start.to(path.span))
    }

    // save := 'save' pipeline 'to' STRING ['with' 'nodes' '=' pipeline]
    private mutating func saveStatement() throws -> Statement {
        let start = advance().span
        let value = try pipeline()
        guard current.isWord("to") else { throw fail(expected: "'to' and a file name") }
        advance()
        guard current.kind == .string else { throw fail(expected: "a file name in quotes") }
        let path = advance()
        guard current.isWord("with") else {
            return .save(pipeline: value, path: path.text, pathSpan: path.span, nodes: nil, span: start.to(path.span))
        }
        advance()
        guard current.isWord("nodes") else { throw fail(expected: "'nodes =' and the pipeline of a network's nodes") }
        advance()
        _ = try expectSymbol("=", "'=' and the pipeline of the nodes")
        skipNewlines()
        let nodes = try pipeline()
        return .save(pipeline: value, path: path.text, pathSpan: path.span, nodes: nodes, span: start.to(nodes.span))
    }

    // explain := 'explain' pipeline
    private mutating func explainStatement() throws -> Statement {
        let start = advance().span
        let value = try pipeline()
        return .explain(pipeline: value, span: start.to(value.span))
    }

    // MARK: - Pipelines

    // pipeline := expression ('|' step)*
    private mutating func pipeline() throws -> Expression {
        let head = try expression()
        var steps: [Step] = []
        while true {
            if depth == 0 && continuesOnNextLine() { skipNewlines() }
            guard current.isSymbol("|") else { break }
            advance()
            skipNewlines()
            steps.append(try step())
        }
        if steps.isEmpty { return head }
        return .pipeline(source: head, steps: steps, span: head.span.to(steps.last!.span))
    }

    private func atStepEnd() -> Bool {
        let token = current
        switch token.kind {
        case .newline, .end: return true
        default:
            return token.isSymbol("|") || token.isSymbol(")") || token.isSymbol("]") || token.isSymbol(";")
                || (token.isWord("to") && lookahead(1).kind == .string)
        }
    }

    // step := transform | take | distinct | group | join | explode | append | plot | call
    private mutating func step() throws -> Step {
        let word = current
        guard word.kind == .identifier else { throw fail(expected: "a transform such as filter, select or group") }
        advance()
        let start = word.span
        func finish(_ make: (Span) -> Step) -> Step { make(start.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd))) }
        if current.isSymbol("("), current.span.start == word.span.end {
            let arguments = try argumentList()
            return finish { .call(name: Name(word.text, span: word.span), arguments: arguments, span: $0) }
        }
        if InputCompleteness.stepsTakingArguments.contains(word.text) { skipNewlinesBeforeArgument() }
        if let grammar = TransformGrammar.named(word.text), !word.quoted {
            return try transform(Name(word.text, span: word.span), grammar)
        }
        switch word.text {
        case "take":
            let first = try expression()
            if current.isSymbol("..") {
                advance()
                let last = try expression()
                return finish { .take(from: first, to: last, span: $0) }
            }
            return finish { .take(from: nil, to: first, span: $0) }
        case "distinct":
            let items = atStepEnd() ? [] : try bindings(allowAs: true)
            return finish { .distinct(items, span: $0) }
        case "group":
            return try group(start: start)
        case "join":
            return try join(start: start)
        case "explode":
            let list = try expression()
            guard current.isWord("as") else { throw fail(expected: "'as' and a name for the exploded values") }
            advance()
            let name = try self.name("a name for the exploded values")
            return finish { .explode(list: list, name: name, span: $0) }
        case "append":
            let table = try primary()
            return finish { .append(table, span: $0) }
        case "plot":
            return try plot(start: start)
        default:
            return finish { .call(name: Name(word.text, span: word.span), arguments: [], span: $0) }
        }
    }

    // transform := NAME part… (OPTION expression)*, as its `TransformGrammar` entry declares
    private mutating func transform(_ name: Name, _ grammar: TransformGrammar) throws -> Step {
        var arguments: [TransformArgument] = []
        for part in grammar.parts {
            switch part {
            case .bindings: arguments.append(.bindings(try bindings(allowAs: true)))
            case .assignments: arguments.append(.bindings(try bindings(allowAs: false)))
            case .expression: arguments.append(.expression(try expression()))
            case .sortKeys: arguments.append(.sortKeys(try sortKeys()))
            case .amount: arguments.append(try amount())
            }
        }
        var options: [(word: Name, value: Expression)] = []
        while !grammar.options.isEmpty, !atStepEnd() {
            guard current.kind == .identifier, !current.quoted, grammar.options.contains(current.text) else {
                throw fail(expected: (grammar.options.map { "'\($0)'" } + ["the end of the step"]).joined(separator: " or "))
            }
            let word = advance()
            guard !options.contains(where: { $0.word.text == word.text }) else {
                diagnostics.append(.error("'\(word.text)' is given twice", at: word.span, hint: "write each option once"))
                throw SyntaxError()
            }
            options.append((Name(word.text, span: word.span), try expression()))
        }
        let span = name.span.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd))
        return .transform(TransformStep(name: name, arguments: arguments, options: options, span: span))
    }

    // amount := unary ['%']
    private mutating func amount() throws -> TransformArgument {
        let value = try unary()
        guard current.isSymbol("%") else { return .amount(value, percent: false) }
        advance()
        return .amount(value, percent: true)
    }

    // group := 'group' [binding (',' binding)*] '(' (binding (',' binding)* | step ('|' step)*) ')'
    private mutating func group(start: Span) throws -> Step {
        var keys: [Binding] = []
        if !current.isSymbol("(") {
            keys = try bindings(allowAs: true)
        }
        guard current.isSymbol("(") else {
            if case .call(let name, let arguments, let span)? = keys.last?.value, keys.last?.name == nil,
               arguments.contains(where: { $0.label != nil }) {
                // `group userid(n = count())` reads as a call of a function `userid` whose named
                // arguments are the aggregates (`group year(tweet_time)` alone lacks them).
                diagnostics.append(.error("a space is missing between '\(name.text)' and '('", at: span,
                                          hint: "group \(name.text) (…): the aggregates follow the keys after a space"))
                throw SyntaxError()
            }
            throw fail(expected: "'(' and the aggregates, as in group user (n = count())")
        }
        advance()
        depth += 1
        if startsGroupStep() {
            var steps = [try step()]
            while current.isSymbol("|") {
                advance()
                steps.append(try step())
            }
            _ = try expectSymbol(")", "'|' and a step, or ')' to close the steps of each group")
            depth -= 1
            return .groupSteps(keys: keys, steps: steps, span: start.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd)))
        }
        var aggregates: [Binding] = []
        while !current.isSymbol(")") {
            aggregates.append(try binding(allowAs: true))
            if !current.isSymbol(",") { break }
            advance()
        }
        _ = try expectSymbol(")", "',' or ')' to close the aggregates")
        depth -= 1
        return .group(keys: keys, aggregates: aggregates, span: start.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd)))
    }

    /// Whether the parentheses of a `group` hold steps run on each group (`sort t | take 1`)
    /// rather than aggregates: a step's word not followed by `=`, `as` or its own `(`.
    private func startsGroupStep() -> Bool {
        guard current.kind == .identifier, !current.quoted, Parser.groupStepWords.contains(current.text) else { return false }
        let next = lookahead(1)
        if next.isSymbol("=") || next.isWord("as") || next.isSymbol(",") || next.isSymbol(")") { return false }
        return !(next.isSymbol("(") && next.span.start == current.span.end)
    }

    /// The steps a `group` can run on each group.
    static let groupStepWords: Set<String> = ["sort", "take", "filter", "derive", "select"]

    // join := 'join' [inner|left|semi|anti] primary 'on' (NAME (',' NAME)* | expression)
    private mutating func join(start: Span) throws -> Step {
        var kind = JoinKind.inner
        if current.kind == .identifier, !current.quoted, let named = JoinKind(rawValue: current.text),
           !lookahead(1).isWord("on") {
            kind = named
            advance()
        }
        let table = try primary()
        guard current.isWord("on") else { throw fail(expected: "'on' and the join condition, as in join users on userid") }
        advance()
        skipNewlinesBeforeArgument()
        var conditions = [try expression()]
        while current.isSymbol(",") {
            advance()
            skipNewlinesInside()
            conditions.append(try expression())
        }
        let condition: JoinCondition
        let names = conditions.compactMap { expression -> Name? in
            if case .name(let name, nil) = expression { return name }
            return nil
        }
        if names.count == conditions.count {
            condition = .columns(names)
        } else if conditions.count == 1 {
            condition = .expression(conditions[0])
        } else {
            diagnostics.append(.error("a join takes either column names or one condition", at: conditions[1].span,
                                      hint: "combine conditions with 'and'"))
            throw SyntaxError()
        }
        return .join(kind: kind, table: table, condition: condition,
                     span: start.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd)))
    }

    // plot := 'plot' KIND (expression | NAME '=' expression | 'by' expression | 'to' STRING)*
    private mutating func plot(start: Span) throws -> Step {
        let kind = try name("a chart kind: bar, hist, line, heatmap, spark or scatter")
        var arguments: [Argument] = []
        while !(atStepEnd() && !current.isWord("to")) {
            if (current.isWord("by") || current.isWord("to")) {
                let label = advance()
                arguments.append(Argument(label: Name(label.text, span: label.span), value: try expression()))
            } else if current.kind == .identifier, lookahead(1).isSymbol("=") {
                let label = advance()
                advance()
                skipNewlinesInside()
                arguments.append(Argument(label: Name(label.text, span: label.span), value: try expression()))
            } else {
                arguments.append(Argument(label: nil, value: try expression()))
            }
        }
        return .plot(kind: kind, arguments: arguments,
                     span: start.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd)))
    }

    // bindings := binding (',' binding)*
    private mutating func bindings(allowAs: Bool) throws -> [Binding] {
        var items = [try binding(allowAs: allowAs)]
        while current.isSymbol(",") {
            advance()
            if depth == 0 { skipNewlines() }
            items.append(try binding(allowAs: allowAs))
        }
        return items
    }

    // binding := NAME '=' expression | expression ['as' NAME]
    private mutating func binding(allowAs: Bool) throws -> Binding {
        if current.kind == .identifier, lookahead(1).isSymbol("=") {
            let name = advance()
            advance()
            skipNewlinesInside()
            return Binding(name: Name(name.text, span: name.span), value: try expression())
        }
        let value = try expression()
        if current.isWord("as") {
            advance()
            return Binding(name: try self.name("a name after 'as'"), value: value)
        }
        return Binding(name: nil, value: value)
    }

    // sortKeys := ['-' | '+'] expression (',' ['-' | '+'] expression)*
    private mutating func sortKeys() throws -> [SortKey] {
        var keys: [SortKey] = []
        repeat {
            if !keys.isEmpty {
                advance()
                skipNewlinesInside()
            }
            var descending = false
            if current.isSymbol("-") || current.isSymbol("+") {
                descending = advance().text == "-"
                skipNewlinesInside()
            }
            keys.append(SortKey(value: try expression(), descending: descending))
        } while current.isSymbol(",")
        return keys
    }

    private mutating func name(_ what: String) throws -> Name {
        guard current.kind == .identifier else { throw fail(expected: what) }
        let token = advance()
        return Name(token.text, span: token.span)
    }

    // MARK: - Expressions, lowest precedence first

    // expression := or
    private mutating func expression() throws -> Expression {
        try nested { try $0.or() }
    }

    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        let outer = nesting
        defer { nesting = outer }
        try deepen()
        return try body(&self)
    }

    /// One level deeper: a bracket, a prefix operator, or one more operator of a chain like
    /// `1 + 1 + …`, whose tree is as deep as the chain is long and is checked recursively.
    private mutating func deepen() throws {
        nesting += 1
        guard nesting <= Parser.maximumNesting else {
            diagnostics.append(.error("expression nests too deeply (more than \(Parser.maximumNesting) levels)", at: current.span,
                                      hint: "split it into steps with let"))
            throw SyntaxError()
        }
    }

    // or := and ('or' and)*
    private mutating func or() throws -> Expression {
        var left = try and()
        let outer = nesting
        defer { nesting = outer }
        while current.isKeyword("or") {
            try deepen()
            let op = advance()
            skipNewlinesInside()
            left = .binary(op: .or, left: left, right: try and(), opSpan: op.span)
        }
        return left
    }

    // and := not ('and' not)*
    private mutating func and() throws -> Expression {
        var left = try not()
        let outer = nesting
        defer { nesting = outer }
        while current.isKeyword("and") {
            try deepen()
            let op = advance()
            skipNewlinesInside()
            left = .binary(op: .and, left: left, right: try not(), opSpan: op.span)
        }
        return left
    }

    // not := 'not' not | comparison
    private mutating func not() throws -> Expression {
        if current.isKeyword("not") {
            let op = advance()
            skipNewlinesInside()
            let operand = try nested { try $0.not() }
            return .unary(op: "not", operand: operand, span: op.span.to(operand.span))
        }
        return try comparison()
    }

    // comparison := coalesce [(== != < <= > >= ~ !~) coalesce | ['not'] 'in' coalesce]
    private mutating func comparison() throws -> Expression {
        let left = try coalesce()
        let token = current
        if token.kind == .symbol, let op = BinaryOperator(rawValue: token.text),
           [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .matches, .notMatches].contains(op) {
            advance()
            skipNewlinesInside()
            return .binary(op: op, left: left, right: try coalesce(), opSpan: token.span)
        }
        var negated = false
        if token.isKeyword("not"), self.lookahead(1).isKeyword("in") {
            advance()
            negated = true
        }
        if current.isKeyword("in") {
            advance()
            skipNewlinesInside()
            let list = try coalesce()
            return .membership(value: left, list: list, negated: negated, span: left.span.to(list.span))
        }
        return left
    }

    // coalesce := additive ('??' additive)*
    private mutating func coalesce() throws -> Expression {
        var left = try additive()
        let outer = nesting
        defer { nesting = outer }
        while current.isSymbol("??") {
            try deepen()
            let op = advance()
            skipNewlinesInside()
            left = .binary(op: .coalesce, left: left, right: try additive(), opSpan: op.span)
        }
        return left
    }

    // additive := multiplicative (('+' | '-' | '++') multiplicative)*
    private mutating func additive() throws -> Expression {
        var left = try multiplicative()
        let outer = nesting
        defer { nesting = outer }
        while current.isSymbol("+") || current.isSymbol("-") || current.isSymbol("++") {
            try deepen()
            let op = advance()
            skipNewlinesInside()
            left = .binary(op: BinaryOperator(rawValue: op.text)!, left: left, right: try multiplicative(), opSpan: op.span)
        }
        return left
    }

    // multiplicative := unary (('*' | '/' | '%') unary)*
    private mutating func multiplicative() throws -> Expression {
        var left = try unary()
        let outer = nesting
        defer { nesting = outer }
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            try deepen()
            let op = advance()
            skipNewlinesInside()
            left = .binary(op: BinaryOperator(rawValue: op.text)!, left: left, right: try unary(), opSpan: op.span)
        }
        return left
    }

    // unary := '-' unary | primary
    private mutating func unary() throws -> Expression {
        if current.isSymbol("-") {
            let op = advance()
            skipNewlinesInside()
            let operand = try nested { try $0.unary() }
            switch operand {
            case .integer(let v, let s): return .integer(-v, op.span.to(s))
            case .float(let v, let s): return .float(-v, op.span.to(s))
            case .duration(let v, let s): return .duration(-v, op.span.to(s))
            default: return .unary(op: "-", operand: operand, span: op.span.to(operand.span))
            }
        }
        return try primary()
    }

    /// A line break right after an operator does not end the statement.
    private mutating func skipNewlinesInside() {
        if depth == 0 { skipNewlines() }
    }

    /// A line break after a word that needs an argument (`| filter`, a join's `on`) does not end
    /// the statement either, unless the next line starts a statement of its own: then the missing
    /// argument is reported on its line, and the next statement is parsed as written.
    private mutating func skipNewlinesBeforeArgument() {
        guard depth == 0, tokens[index].kind == .newline else { return }
        var next = index
        while tokens[next].kind == .newline { next += 1 }
        if tokens[next].kind == .identifier, !tokens[next].quoted, Self.statementWords.contains(tokens[next].text) { return }
        index = next
    }

    // primary := literal | NAME ['.' NAME] | call | load | '(' pipeline ')' | '[' [expression (',' expression)*] ']'
    private mutating func primary() throws -> Expression {
        let token = current
        switch token.kind {
        case .integer:
            advance()
            guard let value = Int64(token.text) else {
                diagnostics.append(.error("integer \(token.text) is too large", at: token.span, hint: "write it as a float: \(token.text).0"))
                throw SyntaxError()
            }
            return .integer(value, token.span)
        case .float:
            advance()
            // Swift reads a float past about 1.8e308 as infinity, which SQLite would store as null.
            guard let value = Double(token.text), value.isFinite else {
                diagnostics.append(.error("number \(token.text) is too large", at: token.span,
                                          hint: "the largest float is about 1.8e308"))
                throw SyntaxError()
            }
            return .float(value, token.span)
        case .string:
            advance()
            return .string(token.text, token.span)
        case .date:
            advance()
            let (seconds, hasTime) = DateLiteral.parse(token.text)!
            return .date(seconds: seconds, hasTime: hasTime, token.span)
        case .duration:
            advance()
            if CalendarPeriod.isWritten(token.text) {
                guard let months = CalendarPeriod.months(token.text) else {
                    diagnostics.append(.error("calendar period \(token.text) is too large", at: token.span))
                    throw SyntaxError()
                }
                return .calendarPeriod(months: months, token.span)
            }
            guard let seconds = DurationLiteral.parse(token.text) else {
                diagnostics.append(.error("duration \(token.text) is too large", at: token.span,
                                          hint: "a duration holds at most \(Int64.max) seconds (about 292 billion years)"))
                throw SyntaxError()
            }
            return .duration(seconds, token.span)
        case .keyword:
            switch token.text {
            case "true", "false":
                advance()
                return .bool(token.text == "true", token.span)
            case "null":
                advance()
                return .null(token.span)
            default:
                throw fail(expected: "a value")
            }
        case .identifier:
            if token.isWord("load"), startsLoad() {
                return try load()
            }
            advance()
            let name = Name(token.text, span: token.span)
            if current.isSymbol("("), current.span.start == token.span.end {
                let arguments = try argumentList()
                return .call(name: name, arguments: arguments, span: token.span.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd)))
            }
            if current.isSymbol("."), lookahead(1).kind == .identifier, current.span.start == token.span.end {
                advance()
                let member = advance()
                return .name(Name(member.text, span: member.span), qualifier: name)
            }
            return .name(name, qualifier: nil)
        case .symbol where token.text == "(":
            advance()
            depth += 1
            let inner = try pipeline()
            guard current.isSymbol(")") else {
                throw fail(expected: "')' to close the '(' at \(location(token.span))")
            }
            advance()
            depth -= 1
            return inner
        case .symbol where token.text == "[":
            advance()
            depth += 1
            var items: [Expression] = []
            while !current.isSymbol("]") {
                items.append(try expression())
                if !current.isSymbol(",") { break }
                advance()
            }
            guard current.isSymbol("]") else { throw fail(expected: "',' or ']' to close the list opened at \(location(token.span))") }
            let close = advance()
            depth -= 1
            return .list(items, token.span.to(close.span))
        default:
            throw fail(expected: "a value, a name or '('")
        }
    }

    private func location(_ span: Span) -> String {
        let (line, column) = source.location(of: span.start)
        return "\(line):\(column)"
    }

    /// Whether the `load` at hand starts a load: a path in quotes follows, after at most two of
    /// the words that may stand before it. Elsewhere `load` is a name.
    private func startsLoad() -> Bool {
        let before = ["lenient", "tweets", "users"]
        for offset in 1...3 {
            let token = lookahead(offset)
            if token.kind == .string { return true }
            guard before.contains(where: token.isWord) else { return false }
        }
        return false
    }

    // load := 'load' [KIND] STRING ['lenient'] ['recursive'] ['with' '(' NAME ':' TYPE (',' NAME ':' TYPE)* ')']
    // KIND := 'tweets' | 'users'; 'lenient' may also stand before the path (the earlier spelling).
    private mutating func load() throws -> Expression {
        let start = advance().span
        var modifiers = LoadModifiers()
        while current.kind != .string {
            if current.isWord("lenient"), !modifiers.lenient {
                modifiers.lenient = true
            } else if modifiers.kind == nil, let kind = LoadModifiers.Kind(rawValue: current.text), current.isWord(kind.rawValue) {
                modifiers.kind = kind
            } else {
                throw fail(expected: "a file name in quotes")
            }
            advance()
        }
        let path = advance()
        while true {
            if current.isWord("lenient"), !modifiers.lenient {
                modifiers.lenient = true
            } else if current.isWord("recursive"), !modifiers.recursive {
                modifiers.recursive = true
            } else {
                break
            }
            advance()
        }
        var types: [(Name, Name)] = []
        if current.isWord("with") {
            advance()
            let open = try expectSymbol("(", "'(' and column types, as in with (userid: text)")
            depth += 1
            while !current.isSymbol(")") {
                let column = try name("a column name")
                _ = try expectSymbol(":", "':' and a type")
                let type = try name("a type: int, float, text, bool, timestamp, date, duration")
                types.append((column, type))
                if !current.isSymbol(",") { break }
                advance()
            }
            guard current.isSymbol(")") else { throw fail(expected: "')' to close the '(' at \(location(open.span))") }
            advance()
            depth -= 1
        }
        return .load(path: path.text, pathSpan: path.span, modifiers: modifiers, types: types,
                     span: start.to(Span(source: sourceIndex, start: previousEnd, end: previousEnd)))
    }

    // arguments := '(' [argument (',' argument)*] ')'; argument := [NAME '='] pipeline
    private mutating func argumentList() throws -> [Argument] {
        let open = advance()
        depth += 1
        var arguments: [Argument] = []
        while !current.isSymbol(")") {
            if current.kind == .identifier, lookahead(1).isSymbol("=") {
                let label = advance()
                advance()
                arguments.append(Argument(label: Name(label.text, span: label.span), value: try pipeline()))
            } else {
                arguments.append(Argument(label: nil, value: try pipeline()))
            }
            if !current.isSymbol(",") { break }
            advance()
        }
        guard current.isSymbol(")") else {
            throw fail(expected: "',' or ')' to close the '(' at \(location(open.span))")
        }
        advance()
        depth -= 1
        return arguments
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
