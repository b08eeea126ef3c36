import Foundation
import TEIEngine
import TEILanguage

/// A script as a Jupyter notebook (nbformat 4.5) for the tei kernel: each block of comments becomes
/// a Markdown cell and each statement a code cell, in the order of the script. Running the
/// notebook's cells in order runs the script.
public struct ScriptNotebook {
    /// A cell of the notebook.
    public enum Cell: Equatable {
        case markdown(String)
        case code(String)
    }

    public let cells: [Cell]

    /// The `language_info` of tei notebooks, which the kernel also reports.
    public static func languageInfo(version: String) -> [String: Any] {
        [
            "name": "tei",
            "version": version,
            "mimetype": "text/x-tei",
            "file_extension": ".tei",
            // No editor or highlighter knows tei; Python's modes colour what the two share:
            // `#` comments, double-quoted strings, numbers and `and`/`or`/`not`/`in`/`import`.
            "codemirror_mode": "python",
            "pygments_lexer": "python",
        ]
    }

    public init(source: Source) {
        let segments = ScriptSegments(source: source, sourceIndex: 0)
        var cells: [Cell] = []
        for segment in segments.segments {
            if !segment.prose.isEmpty { cells.append(.markdown(segment.prose.joined(separator: "\n"))) }
            cells.append(.code(segment.code))
        }
        if !segments.closingProse.isEmpty { cells.append(.markdown(segments.closingProse.joined(separator: "\n"))) }
        // The script's opening comment line is its title.
        if case .markdown(let text)? = cells.first, !text.hasPrefix("#") { cells[0] = .markdown("# " + text) }
        self.cells = cells
    }

    /// The notebook as nbformat JSON, with the tei kernel named in its metadata.
    public func json() -> String {
        let cells = cells.enumerated().map { index, cell -> [String: Any] in
            var fields: [String: Any] = ["id": "cell-\(index + 1)", "metadata": [String: Any]()]
            switch cell {
            case .markdown(let text):
                fields["cell_type"] = "markdown"
                fields["source"] = Self.lines(text)
            case .code(let text):
                fields["cell_type"] = "code"
                fields["source"] = Self.lines(text)
                fields["execution_count"] = NSNull()
                fields["outputs"] = [Any]()
            }
            return fields
        }
        let notebook: [String: Any] = [
            "cells": cells,
            "metadata": [
                "kernelspec": ["name": "tei", "display_name": "tei", "language": "tei"],
                "language_info": Self.languageInfo(version: TEIVersion.current),
            ] as [String: Any],
            "nbformat": 4,
            "nbformat_minor": 5,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// nbformat's multi-line string: one string per line, each but the last ending in a line break.
    private static func lines(_ text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        return lines.enumerated().map { $0.offset == lines.count - 1 ? $0.element : $0.element + "\n" }
    }
}
