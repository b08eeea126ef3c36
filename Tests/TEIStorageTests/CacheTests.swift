import TEITestSupport
import XCTest
@testable import TEIStorage

/// Reuse, change detection, damage, interruption and concurrency of the import cache.
final class CacheTests: XCTestCase {
    private func tweets(_ ids: ClosedRange<Int>) -> String {
        TEICSV.file(header: TEICSV.header2019, rows: ids.map { TEICSV.tweet(["tweetid": "\($0)"]) })
    }

    private func sqliteFiles(_ workspace: Workspace) -> [String] {
        workspace.cacheFiles().filter { $0.hasSuffix(".sqlite") }
    }

    func testSecondSessionReusesTheCache() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...3))
        let first = try workspace.store().load(path: file.path)
        XCTAssertTrue(first.imported)
        let store = try workspace.store()
        let started = Date()
        let second = try store.load(path: file.path)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertFalse(second.imported)
        XCTAssertLessThan(elapsed, 1, "a cached load only stats, fingerprints and attaches")
        XCTAssertEqual(second.columns, first.columns)
        XCTAssertEqual(second.sources, first.sources)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(second.relationSQL)"), .integer(3))
        XCTAssertEqual(sqliteFiles(workspace).count, 1)
        // Loading again in the same session returns the attached table.
        XCTAssertEqual(try store.load(path: file.path).cacheKey, second.cacheKey)
    }

    func testAFileReachedThroughALinkedFolderFindsItsCacheWhicheverWayItIsSpelled() throws {
        let workspace = try Workspace()
        let file = try workspace.write("real/t.csv", tweets(1...3))
        let linked = workspace.sources.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: file.deletingLastPathComponent())
        let spellings = [linked.appendingPathComponent("t.csv").path, file.path, linked.path + "/../real/t.csv"]
        XCTAssertTrue(try workspace.store().load(path: spellings[0]).imported)
        for spelling in spellings + spellings {
            XCTAssertFalse(try workspace.store().load(path: spelling).imported, spelling)
        }
        XCTAssertEqual(sqliteFiles(workspace).count, 1)
    }

    func testChangedSourceIsReimported() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...3))
        let store = try workspace.store()
        _ = try store.load(path: file.path)
        try workspace.write("t.csv", tweets(1...5))
        let changed = try store.load(path: file.path)
        XCTAssertTrue(changed.imported)
        XCTAssertFalse(changed.replacedDamagedCache, "a changed source is no damage")
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(changed.relationSQL)"), .integer(5))
        // Same size and same modification time but different content is caught by the fingerprint.
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as! Date
        try workspace.write("t.csv", tweets(1...5).replacingOccurrences(of: "\"5\"", with: "\"6\""))
        try FileManager.default.setAttributes([.modificationDate: before], ofItemAtPath: file.path)
        let other = try workspace.store()
        let edited = try other.load(path: file.path)
        XCTAssertTrue(edited.imported)
        XCTAssertEqual(try other.scalar("SELECT max(tweetid) FROM \(edited.relationSQL)"), .integer(6))
        XCTAssertEqual(sqliteFiles(workspace).count, 1, "a rebuild replaces the cache file")
    }

    func testDamagedCacheIsRebuilt() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...200))
        _ = try workspace.store().load(path: file.path)
        let cache = workspace.cache.appendingPathComponent(sqliteFiles(workspace)[0])
        // Truncated (as by a full disk or a partial copy).
        let handle = try FileHandle(forWritingTo: cache)
        try handle.truncate(atOffset: 8192 * 2)
        try handle.close()
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertTrue(table.imported)
        XCTAssertTrue(table.replacedDamagedCache, "the caller warns")
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(200))
        // Overwritten with garbage.
        try Data(repeating: 0x41, count: 10_000).write(to: cache)
        let again = try workspace.store().load(path: file.path)
        XCTAssertTrue(again.imported)
        XCTAssertTrue(again.replacedDamagedCache)
    }

    func testEveryPageOfACacheCarriesAChecksumAndStaysAnSQLiteFile() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...2000))
        let table = try workspace.store().load(path: file.path)
        XCTAssertFalse(table.replacedDamagedCache, "a first import replaces nothing")
        let cache = workspace.cache.appendingPathComponent(sqliteFiles(workspace)[0])
        let bytes = [UInt8](try Data(contentsOf: cache))
        XCTAssertEqual(bytes[20], 8, "eight bytes reserved at the end of every page")
        // Other SQLite programs read it as it is (they ignore the reserved bytes).
        let plain = try Database(path: cache.path, readOnly: true)
        XCTAssertEqual(try plain.query("SELECT count(*) FROM data").first, [.integer(2000)])
        XCTAssertEqual(try plain.query("PRAGMA quick_check").first, [.text("ok")])
    }

    func testOneFlippedBitInARowIsAnErrorNotAnotherValue() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...4000))
        _ = try workspace.store().load(path: file.path)
        let cache = workspace.cache.appendingPathComponent(sqliteFiles(workspace)[0])
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        let intact = try store.database.query("SELECT * FROM \(table.relationSQL)")
        try CacheDamage.flipBitInRowOfRows(in: cache)
        // The page still parses: read without the checksums, one value of one row is different.
        let plain = try Database(path: cache.path, readOnly: true)
        let keyed = StoredName(schema: nil, name: table.layout.relation.name)
        XCTAssertNotEqual(try plain.query("SELECT * FROM \(keyed.quoted)"), intact)

        let damaged = try workspace.store()
        let reloaded = try damaged.load(path: file.path)
        XCTAssertFalse(reloaded.imported, "attaching does not read that page")
        XCTAssertThrowsError(try damaged.database.query("SELECT * FROM \(reloaded.relationSQL)")) { error in
            XCTAssertTrue((error as? SQLiteError)?.isCorruption == true, "\(error)")
        }
        XCTAssertFalse(damaged.cacheIsIntact(reloaded))
        let rebuilt = try damaged.rebuild(reloaded)
        XCTAssertEqual(try damaged.database.query("SELECT * FROM \(rebuilt.relationSQL)"), intact)
    }

    func testDamageThatAttachingReadsIsReimportedAndSaysSo() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...500))
        _ = try workspace.store().load(path: file.path)
        let cache = workspace.cache.appendingPathComponent(sqliteFiles(workspace)[0])
        // A byte of the first page after its 100-byte header: the schema, read by every attach.
        let handle = try FileHandle(forWritingTo: cache)
        try handle.seek(toOffset: 200)
        let byte = [UInt8](try Data(contentsOf: cache))[200]
        try handle.write(contentsOf: Data([byte ^ 0x10]))
        try handle.close()
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertTrue(table.imported)
        XCTAssertTrue(table.replacedDamagedCache)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(500))
        // The same session loading it again does not say so again; nor does the next session.
        XCTAssertFalse(try store.load(path: file.path).replacedDamagedCache)
        XCTAssertFalse(try workspace.store().load(path: file.path).replacedDamagedCache)
    }

    func testDamageInsideTheRowsTableIsRebuiltByRebuild() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...4000))
        _ = try workspace.store().load(path: file.path)
        let cache = workspace.cache.appendingPathComponent(sqliteFiles(workspace)[0])
        let page = try CacheDamage.overwriteLeafPageOfRows(in: cache)
        let size = try FileManager.default.attributesOfItem(atPath: cache.path)[.size] as! Int
        XCTAssertGreaterThan(page, 2, "a page inside the file, not its header")
        XCTAssertLessThan(page * 8192, size, "a page inside the file, not its end")

        // The damage passes the checks made when attaching and shows up in a query.
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        XCTAssertFalse(table.imported)
        // A sum over two columns reads the table itself: a count alone may be answered from an index.
        let count = "SELECT count(*), sum(tweetid), sum(like_count + retweet_count) FROM \(table.relationSQL)"
        XCTAssertThrowsError(try store.scalar(count)) { error in
            XCTAssertTrue((error as? SQLiteError)?.isCorruption == true, "\(error)")
        }
        XCTAssertEqual(store.loadedPath(of: table), file.path)
        XCTAssertFalse(store.cacheIsIntact(table))
        XCTAssertEqual(store.cacheFile(of: table), cache)

        let rebuilt = try store.rebuild(table)
        XCTAssertTrue(rebuilt.imported)
        XCTAssertEqual(rebuilt.cacheKey, table.cacheKey)
        XCTAssertEqual(rebuilt.layout, table.layout, "the same names, so compiled SQL stays valid")
        XCTAssertEqual(try store.database.query(count).first, [.integer(4000), .integer(4000 * 4001 / 2), .integer(0)])
        XCTAssertTrue(store.cacheIsIntact(rebuilt))
        XCTAssertEqual(sqliteFiles(workspace), [cache.lastPathComponent])
        XCTAssertFalse(workspace.cacheFiles().contains { $0.contains(".tmp-") })
        // The next session reuses the repaired cache.
        XCTAssertFalse(try workspace.store().load(path: file.path).imported)
    }

    func testDamagedCacheWhoseSourceIsGoneCannotBeRebuilt() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...4000))
        _ = try workspace.store().load(path: file.path)
        let cache = workspace.cache.appendingPathComponent(sqliteFiles(workspace)[0])
        try CacheDamage.overwriteLeafPageOfRows(in: cache)
        let store = try workspace.store()
        let table = try store.load(path: file.path)
        try FileManager.default.removeItem(at: file)
        XCTAssertThrowsError(try store.rebuild(table)) { error in
            let failure = error as? LoadError
            XCTAssertEqual(failure?.file, cache.path)
            XCTAssertEqual(failure?.message, "the cache is damaged and cannot be rebuilt: \(file.path): no such file")
            XCTAssertNotNil(failure?.hint, "the hint of the source's own error")
        }
        XCTAssertEqual(sqliteFiles(workspace), [], "the damaged file is not kept")
    }

    func testFailedImportLeavesNoCacheAndLeftoversAreNotTrusted() throws {
        let workspace = try Workspace()
        let good = tweets(1...100)
        let file = try workspace.write("t.csv", good + TEICSV.line(["101", "cut short"]) + "\n")
        XCTAssertThrowsError(try workspace.store().load(path: file.path))
        XCTAssertEqual(sqliteFiles(workspace), [])
        XCTAssertFalse(workspace.cacheFiles().contains { $0.contains(".tmp-") })
        // A crash mid-import leaves a temporary file: it is never attached, and the next build of
        // that source removes it.
        try workspace.write("t.csv", good)
        _ = try workspace.store().load(path: file.path)
        let key = sqliteFiles(workspace)[0].dropLast(".sqlite".count)
        let leftover = workspace.cache.appendingPathComponent("\(key).sqlite.tmp-99999-deadbeef")
        try Data(repeating: 0, count: 4096).write(to: leftover)
        try workspace.write("t.csv", tweets(1...7))
        let table = try workspace.store().load(path: file.path)
        XCTAssertTrue(table.imported)
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover.path))
    }

    func testInterruptedImportCachesNothing() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...6000))
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as! Int, 1 << 20, "more than one read chunk")
        let store = try workspace.store()
        store.progressHandler = { [unowned store] _ in store.interruptImport() }
        XCTAssertThrowsError(try store.load(path: file.path)) { error in
            XCTAssertEqual((error as? LoadError)?.message, "the import was interrupted")
        }
        XCTAssertEqual(workspace.cacheFiles().filter { $0.contains(".sqlite") }, [])
        store.progressHandler = nil
        let table = try store.load(path: file.path)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(6000))
    }

    func testConcurrentLoadsOfOneSourceImportOnce() throws {
        // Two sessions with their own connections on two threads stand in for two processes: the
        // cache is coordinated by flock on a lock file, which excludes separate open file
        // descriptions even inside one process, and by rename, which is atomic either way.
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...3000))
        let stores = try [workspace.store(), workspace.store()]
        var results: [Result<LoadedTable, Error>?] = [nil, nil]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Result { try stores[index].load(path: file.path) }
            lock.lock()
            results[index] = result
            lock.unlock()
        }
        let tables = try results.map { try $0!.get() }
        XCTAssertEqual(tables.filter(\.imported).count, 1)
        for (store, table) in zip(stores, tables) {
            XCTAssertEqual(try store.scalar("SELECT count(*) FROM \(table.relationSQL)"), .integer(3000))
        }
        XCTAssertEqual(sqliteFiles(workspace).count, 1)
    }

    func testManyAttachedCachesUpToTheLimit() throws {
        let workspace = try Workspace()
        let store = try workspace.store()
        XCTAssertGreaterThanOrEqual(store.attachLimit, 10)
        let count = min(store.attachLimit, 24)
        for index in 0..<count {
            let file = try workspace.write("f\(index).csv", "n\n\(index)\n")
            let table = try store.load(path: file.path)
            XCTAssertEqual(try store.scalar("SELECT n FROM \(table.relationSQL)"), .integer(Int64(index)))
        }
        if count == store.attachLimit {
            let file = try workspace.write("one_too_many.csv", "n\n1\n")
            XCTAssertThrowsError(try store.load(path: file.path)) { error in
                XCTAssertTrue((error as? LoadError)?.message.hasPrefix("too many tables loaded at once") == true, "\(error)")
            }
        }
    }

    func testProgressIsReportedAndCanBeTurnedOff() throws {
        let workspace = try Workspace()
        let file = try workspace.write("t.csv", tweets(1...10))
        let store = try workspace.store()
        var reports: [ImportProgress] = []
        store.progressHandler = { reports.append($0) }
        _ = try store.load(path: file.path, options: LoadOptions(showsProgress: false))
        XCTAssertEqual(reports, [])
        try workspace.write("t.csv", tweets(1...12))
        _ = try store.load(path: file.path)
        XCTAssertEqual(reports.last?.isFinished, true)
        XCTAssertEqual(reports.last?.rows, 12)
        let line = TerminalProgressBar.line(for: ImportProgress(file: "t.csv", rows: 1_234_567, bytesRead: 50_000_000,
                                                                 totalBytes: 100_000_000, elapsed: 2))
        XCTAssertEqual(line, "importing t.csv [############------------] 50%  1,234,567 rows  25.0 MB/s  ETA 0:02")
    }

    func testDefaultCacheDirectory() {
        XCTAssertEqual(TableStore.defaultCacheDirectory(environment: ["TEI_CACHE_DIR": "/x/c", "XDG_CACHE_HOME": "/y"]).path, "/x/c")
        XCTAssertEqual(TableStore.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "/y", "HOME": "/h"]).path, "/y/tei")
        XCTAssertEqual(TableStore.defaultCacheDirectory(environment: ["HOME": "/h"]).path, "/h/.cache/tei")
        XCTAssertEqual(TableStore.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]).path, "/h/.cache/tei")
    }
}
