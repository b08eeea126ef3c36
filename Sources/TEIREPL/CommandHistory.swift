import Foundation
import TEIStorage

/// The REPL's history: complete cells (a multi-line cell is one entry), oldest first, without
/// duplicates and bounded in size, kept in a file across sessions.
public struct CommandHistory: Equatable {
    /// The most entries kept.
    public let limit: Int
    public private(set) var entries: [String] = []

    public init(limit: Int = 1000, entries: [String] = []) {
        self.limit = max(1, limit)
        for entry in entries { add(entry) }
    }

    /// `$XDG_STATE_HOME/tei/history`, else `~/.local/state/tei/history`.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("tei/history")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/tei/history")
    }

    /// Adds an entry as the newest; an equal older entry is removed, so repeats collapse.
    public mutating func add(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        entries.removeAll { $0 == trimmed }
        entries.append(trimmed)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// Reads a history file; a missing or unreadable file is an empty history.
    public static func load(from url: URL, limit: Int = 1000) -> CommandHistory {
        guard let data = FileManager.default.contents(atPath: url.path) else { return CommandHistory(limit: limit) }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        return CommandHistory(limit: limit, entries: lines.map { decode(String($0)) })
    }

    /// Writes the history, one entry a line, creating the folder when needed.
    public func save(to url: URL) throws {
        let text = entries.map(CommandHistory.encode).joined(separator: "\n") + "\n"
        try SafeFileWriter(destination: url).write(text)
    }

    /// An entry as one line: backslashes and line breaks escaped.
    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ line: String) -> String {
        var result = ""
        var escaping = false
        for character in line {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
