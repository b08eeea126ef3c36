import CEditlineShim
import Foundation

/// Reads lines with libedit: emacs keys, `~/.editrc`, history with Ctrl-R search, Tab
/// completion from a `Completer`, and Ctrl-C clearing the line.
public final class EditlineReader: LineReading {
    private let editor: OpaquePointer
    private let completer: (String) -> Completion
    private var pending = ""

    /// Opens libedit on the process's terminal; nil when it cannot start.
    public init?(program: String = "tei", completer: @escaping (String) -> Completion) {
        guard let editor = tei_editor_open(program) else { return nil }
        self.editor = editor
        self.completer = completer
        tei_editor_set_completion(editor, { context in
            guard let context else { return UInt8(TEI_EDIT_ERROR) }
            return Unmanaged<EditlineReader>.fromOpaque(context).takeUnretainedValue().completeAtCursor()
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { tei_editor_close(editor) }

    public func readLine(prompt: String, pending: String) -> LineInput {
        self.pending = pending
        tei_editor_set_prompt(editor, prompt)
        var cancelled: Int32 = 0
        guard let line = tei_editor_read(editor, &cancelled) else { return .endOfInput }
        if cancelled != 0 { return .cancelled }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    public func hasPendingInput() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    public func setHistory(_ entries: [String], limit: Int) {
        var pointers = entries.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        pointers.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                tei_editor_set_history(editor, $0, Int32(entries.count), Int32(limit))
            }
        }
    }

    public func addHistory(_ entry: String) {
        tei_editor_add_history(editor, entry)
    }

    /// Tab: inserts what all candidates share; when that is nothing and there are several, lists them.
    private func completeAtCursor() -> UInt8 {
        var buffer = [CChar](repeating: 0, count: 8192)
        tei_editor_text_before_cursor(editor, &buffer, Int32(buffer.count))
        let line = String(cString: buffer)
        let completion = completer(pending.isEmpty ? line : pending + "\n" + line)
        if completion.candidates.isEmpty { return UInt8(TEI_EDIT_ERROR) }
        var insertion = completion.insertion
        if completion.candidates.count == 1, completion.candidates[0].hasPrefix(":") { insertion += " " }
        if !insertion.isEmpty {
            tei_editor_insert(editor, insertion)
            return UInt8(TEI_EDIT_REFRESH)
        }
        let listing = CandidateListing.format(completion.candidates, width: Self.terminalWidth())
        tei_editor_print(editor, "\n" + listing + "\n")
        return UInt8(TEI_EDIT_REDISPLAY)
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

/// Lays completion candidates out in columns that fit the screen.
enum CandidateListing {
    static func format(_ candidates: [String], width: Int, limit: Int = 200) -> String {
        let shown = Array(candidates.prefix(limit))
        let cell = (shown.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / max(cell, 1))
        var rows: [String] = []
        var index = 0
        while index < shown.count {
            let row = shown[index..<min(index + perRow, shown.count)]
            rows.append(row.map { $0.padding(toLength: cell, withPad: " ", startingAt: 0) }.joined().trimmingCharacters(in: .whitespaces))
            index += perRow
        }
        if candidates.count > shown.count { rows.append("… and \(candidates.count - shown.count) more") }
        return rows.joined(separator: "\n")
    }
}
