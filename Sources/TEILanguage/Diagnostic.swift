import Foundation

/// A problem found in a script: where, what, and how to fix it. Diagnostics are values; they are
/// rendered in one place (`DiagnosticRenderer`).
public struct Diagnostic: Error, Sendable, Equatable {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var message: String
    /// Where the problem is; nil for problems with no place in the source (a bad `--param`).
    public var span: Span?
    public var hints: [String]

    public init(_ severity: Severity = .error, _ message: String, at span: Span?, hints: [String] = []) {
        self.severity = severity
        self.message = message
        self.span = span
        self.hints = hints
    }

    public static func error(_ message: String, at span: Span?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: span, hints: hint.map { [$0] } ?? [])
    }

    public static func warning(_ message: String, at span: Span?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: span, hints: hint.map { [$0] } ?? [])
    }
}

/// Renders diagnostics as `file:line:col: error: message`, the source line, a caret line and hints.
public struct DiagnosticRenderer {
    public let sources: SourceMap
    public var color: Bool

    public init(sources: SourceMap, color: Bool = false) {
        self.sources = sources
        self.color = color
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let label = paint(diagnostic.severity.rawValue, diagnostic.severity == .error ? "1;31" : "1;33")
        var lines: [String] = []
        guard let span = diagnostic.span, span.source < sources.sources.count else {
            lines.append("\(label): \(Self.cut(diagnostic.message))")
            lines += diagnostic.hints.map { "  hint: \(Self.cut($0))" }
            return lines.joined(separator: "\n")
        }
        let source = sources[span.source]
        let (line, column) = source.location(of: span.start)
        lines.append("\(source.name):\(line):\(column): \(label): \(Self.cut(diagnostic.message))")
        let text = source.lineText(containing: span.start).replacingOccurrences(of: "\t", with: " ")
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        // The caret covers the span on its first line, at least one character.
        let (endLine, endColumn) = source.location(of: max(span.end, span.start))
        let width = endLine == line ? max(1, endColumn - column) : max(1, text.count - column + 1)
        let (shown, caretStart, caretWidth) = Self.window(of: text, column: column, width: width)
        lines.append("  \(gutter) | \(shown)")
        let caret = String(repeating: " ", count: caretStart) + String(repeating: "^", count: caretWidth)
        lines.append("  \(pad) | \(paint(caret, "1;32"))")
        lines += diagnostic.hints.map { "  \(paint("hint", "1;36")): \(Self.cut($0))" }
        return lines.joined(separator: "\n")
    }

    /// A message or hint cut to `maximumShownLine` characters: they quote names from the source,
    /// which may be megabytes long.
    static func cut(_ text: String) -> String {
        guard text.utf8.count > maximumShownLine else { return text }
        let characters = Array(text)
        return characters.count > maximumShownLine ? String(characters.prefix(maximumShownLine)) + "…" : text
    }

    /// Lines longer than this many characters are shown cut around the caret.
    static let maximumShownLine = 240

    /// The part of a line to show, and where its caret starts and how wide it is (in characters):
    /// the whole line when short, else `maximumShownLine` characters from a little before the
    /// caret, cut ends marked with `…` (a script of one 5 MB line printed it twice).
    static func window(of text: String, column: Int, width: Int) -> (text: String, caretStart: Int, caretWidth: Int) {
        let characters = Array(text)
        guard characters.count > maximumShownLine else { return (text, column - 1, width) }
        let first = max(0, min(column - 1 - 40, characters.count - maximumShownLine))
        let last = min(characters.count, first + maximumShownLine)
        let shown = (first > 0 ? "…" : "") + String(characters[first..<last]) + (last < characters.count ? "…" : "")
        let caretStart = column - 1 - first + (first > 0 ? 1 : 0)
        return (shown, caretStart, max(1, min(width, last - (column - 1))))
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Suggests the closest known name for a misspelt one.
public enum Suggestion {
    /// The candidate closest to `name` by edit distance, when close enough to be a likely typo.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        // No name that long is a typo of a known one, and the distance costs its length squared
        // (a 5 MB name took 8 s).
        guard name.utf8.count <= maximumLength else { return nil }
        let lowered = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in candidates where candidate.utf8.count <= maximumLength {
            let other = Array(candidate.lowercased())
            let limit = max(1, min(3, other.count / 3))
            guard abs(other.count - lowered.count) <= limit else { continue }
            let distance = editDistance(lowered, other)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Names longer than this many bytes get no suggestion.
    static let maximumLength = 256

    /// A hint of the form `did you mean 'x'?`, or nil.
    public static func hint(for name: String, among candidates: [String]) -> String? {
        closest(to: name, among: candidates).map { "did you mean '\($0)'?" }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a), Array(b))
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
