import Foundation

/// A deliberately tiny, independent RFC 4180 reader for checking generated files: every field must
/// be quoted (as in the TEI archive), `""` is an escaped quote, records end with LF or CRLF.
enum RFC4180Reader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The records of `data`; an extra empty line at the end is allowed, as in the archive.
    static func records(_ data: Data) throws -> [[String]] {
        let bytes = [UInt8](data)
        var records: [[String]] = []
        var record: [String] = []
        var index = 0
        let quote = UInt8(ascii: "\"")
        while index < bytes.count {
            if record.isEmpty && bytes[index] == UInt8(ascii: "\n") && index == bytes.count - 1 && !records.isEmpty {
                break
            }
            guard bytes[index] == quote else {
                throw Failure(description: "unquoted field at byte \(index)")
            }
            index += 1
            var field: [UInt8] = []
            while true {
                guard index < bytes.count else { throw Failure(description: "unterminated quote at end of file") }
                if bytes[index] == quote {
                    if index + 1 < bytes.count && bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                field.append(bytes[index])
                index += 1
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw Failure(description: "invalid UTF-8 in record \(records.count + 1)")
            }
            record.append(text)
            guard index < bytes.count else {
                throw Failure(description: "last record has no line end")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "\n"):
                records.append(record)
                record = []
                index += 1
            case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                records.append(record)
                record = []
                index += 2
            default:
                throw Failure(description: "garbage after closing quote at byte \(index)")
            }
        }
        return records
    }

    /// The records of `data` as dictionaries keyed by the header, after checking every record has
    /// exactly the header's field count.
    static func table(_ data: Data) throws -> (header: [String], rows: [[String: String]]) {
        let all = try records(data)
        guard let header = all.first else { throw Failure(description: "no header") }
        for (number, record) in all.enumerated() where record.count != header.count {
            throw Failure(description: "record \(number + 1) has \(record.count) fields, header has \(header.count)")
        }
        return (header, all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }
}
