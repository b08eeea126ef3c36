import TEILanguage
import XCTest

final class ParserTests: XCTestCase {
    func parse(_ text: String) -> (Program, [Diagnostic], Source) {
        let source = Source(name: "test", text: text)
        let (program, diagnostics) = Parser.parse(source, index: 0)
        return (program, diagnostics, source)
    }

    func parsesCleanly(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Statement] {
        let (program, diagnostics, _) = parse(text)
        XCTAssertEqual(diagnostics.map(\.message), [], file: file, line: line)
        return program.statements
    }

    func steps(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Step] {
        guard case .show(.pipeline(_, let steps, _), _)? = parsesCleanly(text, file: file, line: line).first else {
            XCTFail("not a pipeline", file: file, line: line)
            return []
        }
        return steps
    }

    /// The expression of a one-statement program, drawn as a fully parenthesised string.
    func shape(_ text: String) -> String {
        guard case .show(let expression, _)? = parsesCleanly(text).first else { return "?" }
        return draw(expression)
    }

    func draw(_ e: TEILanguage.Expression) -> String {
        switch e {
        case .integer(let v, _): return String(v)
        case .float(let v, _): return String(v)
        case .string(let v, _): return "\"\(v)\""
        case .bool(let v, _): return String(v)
        case .null: return "null"
        case .name(let n, let q): return (q.map { $0.text + "." } ?? "") + n.text
        case .unary(let op, let operand, _): return "(\(op) \(draw(operand)))"
        case .binary(let op, let l, let r, _): return "(\(draw(l)) \(op.rawValue) \(draw(r)))"
        case .membership(let v, let l, let negated, _): return "(\(draw(v)) \(negated ? "not in" : "in") \(draw(l)))"
        case .call(let n, let args, _): return "\(n.text)(\(args.map { draw($0.value) }.joined(separator: ", ")))"
        case .list(let items, _): return "[\(items.map(draw).joined(separator: ", "))]"
        default: return "…"
        }
    }

    // MARK: - Statements

    func testEveryStatementForm() {
        let statements = parsesCleanly("""
        let t = load "x.csv"
        param since = @2016-01-01
        fn top(t, k = 10) = t | take k
        import "lib"
        save t | take 1 to "out.csv"
        explain t | count
        t
        """)
        XCTAssertEqual(statements.count, 7)
        guard case .letBinding(let name, .load(let path, _, LoadModifiers(), let types, _), _) = statements[0] else { return XCTFail() }
        XCTAssertTrue(types.isEmpty)
        XCTAssertEqual(name.text, "t")
        XCTAssertEqual(path, "x.csv")
        guard case .param(let p, .date(_, false, _), _) = statements[1] else { return XCTFail() }
        XCTAssertEqual(p.text, "since")
        guard case .function(let f) = statements[2] else { return XCTFail() }
        XCTAssertEqual(f.parameters.map(\.name.text), ["t", "k"])
        XCTAssertNotNil(f.parameters[1].defaultValue)
        guard case .importFile("lib", _, _) = statements[3] else { return XCTFail() }
        guard case .save(_, "out.csv", _, nil, _) = statements[4] else { return XCTFail() }
        guard case .explain(.pipeline(_, let explained, _), _) = statements[5], case .transform(let counted) = explained[0], counted.name.text == "count" else { return XCTFail() }
        guard case .show(.name(let shown, nil), _) = statements[6] else { return XCTFail() }
        XCTAssertEqual(shown.text, "t")
    }

    func testSaveTakesTheNodesOfANetworkAfterWith() {
        let statements = parsesCleanly("save e to \"x.gexf\" with nodes = u | select a, b\nsave e to \"y.gexf\"")
        guard case .save(.name(let edges, nil), "x.gexf", _, .pipeline(.name(let nodes, nil), let steps, _)?, _) = statements.first else {
            return XCTFail("\(statements)")
        }
        XCTAssertEqual([edges.text, nodes.text], ["e", "u"])
        XCTAssertEqual(steps.count, 1)
        guard case .save(_, "y.gexf", _, nil, _) = statements.last else { return XCTFail() }
    }

    func testFunctionDocumentationIsTheCommentAbove() {
        guard case .function(let f)? = parsesCleanly("# Top values.\n# Second line.\nfn top(t) = t").first else { return XCTFail() }
        XCTAssertEqual(f.documentation, "Top values.\nSecond line.")
    }

    func testLoadOptions() {
        guard case .show(.load(_, _, let modifiers, let types, _), _)? = parsesCleanly(#"load lenient "a.csv" with (id: text, n: int)"#).first
        else { return XCTFail() }
        XCTAssertEqual(modifiers, LoadModifiers(lenient: true))
        XCTAssertEqual(types.map { "\($0.0.text):\($0.1.text)" }, ["id:text", "n:int"])
    }

    func testLoadWordsAfterThePathAndTheKindBeforeIt() {
        let cases: [(String, LoadModifiers)] = [
            (#"load "a.csv" lenient"#, LoadModifiers(lenient: true)),
            (#"load tweets "release" recursive lenient"#, LoadModifiers(lenient: true, recursive: true, kind: .tweets)),
            (#"load lenient users "x.zip""#, LoadModifiers(lenient: true, kind: .users)),
        ]
        for (code, expected) in cases {
            guard case .show(.load(_, _, let modifiers, _, _), _)? = parsesCleanly(code).first else { return XCTFail(code) }
            XCTAssertEqual(modifiers, expected, code)
        }
    }

    func testLoadIsANameWhenNoPathFollows() {
        XCTAssertEqual(parsesCleanly("let load = 1\nlet tweets = 2\nload + tweets").count, 3)
    }

    func testContextualWordsAreNamesElsewhere() {
        XCTAssertEqual(parsesCleanly("let let = 1\nlet save = 2\nlet + save").count, 3)
    }

    // MARK: - Steps

    func testEveryStepForm() {
        let result = steps("""
        t | filter a > 1 | select a, b = c, d as e | derive f = 1 | sort -a, +b, c | take 5 | take 2..3
          | distinct | distinct a | group a (n = count()) | group (n = count()) | join left u on id
          | join u on left.a == right.b | explode tags as tag | append u | count | describe | plot bar a n
        """)
        let names = result.map { step -> String in
            switch step {
            case .transform(let step):
                switch step.arguments.first {
                case .bindings(let items)?: return step.name.text + (step.name.text == "select" ? "\(items.count)" : "")
                case .sortKeys(let keys)?: return step.name.text + keys.map { $0.descending ? "-" : "+" }.joined()
                default: return step.name.text
                }
            case .take(let from, _, _): return from == nil ? "take" : "range"
            case .distinct(let items, _): return "distinct\(items.count)"
            case .group(let keys, _, _): return "group\(keys.count)"
            case .groupSteps(let keys, let steps, _): return "group\(keys.count)-steps\(steps.count)"
            case .join(let kind, _, let condition, _):
                if case .columns = condition { return "join-\(kind.rawValue)-columns" }
                return "join-\(kind.rawValue)-expression"
            case .explode: return "explode"
            case .append: return "append"
            case .plot(let kind, let arguments, _): return "plot-\(kind.text)\(arguments.count)"
            case .call(let name, _, _): return "call-\(name.text)"
            }
        }
        XCTAssertEqual(names, ["filter", "select3", "derive", "sort-++", "take", "range", "distinct0", "distinct1", "group1",
                               "group0", "join-left-columns", "join-inner-expression", "explode", "append", "count", "describe", "plot-bar2"])
    }

    func testRenameIsReadByItsGrammarEntry() {
        guard case .transform(let step)? = steps("t | rename who = user, b as c | take 1").first,
              case .bindings(let items)? = step.arguments.first else { return XCTFail() }
        XCTAssertEqual(step.name.text, "rename")
        XCTAssertEqual(items.map { $0.name?.text }, ["who", "c"])
        XCTAssertTrue(step.options.isEmpty)
    }

    func testSampleTakesACountOrAPercentageAndASeed() {
        let parsed = steps("t | sample 10 | sample 2.5% seed 7 | sample (n * 2) seed s")
        let shapes = parsed.map { step -> String in
            guard case .transform(let transform) = step, case .amount(let value, let percent)? = transform.arguments.first else { return "?" }
            let seed = transform.option("seed").map { " seed " + draw($0) } ?? ""
            return "\(transform.name.text) \(draw(value))\(percent ? "%" : "")\(seed)"
        }
        XCTAssertEqual(shapes, ["sample 10", "sample 2.5% seed 7", "sample (n * 2) seed s"])
    }

    func testAnOptionIsGivenOnceAndOnlyKnownOnesFollow() {
        XCTAssertEqual(parse("t | sample 1 seed 1 seed 2").1.map(\.message), ["'seed' is given twice"])
        XCTAssertEqual(parse("t | sample 1 sead 2").1.map(\.message), ["expected 'seed' or the end of the step, found 'sead'"])
    }

    func testAStepNamedAfterAJoinKindIsStillAJoinTable() {
        guard case .join(.inner, .name(let table, nil), _, _)? = steps("t | join left on id").first else { return XCTFail() }
        XCTAssertEqual(table.text, "left")
    }

    func testUserFunctionSteps() {
        guard case .call(let name, let arguments, _)? = steps("t | top(user, k = 3)").first else { return XCTFail() }
        XCTAssertEqual(name.text, "top")
        XCTAssertEqual(arguments.map { $0.label?.text }, [nil, "k"])
        guard case .call(let bare, let none, _)? = steps("t | cleanup").first else { return XCTFail() }
        XCTAssertTrue(none.isEmpty)
        XCTAssertEqual(bare.text, "cleanup")
    }

    func testGroupWithASpaceSeparatesKeysFromAggregates() {
        guard case .group(let keys, let aggregates, _)? = steps("t | group user (n = count())").first else { return XCTFail() }
        XCTAssertEqual(keys.count, 1)
        XCTAssertEqual(aggregates.map { $0.name?.text }, ["n"])
    }

    func testGroupParenthesesHoldStepsWhenTheyStartWithAStepWord() {
        guard case .groupSteps(let keys, let inner, _)? = steps("t | group userid (sort -like_count | take 3)").first else { return XCTFail() }
        XCTAssertEqual(keys.count, 1)
        XCTAssertEqual(inner.count, 2)
        guard case .take? = inner.last else { return XCTFail() }
        // A column named like a step is still an aggregate's name.
        guard case .group(_, let aggregates, _)? = steps("t | group userid (sort = max(x), take = count())").first else { return XCTFail() }
        XCTAssertEqual(aggregates.map { $0.name?.text }, ["sort", "take"])
        guard case .group? = steps("t | group userid (max(x) as take)").first else { return XCTFail() }
    }

    // MARK: - Expressions

    func testPrecedence() {
        XCTAssertEqual(shape("1 + 2 * 3"), "(1 + (2 * 3))")
        XCTAssertEqual(shape("(1 + 2) * 3"), "((1 + 2) * 3)")
        XCTAssertEqual(shape("1 - 2 - 3"), "((1 - 2) - 3)")
        XCTAssertEqual(shape("a or b and c"), "(a or (b and c))")
        XCTAssertEqual(shape("not a == b"), "(not (a == b))")
        XCTAssertEqual(shape("a ?? b + 1 == c"), "((a ?? (b + 1)) == c)")
        XCTAssertEqual(shape(#"a ++ "x" ~ "y""#), #"((a ++ "x") ~ "y")"#)
        XCTAssertEqual(shape("a not in [1, 2] and b in l"), "((a not in [1, 2]) and (b in l))")
        XCTAssertEqual(shape("-a * b"), "((- a) * b)")
        XCTAssertEqual(shape("-2 * 3"), "(-2 * 3)")
        XCTAssertEqual(shape("f(a, g(b)) % 2"), "(f(a, g(b)) % 2)")
        XCTAssertEqual(shape("left.a == right.b"), "(left.a == right.b)")
    }

    func testComparisonsDoNotChain() {
        let (_, diagnostics, _) = parse("1 < 2 < 3")
        XCTAssertEqual(diagnostics.count, 1)
    }

    // MARK: - Lines

    func testMultiLinePipelines() {
        XCTAssertEqual(steps("t\n  | filter a\n  # a comment\n\n  | take 1").count, 2)
        XCTAssertEqual(steps("t |\n  filter a |\n  take 1").count, 2)
        XCTAssertEqual(steps("t | select a,\n  b").count, 1)
        XCTAssertEqual(shape("1 +\n 2"), "(1 + 2)")
        XCTAssertEqual(shape("f(1,\n 2)"), "f(1, 2)")
    }

    func testSemicolonsSeparateStatements() {
        XCTAssertEqual(parsesCleanly("let a = 1; let b = 2;; a + b;").count, 3)
    }

    // MARK: - Errors

    func testThreeErrorsOnThreeLines() {
        let (program, diagnostics, source) = parse("let a = )\nt | sort\nlet = 3\nlet ok = 4\nt | filter x = 1")
        let places = diagnostics.map { d -> String in
            let (line, column) = source.location(of: d.span!.start)
            return "\(line):\(column)"
        }
        XCTAssertEqual(places, ["1:9", "2:9", "3:5", "5:14"])
        XCTAssertEqual(program.statements.count, 1, "only 'let ok = 4' parses")
    }

    func testSingleEqualsGetsAHint() {
        let (_, diagnostics, _) = parse(#"t | filter lang = "en""#)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics[0].message, "expected end of statement, found '='")
        XCTAssertEqual(diagnostics[0].hints, ["use '==' to compare; '=' names a value"])
    }

    func testUnclosedParenthesisNamesWhereItWasOpened() {
        let (_, diagnostics, _) = parse("let a = 1\nlet b = (1 +\n  (2 * 3)")
        XCTAssertEqual(diagnostics.map(\.message), ["expected ')' to close the '(' at 2:9, found end of input"])
        let (_, callDiagnostics, _) = parse("len(\"a\"")
        XCTAssertEqual(callDiagnostics.map(\.message), ["expected ',' or ')' to close the '(' at 1:4, found end of input"])
        let (_, listDiagnostics, _) = parse("[1, 2")
        XCTAssertEqual(listDiagnostics.map(\.message), ["expected ',' or ']' to close the list opened at 1:1, found end of input"])
    }

    func testLexerErrorsAreReportedWithTheirOwnMessage() {
        let (_, diagnostics, _) = parse("1 + $")
        XCTAssertEqual(diagnostics.map(\.message), ["unexpected character '$'"])
    }

    func testTooLargeIntegers() {
        let (_, diagnostics, _) = parse("99999999999999999999")
        XCTAssertEqual(diagnostics.first?.message, "integer 99999999999999999999 is too large")
    }

    func testJoinConditionsCannotMix() {
        let (_, diagnostics, _) = parse("t | join u on a, b == c")
        XCTAssertEqual(diagnostics.first?.message, "a join takes either column names or one condition")
    }

    func testRenderedDiagnostic() {
        let sources = SourceMap()
        let index = sources.add(Source(name: "s.tei", text: "let x = 1\nt | filter \"é\" = 2"))
        let (_, diagnostics) = Parser.parse(sources[index], index: index)
        XCTAssertEqual(DiagnosticRenderer(sources: sources).render(diagnostics[0]), """
        s.tei:2:16: error: expected end of statement, found '='
          2 | t | filter "é" = 2
            |                ^
          hint: use '==' to compare; '=' names a value
        """)
    }
}
