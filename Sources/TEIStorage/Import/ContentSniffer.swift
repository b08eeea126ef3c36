/// Tells from the first bytes of a stream that it is not CSV text at all (a compressed file or an
/// archive under a `.csv` name, an executable, an image), so the load says so instead of importing
/// junk rows or reporting field counts.
enum ContentSniffer {
    /// How much of the stream's start is looked at.
    static let sampleSize = 64 << 10

    /// Why `sample` (the start of a stream) cannot be CSV text, with a hint; nil when it may be.
    ///
    /// Text in any 8-bit encoding has almost no control bytes other than tab and line ends, and a
    /// NUL is never in a header; binary data has them everywhere (random bytes: one in ten). Invalid
    /// UTF-8 alone is not enough: a Latin-1 CSV is text, loaded with its bytes replaced and a warning.
    static func problem(in sample: UnsafeRawBufferPointer) -> (message: String, hint: String)? {
        let bytes = sample.prefix(sampleSize)
        if bytes.starts(with: [0x1F, 0x8B]) {
            return ("this is not a CSV file: it is compressed with gzip", "name it with .csv.gz at the end to load the CSV inside")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return ("this is not a CSV file: it is a zip archive", "name it with .zip at the end to load the CSV files inside")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return ("this is not a CSV file tei can read: it is UTF-16 text", "save it as UTF-8")
        }
        let firstLine = bytes.prefix { $0 != 0x0A }
        let controls = bytes.reduce(0) { count, byte in
            count + (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C ? 1 : 0)
        }
        if firstLine.contains(0) || controls * 100 > bytes.count {
            return ("this is not a CSV file: it holds binary data", "a CSV file is text: a header line, then one line per row")
        }
        return nil
    }
}
