import XCTest
@testable import TEIStorage

/// `TableStore.peek` answers a load's schema without importing or writing anything, with the
/// errors the import would give.
final class PeekTests: XCTestCase {
    private func peekFails(_ workspace: Workspace, _ path: String, options: LoadOptions = LoadOptions(),
                           file: StaticString = #filePath, line: UInt = #line) throws -> (peek: LoadError, load: LoadError) {
        var peeked: LoadError?, loaded: LoadError?
        XCTAssertThrowsError(try workspace.store().peek(path: path, options: options), file: file, line: line) { peeked = $0 as? LoadError }
        XCTAssertEqual(workspace.cacheFiles().filter { $0.hasSuffix(".sqlite") }, [], "a peek caches nothing", file: file, line: line)
        XCTAssertThrowsError(try workspace.store().load(path: path, options: options), file: file, line: line) { loaded = $0 as? LoadError }
        return (try XCTUnwrap(peeked, file: file, line: line), try XCTUnwrap(loaded, file: file, line: line))
    }

    func testTEIFileSchemaComesFromItsHeaderWithTheScriptsTypes() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", TEICSV.file(header: TEICSV.header2020, rows: [TEICSV.tweet([:])]))
        let options = LoadOptions(columnTypes: ["like_count": .float])
        let peeked = try workspace.store().peek(path: file.path, options: options)
        XCTAssertEqual(workspace.cacheFiles(), [], "not even the cache folder is made")
        let loaded = try workspace.store().load(path: file.path, options: options)
        XCTAssertEqual(peeked, TableSchema(kind: loaded.kind, columns: loaded.columns))
        XCTAssertEqual(peeked.kind, .teiTweets)
        XCTAssertEqual(peeked.columns.last, Column("source_file", .text))
        XCTAssertEqual(peeked.columns.first { $0.name == "like_count" }?.type, .float)
        XCTAssertNil(peeked.columns.first { $0.name == "poll_choices" }, "a 2020-12 file has no poll_choices")
    }

    func testPlainCSVTypesComeFromASampleOfRows() throws {
        let workspace = try Workspace()
        let rows = (1...TableStore.sampledRows).map { "\($0),2016-01-0\($0 % 9 + 1),x" }
        let early = try workspace.write("early.csv", (["n,day,label"] + rows + ["n/a,2016-01-01,y"]).joined(separator: "\n") + "\n")
        let peeked = try workspace.store().peek(path: early.path)
        XCTAssertEqual(peeked, TableSchema(kind: .generic, columns: [Column("n", .int), Column("day", .date), Column("label", .text),
                                                                     Column("source_file", .text)], typesAreExact: false))
        XCTAssertEqual(workspace.cacheFiles(), [])
        // The import reads every row: the text past the sample makes the column text.
        let loaded = try workspace.store().load(path: early.path)
        XCTAssertEqual(loaded.columns.first?.type, .text)
        // Once cached, a peek reads the cache's schema (the imported one), not the sample.
        XCTAssertEqual(try workspace.store().peek(path: early.path).columns.first?.type, .text)
        XCTAssertTrue(try workspace.store().peek(path: early.path).typesAreExact)
        // A file no longer than the sample is read whole.
        let short = try workspace.write("short.csv", "n\n1\n")
        XCTAssertTrue(try workspace.store().peek(path: short.path).typesAreExact)
    }

    func testAValidCacheAnswersWithoutBeingAttached() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", "a,b\n1,x\n")
        let loaded = try workspace.store().load(path: file.path)
        let store = try workspace.store()
        XCTAssertEqual(try store.peek(path: file.path), TableSchema(kind: loaded.kind, columns: loaded.columns))
        XCTAssertEqual(try store.database.query("PRAGMA database_list").count, 1, "main only: nothing attached")
        // A cache built from another version of the file is not used.
        try workspace.write("t.csv", "a,b\nx,1\n")
        XCTAssertEqual(try store.peek(path: file.path).columns.map(\.type), [.text, .int, .text])
    }

    func testADamagedCacheIsLeftForTheLoadToReplace() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", "a,b\n1,x\n")
        _ = try workspace.store().load(path: file.path)
        let cache = workspace.cache.appendingPathComponent(try XCTUnwrap(workspace.cacheFiles().first { $0.hasSuffix(".sqlite") }))
        try Data(repeating: 0x41, count: 10_000).write(to: cache)
        let before = try Data(contentsOf: cache)
        XCTAssertEqual(try workspace.store().peek(path: file.path).columns.map(\.name), ["a", "b", "source_file"])
        XCTAssertEqual(try Data(contentsOf: cache), before, "the peek neither repaired nor deleted it")
        XCTAssertTrue(try workspace.store().load(path: file.path).replacedDamagedCache)
    }

    func testErrorsAreTheImportsErrors() throws {
        let workspace = try Workspace()
        let missing = try peekFails(workspace, workspace.sources.path + "/absent.csv")
        XCTAssertEqual(missing.peek.description, missing.load.description)
        XCTAssertEqual(missing.peek.message, "no such file")

        let binary = try workspace.write("b.csv", Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 1, 2, 3]))
        let notCSV = try peekFails(workspace, binary.path)
        XCTAssertEqual(notCSV.peek.description, notCSV.load.description)
        XCTAssertEqual(notCSV.peek.hint, notCSV.load.hint)

        let twice = try workspace.write("h.csv", "a,b,a\n1,2,3\n")
        let header = try peekFails(workspace, twice.path)
        XCTAssertEqual(header.peek.description, header.load.description)
        XCTAssertEqual(header.peek.message, "the column name a appears twice in the header")

        let empty = try workspace.write("e.csv", "")
        let nothing = try peekFails(workspace, empty.path)
        XCTAssertEqual(nothing.peek.description, nothing.load.description)

        let tei = TEICSV.header2019.filter { $0 != "tweet_time" }
        let short = try workspace.write("t.csv", TEICSV.file(header: tei, rows: [TEICSV.tweet([:])]))
        let teiHeader = try peekFails(workspace, short.path)
        XCTAssertEqual(teiHeader.peek.description, teiHeader.load.description)

        let plain = try workspace.write("p.csv", "a,b\n1,2\n")
        let retyped = try peekFails(workspace, plain.path, options: LoadOptions(columnTypes: ["c": .int]))
        XCTAssertEqual(retyped.peek.description, retyped.load.description)

        let ragged = try workspace.write("r.csv", "a,b\n1,2\n3\n")
        let fields = try peekFails(workspace, ragged.path)
        XCTAssertEqual(fields.peek.description, fields.load.description, "a bad row within the sample fails the peek too")
    }
}
