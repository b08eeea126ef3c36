@testable import TEIPostgres
import XCTest

/// Reading connection URLs, and the one rule about them: the password is never shown.
final class PostgresURLTests: XCTestCase {
    func testReadsEveryPartOfAURL() throws {
        let url = try PostgresURL(parsing: "postgresql://alice:s%40cret@db.example.org:6543/archive?sslmode=require&application_name=lab")
        XCTAssertEqual(url.scheme, "postgresql")
        XCTAssertEqual(url.user, "alice")
        XCTAssertEqual(url.password, "s@cret")
        XCTAssertEqual(url.hosts, [PostgresURL.Host(name: "db.example.org", port: "6543")])
        XCTAssertEqual(url.database, "archive")
        XCTAssertEqual(url.parameters.map(\.key), ["sslmode", "application_name"])
    }

    func testAUnixSocketFolderIsTheHostParameter() throws {
        let url = try PostgresURL(parsing: "postgres://tei:pw@/postgres?host=/tmp/tei-pg.abc")
        XCTAssertEqual(url.hosts, [])
        let keywords = Dictionary(uniqueKeysWithValues: url.connectionKeywords.map { ($0.key, $0.value) })
        XCTAssertEqual(keywords["host"], "/tmp/tei-pg.abc")
        XCTAssertEqual(keywords["dbname"], "postgres")
        XCTAssertEqual(keywords["password"], "pw")
    }

    func testHostListsIPv6AndMissingParts() throws {
        let list = try PostgresURL(parsing: "postgres://h1:5433,[::1]:5434,h3/db")
        XCTAssertEqual(list.hosts, [.init(name: "h1", port: "5433"), .init(name: "::1", port: "5434"), .init(name: "h3", port: nil)])
        let keywords = Dictionary(uniqueKeysWithValues: list.connectionKeywords.map { ($0.key, $0.value) })
        XCTAssertEqual(keywords["host"], "h1,::1,h3")
        XCTAssertEqual(keywords["port"], "5433,5434,")
        XCTAssertEqual(list.redacted, "postgres://h1:5433,[::1]:5434,h3/db")

        let bare = try PostgresURL(parsing: "postgres://")
        XCTAssertNil(bare.user)
        XCTAssertNil(bare.database)
        XCTAssertEqual(bare.hosts, [])
    }

    func testTeiSetsItsEncodingATimeoutAndItsName() throws {
        let keywords = try PostgresURL(parsing: "postgres://u@h/db").connectionKeywords
        let values = Dictionary(uniqueKeysWithValues: keywords.map { ($0.key, $0.value) })
        XCTAssertEqual(values["client_encoding"], "UTF8")
        XCTAssertEqual(values["connect_timeout"], "10")
        XCTAssertEqual(values["fallback_application_name"], "tei")
        let ownTimeout = try PostgresURL(parsing: "postgres://u@h/db?connect_timeout=3").connectionKeywords
        XCTAssertEqual(ownTimeout.filter { $0.key == "connect_timeout" }.map(\.value), ["3"])
    }

    func testRedactedFormHidesThePasswordAndSecretParameters() throws {
        let url = try PostgresURL(parsing: "postgres://alice:hunter2hunter2@db:5432/archive?sslpassword=keyphrase&sslmode=verify-full")
        XCTAssertEqual(url.redacted, "postgres://alice:***@db:5432/archive?sslpassword=***&sslmode=verify-full")
        for shown in [url.redacted, "\(url)", String(reflecting: url)] {
            XCTAssertFalse(shown.contains("hunter2"), shown)
            XCTAssertFalse(shown.contains("keyphrase"), shown)
        }
        let inQuery = try PostgresURL(parsing: "postgres://alice@db/archive?password=hunter2hunter2")
        XCTAssertEqual(inQuery.redacted, "postgres://alice@db/archive?password=***")
    }

    func testMessagesFromTheServerAreScrubbedOfThePassword() throws {
        let url = try PostgresURL(parsing: "postgres://alice:hunter2hunter2@db/archive")
        let error = PostgresError.connectionFailed(
            "connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  role hunter2hunter2 is odd\n", url: url)
        XCTAssertEqual(error.description, "cannot connect to PostgreSQL at postgres://alice:***@db/archive: role *** is odd")
    }

    func testConnectionFailuresKeepReasonsAndHints() throws {
        let url = try PostgresURL(parsing: "postgres://u@/db?host=/tmp/nowhere")
        let error = PostgresError.connectionFailed("""
            connection to server on socket "/tmp/nowhere/.s.PGSQL.5432" failed: No such file or directory
            \tIs the server running locally and accepting connections on that socket?

            """, url: url)
        XCTAssertEqual(error.kind, .connection)
        XCTAssertEqual(error.message, "No such file or directory")
        XCTAssertEqual(error.hint, "Is the server running locally and accepting connections on that socket?")
    }

    func testErrorsNeverQuoteTheURL() {
        let cases: [(String, PostgresURLError)] = [
            ("alice:hunter2hunter2@db/archive", .noScheme),
            ("postgress://alice:hunter2hunter2@db/archive", .unknownScheme("postgress")),
            ("alice:hunter2hunter2@db://x", .unknownScheme("alice:hunter2hunter2@db")),
            ("postgres://alice:hunter2%zz@db/archive", .badEscape(part: "password")),
            ("postgres://alice:hunter2hunter2/archive", .badPort),
            ("postgres://[::1/archive", .unclosedBracket),
            ("postgres://db/archive?hunter2hunter2", .parameterWithoutValue),
            ("postgres://db/archive?client_encoding=LATIN1", .clientEncoding),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try PostgresURL(parsing: text), text) { error in
                XCTAssertEqual(error as? PostgresURLError, expected, text)
                XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
            }
        }
        XCTAssertEqual(PostgresURLError.unknownScheme("postgress").description.prefix(40), "'postgress://' is not a PostgreSQL URL s")
        XCTAssertTrue(PostgresURLError.unknownScheme("alice:hunter2hunter2@db").description.hasPrefix("the text before '://' is not"))
    }

    func testCommandLinesAreRedactedForReports() {
        let arguments = ["tei", "--db", "postgres://alice:hunter2hunter2@db/archive", "run", "--db=postgresql://bob:pw12345678@h/x",
                         "x.tei", "--db", "hunter2hunter2-not-a-url"]
        XCTAssertEqual(PostgresURL.redacting(arguments: arguments),
                       ["tei", "--db", "postgres://alice:***@db/archive", "run", "--db=postgresql://bob:***@h/x",
                        "x.tei", "--db", "***"])
    }
}
