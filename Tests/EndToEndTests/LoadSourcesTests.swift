import Foundation
import XCTest

/// What `load` accepts through `tei`: folders and release archives as they come, standard input,
/// and files that are not CSV named as such, quickly, never a hang.
final class LoadSourcesTests: XCTestCase {
    private var folder: URL!
    private var cache: URL!

    override func setUpWithError() throws {
        folder = try TEIProcess.scratchFolder()
        cache = folder.appendingPathComponent("cache", isDirectory: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func tei(_ code: String, input: String? = nil) throws -> TEIBinary.Result {
        try TEIProcess.run(["--format", "csv", "-c", code], cacheDirectory: cache, input: input, timeout: 60)
    }

    @discardableResult
    private func write(_ name: String, _ bytes: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        return url
    }

    private func fixture(_ name: String) -> URL {
        TEIBinary.repositoryRoot.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    private func assertFails(_ result: TEIBinary.Result, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, result.standardError, file: file, line: line)
        XCTAssertEqual(result.standardOutput, "", file: file, line: line)
        XCTAssertTrue(result.standardError.contains(message), result.standardError, file: file, line: line)
    }

    // MARK: - Standard input, pipes and devices

    func testPipedStandardInputIsReadOnceAndLoads() throws {
        let result = try tei(#"load "/dev/stdin" | select a, b, source_file"#, input: "a,b\n1,x\n2,y\n")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "a,b,source_file\n1,x,stdin.csv\n2,y,stdin.csv\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        XCTAssertEqual(left.filter { $0.hasPrefix("stdin-") }, [], "the copy of standard input is deleted")
    }

    func testDevZeroAndANamedPipeAreRefusedAtOnce() throws {
        assertFails(try tei(#"load "/dev/zero" | count"#), "this is not a CSV file: it is a device, not a regular file")
        let fifo = folder.appendingPathComponent("pipe.csv")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        assertFails(try tei("load \"\(fifo.path)\" | count"), "this is not a CSV file: it is a named pipe, not a regular file")
    }

    func testEndlessBinaryOnStandardInputIsRefused() throws {
        let result = try tei(#"load "/dev/stdin" | count"#, input: String(repeating: "\u{0}", count: 100_000))
        assertFails(result, "this is not a CSV file: it holds binary data")
    }

    // MARK: - Files that are not CSV

    func testBinaryDataIsNotACSVFile() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let file = try write("program.csv", bytes)
        assertFails(try tei("load \"\(file.path)\" | count"), "program.csv: this is not a CSV file: it holds binary data")
        assertFails(try tei("load \"\(file.path)\" lenient | count"), "this is not a CSV file: it holds binary data")
    }

    func testAGzipFileNamedCSVIsNamedAsSuch() throws {
        let gzip = try Data(contentsOf: fixture("freedonia_201901_1.zip"))
        let file = try write("zipped.csv", gzip)
        assertFails(try tei("load \"\(file.path)\" | count"), "this is not a CSV file: it is a zip archive")
        let gzipped = try write("gzipped.csv", Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]))
        let result = try tei("load \"\(gzipped.path)\" | count")
        assertFails(result, "this is not a CSV file: it is compressed with gzip")
        XCTAssertTrue(result.standardError.contains("name it with .csv.gz at the end"), result.standardError)
    }

    func testUTF16TextIsNamedAsSuch() throws {
        let file = try write("wide.csv", Data([0xFF, 0xFE]) + "a,b\n1,2\n".data(using: .utf16LittleEndian)!)
        let result = try tei("load \"\(file.path)\" | count")
        assertFails(result, "wide.csv: this is not a CSV file tei can read: it is UTF-16 text")
        XCTAssertTrue(result.standardError.contains("save it as UTF-8"), result.standardError)
    }

    func testMarkdownIsNotACSVFile() throws {
        let file = try write("notes.csv", Data("# Notes\n\nThe release came in, with two files.\n".utf8))
        assertFails(try tei("load \"\(file.path)\" | count"), "notes.csv:3: this is not a CSV file: its first line has no comma, but this line has 2 fields")
        assertFails(try tei("load \"\(file.path)\" lenient | count"), "this is not a CSV file")
    }

    func testALineWithoutEndIsRefusedBeforeMemoryRunsOut() throws {
        let handle = try FileHandle(forWritingTo: write("long.csv", Data("a,b\n\"".utf8)))
        handle.seekToEndOfFile()
        let chunk = Data(repeating: 0x61, count: 1 << 20)
        for _ in 0..<70 { handle.write(chunk) }
        try handle.close()
        assertFails(try tei("load \"\(folder.path)/long.csv\" | count"), "long.csv:2: a record runs past 64 MiB without ending")
    }

    // MARK: - Lenient

    func testLenientSkipsTextAfterAClosingQuoteAndKeepsTheOtherRows() throws {
        let file = try write("quotes.csv", Data("a,b\n1,x\n\"2\"oops,y\n3,z\n".utf8))
        let strict = try tei("load \"\(file.path)\" | count")
        assertFails(strict, "quotes.csv:3: unexpected text after the closing quote of field 1")
        XCTAssertTrue(strict.standardError.contains(#"a lenient load (load "…" lenient) skips such a row"#), strict.standardError)

        for code in ["load \"\(file.path)\" lenient | select a, b", "load lenient \"\(file.path)\" | select a, b"] {
            let lenient = try tei(code)
            XCTAssertEqual(lenient.status, 0, lenient.standardError)
            XCTAssertEqual(lenient.standardOutput, "a,b\n1,x\n3,z\n")
            XCTAssertTrue(lenient.standardError.contains("skipped 1 malformed row: quotes.csv:3: unexpected text after the closing quote"),
                          lenient.standardError)
        }
    }

    func testTheTruncatedFileHintWorksAsWritten() throws {
        let file = try write("cut.csv", Data("a,b\n1,x\n2,\"never closed\n".utf8))
        assertFails(try tei("load \"\(file.path)\" | count"), "cut.csv:3: unterminated quoted field")
        let lenient = try tei("load \"\(file.path)\" lenient | select a, b")
        XCTAssertEqual(lenient.status, 0, lenient.standardError)
        XCTAssertEqual(lenient.standardOutput, "a,b\n1,x\n")
    }

    func testFieldCountMessagesSpeakInTheSingular() throws {
        let file = try write("one.csv", Data("a,b\n1\n".utf8))
        assertFails(try tei("load \"\(file.path)\" | count"), "one.csv:2: expected 2 fields, found 1")
    }

    // MARK: - Cache folder

    func testAnUnwritableCacheFolderNamesTheSourceAndTheFolder() throws {
        let source = try write("data.csv", Data("a\n1\n".utf8))
        var readOnly = folder.appendingPathComponent("read-only", isDirectory: true)
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        chmod(readOnly.path, 0o555)
        defer { chmod(readOnly.path, 0o755) }
        if Self.canCreateFile(in: readOnly) {
            // Root writes anywhere; sysfs refuses even root.
            readOnly = URL(fileURLWithPath: "/sys/kernel", isDirectory: true)
            guard FileManager.default.fileExists(atPath: readOnly.path), !Self.canCreateFile(in: readOnly) else {
                throw XCTSkip("no folder here refuses to be written")
            }
        }
        let result = try TEIProcess.run(["-c", "load \"\(source.path)\" | count"], cacheDirectory: readOnly, timeout: 60)
        assertFails(result, "data.csv: cannot cache this source: the cache folder \(readOnly.path) cannot be written")
        XCTAssertTrue(result.standardError.contains("--cache-dir"), result.standardError)
        XCTAssertFalse(result.standardError.contains(".lock"), result.standardError)
    }

    private static func canCreateFile(in folder: URL) -> Bool {
        let probe = folder.appendingPathComponent(".probe-\(getpid())").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        unlink(probe)
        return true
    }

    // MARK: - Folders and releases

    /// A release folder as it comes: tweets and users files side by side, and a subfolder.
    private func releaseFolder() throws -> URL {
        let release = folder.appendingPathComponent("release", isDirectory: true)
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        for name in ["freedonia_201810_tweets_csv_hashed.csv", "freedonia_201810_users_csv_hashed.csv"] {
            try FileManager.default.copyItem(at: fixture(name), to: release.appendingPathComponent(name))
        }
        try write("release/old/broken.zip", Data("PK not really a zip".utf8))
        return release
    }

    func testAReleaseFolderLoadsItsTweetsOrItsUsers() throws {
        let release = try releaseFolder()
        let mixed = try tei("load \"\(release.path)\" | count")
        assertFails(mixed, "this is a tei users file but freedonia_201810_tweets_csv_hashed.csv is a tei tweets file")
        XCTAssertTrue(mixed.standardError.contains(#"load tweets "…" or load users "…" picks one kind of file"#), mixed.standardError)

        let tweets = try tei("load tweets \"\(release.path)\" | count")
        XCTAssertEqual(tweets.status, 0, tweets.standardError)
        XCTAssertEqual(tweets.standardOutput, "n\n1800\n")
        let users = try tei("load users \"\(release.path)\" | distinct source_file")
        XCTAssertEqual(users.status, 0, users.standardError)
        XCTAssertEqual(users.standardOutput, "source_file\nfreedonia_201810_users_csv_hashed.csv\n")
    }

    func testSubfoldersAreSearchedOnlyWhenRecursive() throws {
        let release = try releaseFolder()
        let recursive = try tei("load tweets \"\(release.path)\" recursive | count")
        assertFails(recursive, "old/broken.zip: the zip file is damaged or truncated")

        let nested = folder.appendingPathComponent("nested", isDirectory: true)
        try write("nested/inner/a.csv", Data("x\n1\n2\n".utf8))
        let flat = try tei("load \"\(nested.path)\" | count")
        assertFails(flat, "the folder holds no .csv, .csv.gz or .zip file (subfolders are not searched)")
        let deep = try tei("load \"\(nested.path)\" recursive | select x, source_file")
        XCTAssertEqual(deep.status, 0, deep.standardError)
        XCTAssertEqual(deep.standardOutput, "x,source_file\n1,a.csv\n2,a.csv\n")
    }

    func testASymlinkedFolderIsFollowed() throws {
        let release = try releaseFolder()
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: release)
        let result = try tei("load tweets \"\(link.path)\" | count")
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "n\n1800\n")
    }

    func testAReleaseZipLoadsItsUsersOrItsTweets() throws {
        let zip = fixture("freedonia_201901_1.zip").path
        let users = try tei("load users \"\(zip)\" | distinct source_file")
        XCTAssertEqual(users.status, 0, users.standardError)
        XCTAssertEqual(users.standardOutput, "source_file\nfreedonia_201901_1.zip/freedonia_201901_1_users_csv_hashed.csv\n")
        let tweets = try tei("load tweets \"\(zip)\" | count")
        XCTAssertEqual(tweets.status, 0, tweets.standardError)
        XCTAssertEqual(tweets.standardOutput, "n\n1800\n")
    }

    func testAKindThatIsNotThereIsAnError() throws {
        let tweets = fixture("freedonia_202012_tweets_csv_hashed.csv").path
        assertFails(try tei("load users \"\(tweets)\" | count"), "this is a tei tweets file, not a tei users file")
    }

    // MARK: - The same data twice

    func testAReleaseZipBesideItsUnzippedFilesIsRefusedNotCountedTwice() throws {
        let release = folder.appendingPathComponent("rel", isDirectory: true)
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        for name in ["freedonia_201901_1.zip", "freedonia_201901_1_tweets_csv_hashed.csv"] {
            try FileManager.default.copyItem(at: fixture(name), to: release.appendingPathComponent(name))
        }
        let result = try tei("load tweets \"\(release.path)\" | group (n = count())")
        assertFails(result, "rel/freedonia_201901_1_tweets_csv_hashed.csv: the same data as "
                    + "freedonia_201901_1.zip/freedonia_201901_1_tweets_csv_hashed.csv (same name and size): every row would count twice")
        XCTAssertTrue(result.standardError.contains("name the zip (\"…/freedonia_201901_1.zip\") or the file"), result.standardError)
        let zip = release.appendingPathComponent("freedonia_201901_1.zip").path
        let one = try tei("load tweets \"\(zip)\" | group (n = count(), ids = count_distinct(tweetid))")
        XCTAssertEqual(one.status, 0, one.standardError)
        XCTAssertEqual(one.standardOutput, "n,ids\n1800,1800\n")
    }

    func testTwoCopiesOfOneFileAreRefusedNamingBoth() throws {
        try write("a.csv", Data("id,n\n1,2\n".utf8))
        try write("b.csv", Data("id,n\n1,2\n".utf8))
        assertFails(try tei("load \"\(folder.path)\" | count"), "b.csv: the same data as a.csv (same SHA-256): every row would count twice")
    }

    // MARK: - Standard input read out

    func testAnEmptyOrAlreadyReadStandardInputIsNamedAsSuch() throws {
        let twice = try tei("load \"/dev/stdin\" | count\nload \"/dev/stdin\" | count", input: "a\n1\n")
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.standardError.contains("/dev/stdin: standard input was already read by an earlier load"), twice.standardError)
        let empty = try tei(#"load "/dev/stdin" | count"#, input: "")
        assertFails(empty, "/dev/stdin: standard input is empty")
        let script = try TEIProcess.run(["run", "-"], cacheDirectory: cache, input: #"load "/dev/stdin" | count"# + "\n", timeout: 60)
        XCTAssertEqual(script.status, 1)
        XCTAssertTrue(script.standardError.contains("standard input is empty"), script.standardError)
        XCTAssertTrue(script.standardError.contains("(tei run -), load the CSV by its file name"), script.standardError)
        for result in [twice, empty, script] {
            XCTAssertFalse(result.standardError.contains("stdin.csv"), result.standardError)
        }
    }
}
