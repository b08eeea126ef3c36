import Foundation
import TEIRender
import TEIStorage

/// Writes the rows of a `save` to a file, in the same CSV and JSON forms the command prints.
enum ResultFile {
    static func write(_ table: ResultTable, to url: URL, format: SaveFormat) throws {
        let text: String
        switch format {
        case .csv: text = CSVRenderer().render(table)
        case .json: text = JSONRenderer().render(table)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Written aside and moved into place, so a failed save never leaves half a file.
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tei-partial")
        try Data(text.utf8).write(to: temporary)
        if FileManager.default.fileExists(atPath: url.path) {
            _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
        } else {
            try FileManager.default.moveItem(at: temporary, to: url)
        }
    }
}
