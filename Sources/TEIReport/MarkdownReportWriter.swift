import Foundation
import TEIEngine
import TEIRender
import TEIStorage

/// Writes a report as a Markdown document: comments as prose, code blocks, Markdown tables, text charts.
public struct MarkdownReportWriter: Sendable {
    /// The folder the report goes to, so links to SVG files written by the script are relative to it.
    public var reportDirectory: URL?

    public init(reportDirectory: URL? = nil) {
        self.reportDirectory = reportDirectory
    }

    /// The whole document, ending in a newline.
    public func render(_ document: ReportDocument) -> String {
        var blocks: [String] = ["# Report: \(document.scriptName)", provenance(document)]
        if !document.provenance.inputFiles.isEmpty { blocks.append(inputFiles(document.provenance.inputFiles)) }
        if !document.otherDiagnostics.isEmpty {
            blocks.append("## Problems outside the script")
            blocks += document.otherDiagnostics.map { MarkdownText.block($0, language: "text") }
        }
        blocks.append("## Script")
        for cell in document.cells {
            if !cell.prose.isEmpty { blocks.append(cell.prose.joined(separator: "\n")) }
            blocks.append(MarkdownText.block(cell.code, language: "tei"))
            blocks += cell.outputs.map(render)
            if cell.status == .notRun, !cell.code.isEmpty, cell.outputs.isEmpty, document.outcome != .success {
                blocks.append("*Not run.*")
            }
        }
        if !document.closingProse.isEmpty { blocks.append(document.closingProse.joined(separator: "\n")) }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func provenance(_ document: ReportDocument) -> String {
        let run = document.provenance
        var lines = [
            "- **tei version:** \(run.toolVersion)",
            "- **Command:** \(MarkdownText.code(run.commandText))",
        ]
        if let time = run.startedAtText { lines.append("- **Run at:** \(time)") }
        if run.parameters.isEmpty {
            lines.append("- **Parameters:** none")
        } else {
            lines.append("- **Parameters:**")
            lines += run.parameters.map { parameter in
                "  - \(MarkdownText.code(parameter.name)) = \(MarkdownText.code(parameter.value))"
                    + (parameter.isOverridden ? " (set with `--param`)" : " (default)")
            }
        }
        lines.append("- **Outcome:** \(MarkdownRenderer.escape(document.outcomeText))")
        return lines.joined(separator: "\n")
    }

    private func inputFiles(_ files: [SourceFile]) -> String {
        let header = "## Input files\n\n| File | Bytes | Rows | SHA-256 |\n| --- | ---: | ---: | --- |"
        let rows = files.map { file in
            "| \(MarkdownRenderer.escape(file.path)) | \(RowCountFooter.groupingThousands(Int(file.size))) | "
                + "\(RowCountFooter.groupingThousands(file.rows)) | \(MarkdownText.code(file.sha256)) |"
        }
        return ([header] + rows).joined(separator: "\n")
    }

    private func render(_ output: ReportOutput) -> String {
        switch output {
        case .table(let table):
            return MarkdownRenderer().render(table)
        case .sql(let sql):
            return MarkdownText.block(sql, language: "sql")
        case .saved(let path, let rows):
            return "Saved \(RowCountFooter.text(shown: rows, total: rows)) to \(MarkdownText.code(path))."
        case .chart(let request, let table):
            var parts: [String]
            switch ChartRendering.text(request, table) {
            case .success(let text): parts = [MarkdownText.block(text, language: "text")]
            case .failure(let error): parts = ["**Chart not drawn:** \(MarkdownRenderer.escape("\(error)"))"]
            }
            if let link = ChartRendering.svgLink(request, reportDirectory: reportDirectory) {
                let title = MarkdownRenderer.escape(request.title ?? "chart").replacingOccurrences(of: "]", with: "\\]")
                parts.append("![\(title)](<\(link)>)")
            }
            return parts.joined(separator: "\n\n")
        case .diagnostic(let diagnostic, let rendered):
            let label = diagnostic.severity == .error ? "**Error:**" : "**\(diagnostic.severity.rawValue.capitalized):**"
            return label + "\n\n" + MarkdownText.block(rendered, language: "text")
        }
    }
}
