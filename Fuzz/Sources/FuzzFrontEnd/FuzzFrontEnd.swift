import Foundation
import TEIEngine
import TEILanguage
import TEIStorage

/// Serves every `load` with one fixed schema, reading no file: the front end is checked alone.
final class SchemaOnlyLoader: TableSchemas {
    static let columns: [Column] = [
        Column("tweetid", .int), Column("userid", .text), Column("user_screen_name", .text), Column("tweet_language", .text),
        Column("tweet_text", .text), Column("tweet_time", .timestamp), Column("is_retweet", .bool), Column("like_count", .int),
        Column("latitude", .float), Column("account_creation_date", .date), Column("hashtags", .list),
    ]

    /// A stand-in loaded table with those columns, laid out as a cache lays out a tweets file (a
    /// row number, a dictionary-coded column, a list with its items table), so the optimizer's
    /// physical passes run too.
    static let table: LoadedTable = {
        let columns = SchemaOnlyLoader.columns.map { column -> ColumnLayout in
            switch column.name {
            case "userid":
                return ColumnLayout(name: column.name, type: column.type, encoding: .dictionary(DictionaryLayout(
                    codeColumn: "userid_code", table: StoredName(schema: nil, name: "users"), idColumn: "id", valueColumn: "value")))
            case "hashtags":
                return ColumnLayout(name: column.name, type: column.type, encoding: .list(ItemsLayout(
                    table: StoredName(schema: nil, name: "hashtags"), rowColumn: "row", positionColumn: "position", valueColumn: "value")))
            default:
                return ColumnLayout(name: column.name, type: column.type)
            }
        }
        return LoadedTable(cacheKey: CacheKey("fuzz"), layout: TableLayout(relation: StoredName(schema: nil, name: "tweets"), rowNumber: "row",
                                                                          columns: columns), kind: .teiTweets, sources: [])
    }()

    func schema(of request: LoadRequest) throws -> TableSchema {
        TableSchema(kind: .teiTweets, columns: Self.columns)
    }
}

let loader = SchemaOnlyLoader()
let baseDirectory = FileManager.default.temporaryDirectory

/// Lexes, parses and checks arbitrary bytes as a script, then generates the SQL of every checked
/// statement and renders every diagnostic: any crash, trap or hang on the way is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontEnd(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let sources = SourceMap()
    let index = sources.add(Source(name: "fuzz.tei", text: text))
    let checker = Checker(sources: sources, schemas: loader)
    checker.setBaseDirectory(baseDirectory, forSource: index)
    let (program, syntaxErrors) = Parser.parse(sources[index], index: index)
    let statements = checker.check(program)
    var tables = TableBindings()
    for source in checker.tableSources { tables[source.request] = SchemaOnlyLoader.table }
    for statement in statements {
        switch statement {
        case .show(let relation, _), .explain(let relation, _), .save(let relation, _, _, _), .plot(let relation, _, _):
            _ = QueryCompiler.compile(relation, tables: tables)
        case .saveNetwork(let network, _):
            for relation in network.relations { _ = QueryCompiler.compile(relation, tables: tables) }
        case .definition:
            break
        }
    }
    let renderer = DiagnosticRenderer(sources: sources)
    for diagnostic in syntaxErrors + checker.diagnostics {
        precondition(!diagnostic.message.isEmpty, "a diagnostic without a message")
        _ = renderer.render(diagnostic)
    }
    return 0
}

/// libFuzzer's driver, entered from the executable's `main` (SwiftPM names it `FuzzFrontEnd_main` and
/// links it as `main`, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzFrontEnd_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzFrontEnd(data, size)
    }
}
