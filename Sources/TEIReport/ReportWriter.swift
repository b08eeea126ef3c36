import Foundation
import TEIStorage

/// Renders a report in the format its file name asks for and writes it.
public enum ReportWriter {
    /// The report's text for `destination` in `format`.
    public static func render(_ document: ReportDocument, format: ReportFormat, destination: URL) -> String {
        let directory = destination.deletingLastPathComponent()
        switch format {
        case .markdown: return MarkdownReportWriter(reportDirectory: directory).render(document)
        case .html: return HTMLReportWriter(reportDirectory: directory).render(document)
        }
    }

    /// Writes the report through `file` (beside the target, then renamed), so a failed write never
    /// leaves half a report nor touches anything but the report.
    public static func write(_ document: ReportDocument, format: ReportFormat, to file: SafeFileWriter) throws {
        try file.write(render(document, format: format, destination: file.destination))
    }
}
