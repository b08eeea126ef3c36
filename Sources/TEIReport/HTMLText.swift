/// Escaping for HTML text and attribute values; the output is also well-formed XML.
enum HTMLText {
    /// `text` safe between tags and inside double-quoted attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            // Other control characters are not allowed in XML at all, even as references: show them visibly.
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Comment prose as HTML paragraphs: blank lines separate paragraphs; `code` spans are kept.
    static func prose(_ lines: [String]) -> String {
        var paragraphs: [[String]] = [[]]
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(line)
            }
        }
        return paragraphs.filter { !$0.isEmpty }.map { "<p>" + inline($0.joined(separator: "\n")) + "</p>" }.joined(separator: "\n")
    }

    /// Escapes `text`, turning `code` spans into `<code>` elements.
    static func inline(_ text: String) -> String {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        // An odd number of backticks leaves the last one unpaired: it is shown as written.
        guard pieces.count >= 3 else { return escape(text) }
        var result = ""
        let paired = pieces.count % 2 == 1 ? pieces.count : pieces.count - 1
        for index in 0..<paired {
            result += index % 2 == 1 ? "<code>" + escape(String(pieces[index])) + "</code>" : escape(String(pieces[index]))
        }
        if paired < pieces.count { result += escape("`" + pieces[paired]) }
        return result
    }
}
