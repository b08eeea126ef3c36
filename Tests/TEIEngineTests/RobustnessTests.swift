import Foundation
@testable import TEIEngine
import TEILanguage
import TEIStorage
import TEITestSupport
import XCTest

/// Serves every `load` with one fixed schema, reading no file.
final class FakeTableSchemas: TableSchemas {
    static let columns: [Column] = [
        Column("tweetid", .int), Column("userid", .text), Column("user_screen_name", .text), Column("tweet_language", .text),
        Column("tweet_text", .text), Column("tweet_time", .timestamp), Column("is_retweet", .bool), Column("retweet_userid", .text),
        Column("like_count", .int), Column("retweet_count", .int), Column("follower_count", .int), Column("latitude", .float),
        Column("account_creation_date", .date), Column("hashtags", .list), Column("user_mentions", .list),
    ]

    func schema(of request: LoadRequest) throws -> TableSchema {
        TableSchema(kind: .teiTweets, columns: Self.columns)
    }

    /// A stand-in loaded table for every load `checker` met, for compiling its plans.
    static func bindings(_ checker: Checker) -> TableBindings {
        var tables = TableBindings()
        for source in checker.tableSources {
            tables[source.request] = LoadedTable(cacheKey: CacheKey("fake"),
                                                  layout: TableLayout(relation: StoredName(schema: nil, name: "fake"), rowNumber: nil,
                                                                      columns: columns.map { ColumnLayout(name: $0.name, type: $0.type) }),
                                                  kind: .teiTweets, sources: [])
        }
        return tables
    }
}

/// A small deterministic generator (SplitMix64), so every run tries the same inputs.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

/// Feeds thousands of damaged scripts through lexer, parser and checker: only diagnostics may come out.
final class RobustnessTests: XCTestCase {
    static let samples = [
        #"let t = load "tweets.csv""#,
        "let t = load lenient \"t.csv\" with (tweetid: text, n: int)\nt | filter n > 3 | sort -n | take 2",
        #"t | filter tweet_language == "en" and not is_retweet | select tweetid, who = user_screen_name"#,
        "t | group userid (n = count(), first = min(tweet_time), likes = sum(like_count)) | sort -n | take 10",
        "t | join left (t | select userid, f = follower_count) on userid | derive r = like_count / f",
        "t | explode hashtags as tag | group tag (n = count()) | take 5..9",
        "param since = @2016-01-01T00:00\nt | filter tweet_time >= since and tweet_time < since + 7d",
        "fn top(x, key, k = 3) = x | group key (n = count()) | sort -n | take k\nt | top(userid, k = 2)",
        "t | join t on left.retweet_userid == right.userid | distinct userid",
        #"t | derive d = bin(tweet_time, 1w), day = weekday_name(tweet_time) | filter tweet_text ~ "(?i)vote" ?? false"#,
        "save t | filter `odd name` != null to \"out.csv\"\nexplain t | count\nt | describe",
        "t | append (t | take 1) | filter tweetid in [1, 2, 3] or userid not in [\"a\"] | plot bar userid like_count",
        "let x = [\"a\", \"b\"]; len(x) + 1_000 * -2.5e3 % 7; \"\\u{1F600}\\n\" ++ text(12)",
    ]

    /// Every script the repository holds: examples, the standard library, golden tests, the reference.
    static func corpus() -> [String] {
        let root = SessionHarness.repositoryRoot
        var scripts = samples
        for folder in ["Examples", "Stdlib", "Tests/Golden"] {
            let url = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in walker where file.pathExtension == "tei" {
                if let text = try? String(contentsOf: file, encoding: .utf8) { scripts.append(text) }
            }
        }
        if let document = try? LanguageReferenceTests.loadDocument() {
            scripts += DocumentExamples.examples(in: document).map(\.code.code)
        }
        return scripts
    }

    static let fragments = ["(", ")", "[", "]", "|", ",", "=", "==", "\"", "`", "@", "@2016-13-45", "..", ".", ":", ";",
                            "\n", "#", "not", "in", "and", "let", "fn", "group", "join", "on", "as", "to", "load", "null",
                            "-", "++", "??", "~", "1e", "9999999999999999999999", "é", "\\", "\t", "take", "(n = count())"]

    static func mutate(_ script: String, random: inout SeededRandom) -> [UInt8] {
        var bytes = Array(script.utf8)
        let tokens: [Token] = {
            var lexer = Lexer(source: Source(name: "m", text: script), index: 0)
            return lexer.tokenize().filter { $0.kind != .end }
        }()
        for _ in 0...random.below(3) {
            let position = random.below(bytes.count + 1)
            switch random.below(10) {
            case 0 where !tokens.isEmpty: // delete a token
                let token = tokens[random.below(tokens.count)]
                if token.span.end <= bytes.count { bytes.removeSubrange(token.span.start..<token.span.end) }
            case 1 where !tokens.isEmpty: // duplicate a token
                let token = tokens[random.below(tokens.count)]
                if token.span.end <= bytes.count { bytes.insert(contentsOf: bytes[token.span.start..<token.span.end], at: token.span.start) }
            case 2 where bytes.count > 1: // swap two bytes
                let other = random.below(bytes.count)
                bytes.swapAt(min(position, bytes.count - 1), other)
            case 3: // insert a fragment
                bytes.insert(contentsOf: Array(fragments[random.below(fragments.count)].utf8), at: position)
            case 4: // truncate
                bytes.removeSubrange(position..<bytes.count)
            case 5: // invalid UTF-8
                bytes.insert(contentsOf: [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]][random.below(5)], at: position)
            case 6: // a random byte
                bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            case 7 where position < bytes.count: // delete a byte
                bytes.remove(at: position)
            case 8: // deep nesting, past the parser's limit of 200 levels half of the time
                let opener = ["(", "[", "not ", "-", "f(", "(t | "][random.below(6)]
                bytes.insert(contentsOf: Array(String(repeating: opener, count: 150 + random.below(2) * 150).utf8), at: position)
            default: // a long chain of operators or of steps
                let link = [" + 1", " and true", " ?? 0", " * x", " | take 5", " | filter true"][random.below(6)]
                bytes.insert(contentsOf: Array(String(repeating: link, count: 300 + random.below(1_000)).utf8), at: position)
            }
        }
        return bytes
    }

    /// Lexes, parses and checks one input, asserting that only well-placed diagnostics come out.
    static func checkOnlyDiagnostics(_ bytes: [UInt8], base: URL) -> (diagnostics: [Diagnostic], problem: String?) {
        let sources = SourceMap()
        let index = sources.add(Source(name: "mutant", text: String(decoding: bytes, as: UTF8.self)))
        let checker = Checker(sources: sources, schemas: FakeTableSchemas())
        checker.setBaseDirectory(base, forSource: index)
        let (program, syntaxErrors) = Parser.parse(sources[index], index: index)
        let statements = checker.check(program)
        for statement in statements {
            switch statement {
            case .show(let relation, _), .explain(let relation, _), .save(let relation, _, _, _), .plot(let relation, _, _):
                _ = SQLGenerator.compile(relation, tables: FakeTableSchemas.bindings(checker))
            case .saveNetwork(let network, _):
                for relation in network.relations { _ = SQLGenerator.compile(relation, tables: FakeTableSchemas.bindings(checker)) }
            case .definition: break
            }
        }
        let diagnostics = syntaxErrors + checker.diagnostics
        for diagnostic in diagnostics {
            guard let span = diagnostic.span else { continue }
            guard span.source < sources.sources.count else { return (diagnostics, "span in unknown source: \(diagnostic)") }
            let size = sources[span.source].bytes.count
            guard 0 <= span.start, span.start <= span.end, span.end <= size else {
                return (diagnostics, "span \(span.start)..<\(span.end) outside 0..<\(size): \(diagnostic.message)")
            }
            _ = DiagnosticRenderer(sources: sources).render(diagnostic)
        }
        if diagnostics.contains(where: { $0.message.isEmpty }) { return (diagnostics, "an empty message") }
        return (diagnostics, nil)
    }

    func testTheUnmutatedSamplesParse() {
        for sample in Self.samples {
            let source = Source(name: "s", text: sample)
            XCTAssertEqual(Parser.parse(source, index: 0).1.map(\.message), [], sample)
        }
    }

    func testMutatedScriptsYieldOnlyDiagnostics() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tei-robustness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let corpus = Self.corpus()
        var random = SeededRandom(seed: 0x7E1_2016)
        let started = Date()
        var slowest: (TimeInterval, String) = (0, "")
        var withErrors = 0
        let count = 3_200
        for round in 0..<count {
            let bytes = Self.mutate(corpus[round % corpus.count], random: &random)
            let before = Date()
            let (diagnostics, problem) = Self.checkOnlyDiagnostics(bytes, base: base)
            let elapsed = Date().timeIntervalSince(before)
            if elapsed > slowest.0 { slowest = (elapsed, String(decoding: bytes.prefix(200), as: UTF8.self)) }
            if let problem { XCTFail("round \(round): \(problem)\n\(String(decoding: bytes, as: UTF8.self))") }
            XCTAssertLessThan(elapsed, 2, "round \(round) took \(elapsed) s")
            if diagnostics.contains(where: { $0.severity == .error }) { withErrors += 1 }
        }
        XCTAssertGreaterThan(withErrors, count / 2, "most mutants should be reported as broken")
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "slowest input (\(slowest.0) s): \(slowest.1)")
    }

    func testModerateNestingIsReported() throws {
        for opener in ["(", "[", "not ", "-", "f(", "(t | "] {
            let text = "let t = load \"x.csv\"\n" + String(repeating: opener, count: 150) + "1"
            let (diagnostics, problem) = Self.checkOnlyDiagnostics(Array(text.utf8), base: FileManager.default.temporaryDirectory)
            XCTAssertNil(problem, opener)
            if opener != "not " && opener != "-" { XCTAssertFalse(diagnostics.isEmpty, "\(opener) is never closed") }
        }
    }

    /// 500 levels of nesting must end in a diagnostic (exit status 1), not a crash. Run in a child
    /// `tei` process, because a stack overflow would take the whole test process down.
    func testDeepNestingIsReportedNotFatal() throws {
        let executable = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tei")
        let candidates = [executable, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tei")]
        guard let tei = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the tei executable is not built next to the tests")
        }
        for opener in ["(", "[", "not ", "-", "f(", "(t | "] {
            let process = Process()
            process.executableURL = tei
            process.arguments = ["--no-progress", "-c", "let t = 1\n" + String(repeating: opener, count: 500) + "1"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "500 × '\(opener)' crashed tei (signal \(process.terminationStatus))")
            XCTAssertLessThanOrEqual(process.terminationStatus, 1, opener)
        }
    }
}
