/// An RFC 4180 reader written independently of the renderer, to check what it writes.
enum TinyCSVParser {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty else { throw Malformed() }
                quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\n":
                record.append(field)
                records.append(record)
                (record, field) = ([], "")
            case "\r":
                throw Malformed()  // Bare CR must only appear inside quotes.
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        guard !quoted else { throw Malformed() }
        record.append(field)
        records.append(record)
        return records
    }
}
