import Foundation

/// Small broken (or merely awkward) files for the importer's bad-input tests; each is named for what
/// is wrong with it. All start from a valid four-row 2019-layout tweets file.
struct MalformedFixtures {
    let generator: FixtureGenerator

    private static let spec = ReleaseSpec(
        checkedBaseName: "freedonia_malformed", format: .format2019, tweetCount: 4, accountCount: 3,
        firstTweetDay: CivilTime.day(year: 2017, month: 3, day: 1),
        lastTweetDay: CivilTime.day(year: 2017, month: 4, day: 30))

    func files() throws -> [FixtureFile] {
        let (header, rows) = sampleRows()
        let csv = { (lines: [[String]], lineEnd: String) -> Data in
            Self.csv(lines, lineEnd: lineEnd)
        }
        let valid = csv([header] + rows, "\n")
        var files: [FixtureFile] = []
        func add(_ name: String, _ data: Data) { files.append(FixtureFile(path: "malformed/" + name, data: data)) }

        // The last record stops inside tweet_text: the opening quote is never closed.
        let textColumn = header.firstIndex(of: TweetColumn.tweetText.rawValue)!
        var unterminated = csv([header] + rows.prefix(3), "\n")
        let broken = rows[3]
        let brokenStart = broken.prefix(textColumn).map(Self.quoted).joined(separator: ",")
        unterminated.append(contentsOf: Array((brokenStart + ",\"" + String(broken[textColumn].prefix(12))).utf8))
        add("unterminated_quote_at_eof.csv", unterminated)

        // The second record lacks its last field.
        add("wrong_field_count.csv", csv([header, rows[0], Array(rows[1].dropLast()), rows[2]], "\n"))

        let timeColumn = header.firstIndex(of: TweetColumn.tweetTime.rawValue)!
        let withoutTime = ([header] + rows).map { line in line.enumerated().filter { $0.offset != timeColumn }.map(\.element) }
        add("missing_tweet_time_column.csv", csv(withoutTime, "\n"))

        add("empty.csv", Data())
        add("header_only.csv", csv([header], "\n"))
        add("utf8_bom.csv", Data([0xEF, 0xBB, 0xBF]) + valid)

        // Row 2's text holds a lone continuation byte, a truncated two-byte sequence and 0xFF.
        add("invalid_utf8.csv", damaged(header: header, rows: rows, textColumn: textColumn,
                                        insert: [0x80, 0xC3, 0x28, 0xFF]))
        add("nul_bytes.csv", damaged(header: header, rows: rows, textColumn: textColumn, insert: [0x00]))
        add("crlf_line_ends.csv", csv([header] + rows, "\r\n"))

        add("zip_without_csv.zip", try ReleaseArchive.zip([
            FixtureFile(path: "README.txt", data: Data("This archive holds no CSV file.\n".utf8)),
        ]))
        let zipped = try ReleaseArchive.zip([FixtureFile(path: Self.spec.tweetsFileName, data: valid)])
        add("truncated.zip", zipped.prefix(zipped.count * 3 / 5))
        return files
    }

    /// The header and field values of the valid sample file.
    private func sampleRows() -> ([String], [[String]]) {
        var stream = TweetStream(spec: Self.spec, seed: generator.seed)
        let encoder = TweetRowEncoder(format: Self.spec.format, population: stream.population)
        var rows: [[String]] = []
        while let tweet = stream.next() { rows.append(encoder.fields(of: tweet)) }
        return (Self.spec.format.tweetColumns.map(\.rawValue), rows)
    }

    /// The valid file with `insert` spliced into row 2's tweet_text, after its first character.
    private func damaged(header: [String], rows: [[String]], textColumn: Int, insert: [UInt8]) -> Data {
        var data = Self.csv([header, rows[0]], lineEnd: "\n")
        let row = rows[1]
        let before = row.prefix(textColumn).map(Self.quoted).joined(separator: ",") + ",\""
        let text = row[textColumn].replacingOccurrences(of: "\"", with: "\"\"")
        let after = "\"," + row.suffix(from: textColumn + 1).map(Self.quoted).joined(separator: ",") + "\n"
        data.append(contentsOf: Array(before.utf8))
        // Split after the first whole character, so the only damage is the inserted bytes.
        let firstLength = text.unicodeScalars.first.map { String($0).utf8.count } ?? 0
        data.append(contentsOf: Array(text.utf8.prefix(firstLength)))
        data.append(contentsOf: insert)
        data.append(contentsOf: Array(text.utf8.dropFirst(firstLength)))
        data.append(contentsOf: Array(after.utf8))
        data.append(Self.csv(Array(rows.suffix(from: 2)), lineEnd: "\n"))
        return data
    }

    private static func quoted(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func csv(_ lines: [[String]], lineEnd: String) -> Data {
        Data(lines.map { $0.map(quoted).joined(separator: ",") + lineEnd }.joined().utf8)
    }
}
