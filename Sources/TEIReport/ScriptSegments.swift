import TEILanguage

/// A script cut into statements and the comment prose between them, using the parser's spans
/// (comments are not in the syntax tree, so they are recovered from the text between statements).
struct ScriptSegments {
    /// A stretch of code that becomes one report cell, and the prose before it.
    struct Segment {
        var prose: [String]
        var code: String
        /// Byte offset where the code starts: events at or after it (and before the next) belong to it.
        var start: Int
        var line: Int
    }

    var segments: [Segment] = []
    var closingProse: [String] = []

    init(source: Source, sourceIndex: Int) {
        let (program, _) = Parser.parse(source, index: sourceIndex)
        let spans = program.statements.map(\.span).filter { $0.source == sourceIndex }.sorted { $0.start < $1.start }
        var cursor = 0
        var pendingProse: [String] = []
        /// Comment lines of a gap become prose; code the parser did not turn into a statement (a
        /// syntax error) becomes a cell of its own, so its diagnostics have a place to show.
        func absorbGap(_ source: Source, from start: Int, to end: Int) -> [String] {
            guard start < end else { return [] }
            let text = source.text(of: Span(source: sourceIndex, start: start, end: end))
            var prose: [String] = []
            var offset = start
            var stray: (start: Int, lines: [String])?
            func flushStray() {
                guard let pending = stray else { return }
                segments.append(Segment(prose: Self.trimmingBlankLines(pendingProse + prose), code: pending.lines.joined(separator: "\n"),
                                        start: pending.start, line: source.location(of: pending.start).line))
                pendingProse = []
                prose = []
                stray = nil
            }
            for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = String(rawLine)
                defer { offset += line.utf8.count + 1 }
                let trimmed = line.trimmingLeadingWhitespace
                if trimmed.hasPrefix("#!") && offset == 0 { continue }
                if trimmed.hasPrefix("#") {
                    flushStray()
                    var comment = trimmed.dropFirst()
                    if comment.first == " " { comment = comment.dropFirst() }
                    prose.append(Self.trimmingTrailingWhitespace(String(comment)))
                } else if trimmed.allSatisfy({ $0.isWhitespace || $0 == ";" }) {
                    if stray == nil { prose.append("") }
                } else if stray != nil {
                    stray?.lines.append(Self.trimmingTrailingWhitespace(line))
                } else {
                    stray = (offset + (line.utf8.count - trimmed.utf8.count), [Self.trimmingTrailingWhitespace(trimmed)])
                }
            }
            flushStray()
            return prose
        }

        for span in spans where span.start >= cursor {
            pendingProse += absorbGap(source, from: cursor, to: span.start)
            // The rest of the statement's last line (a trailing comment) stays with its code.
            var end = span.end
            while end < source.bytes.count, source.bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let code = source.text(of: Span(source: sourceIndex, start: span.start, end: end))
            segments.append(Segment(prose: Self.trimmingBlankLines(pendingProse), code: Self.trimmingTrailingWhitespace(code), start: span.start,
                                    line: source.location(of: span.start).line))
            pendingProse = []
            cursor = end
        }
        pendingProse += absorbGap(source, from: cursor, to: source.bytes.count)
        closingProse = Self.trimmingBlankLines(pendingProse)
    }

    /// The prose lines without blank lines at either end, and runs of blank lines cut to one.
    static func trimmingBlankLines(_ lines: [String]) -> [String] {
        var result: [String] = []
        for line in lines {
            if line.isEmpty && (result.isEmpty || result.last?.isEmpty == true) { continue }
            result.append(line)
        }
        while result.last?.isEmpty == true { result.removeLast() }
        return result
    }

    static func trimmingTrailingWhitespace(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}

extension String {
    var trimmingLeadingWhitespace: String {
        String(drop { $0 == " " || $0 == "\t" })
    }
}
