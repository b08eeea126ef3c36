import Foundation
import TEIEngine
import TEIRender
import TEIStorage

/// Writes a report as one self-contained HTML page: inline style sheet and SVG charts, no network assets.
public struct HTMLReportWriter: Sendable {
    /// The folder the report goes to, so mentions of SVG files written by the script are relative to it.
    public var reportDirectory: URL?

    public init(reportDirectory: URL? = nil) {
        self.reportDirectory = reportDirectory
    }

    /// The whole page, ending in a newline.
    public func render(_ document: ReportDocument) -> String {
        let title = HTMLText.escape("Report: \(document.scriptName)")
        var body: [String] = ["<h1>\(title)</h1>", provenance(document)]
        if !document.provenance.inputFiles.isEmpty { body.append(inputFiles(document.provenance.inputFiles)) }
        if !document.otherDiagnostics.isEmpty {
            body.append("<h2>Problems outside the script</h2>")
            body += document.otherDiagnostics.map { "<pre class=\"diagnostic\">\(HTMLText.escape($0))</pre>" }
        }
        body.append("<h2>Script</h2>")
        for cell in document.cells { body.append(render(cell, outcome: document.outcome)) }
        if !document.closingProse.isEmpty { body.append("<section class=\"prose\">\n\(HTMLText.prose(document.closingProse))\n</section>") }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="tei \(HTMLText.escape(document.provenance.toolVersion))"/>
        <title>\(title)</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    private func provenance(_ document: ReportDocument) -> String {
        let run = document.provenance
        var rows: [(String, String)] = [
            ("tei version", HTMLText.escape(run.toolVersion)),
            ("Command", "<code>\(HTMLText.escape(run.commandText))</code>"),
        ]
        if let time = run.startedAtText { rows.append(("Run at", "<time>\(HTMLText.escape(time))</time>")) }
        let parameters = run.parameters.map { parameter in
            "<code>\(HTMLText.escape(parameter.name))</code> = <code>\(HTMLText.escape(parameter.value))</code>"
                + (parameter.isOverridden ? " (set with <code>--param</code>)" : " (default)")
        }
        rows.append(("Parameters", parameters.isEmpty ? "none" : parameters.joined(separator: "<br/>")))
        let outcomeClass = document.outcome == .success ? "outcome" : "outcome-failed"
        rows.append(("Outcome", "<span class=\"\(outcomeClass)\">\(HTMLText.escape(document.outcomeText))</span>"))
        let items = rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined(separator: "\n")
        return "<dl class=\"provenance\">\n\(items)\n</dl>"
    }

    private func inputFiles(_ files: [SourceFile]) -> String {
        var html = "<h2>Input files</h2>\n<div class=\"table\"><table>\n<thead><tr><th>File</th><th class=\"num\">Bytes</th>"
            + "<th class=\"num\">Rows</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
        for file in files {
            html += "<tr><td>\(HTMLText.escape(file.path))</td>"
                + "<td class=\"num\">\(RowCountFooter.groupingThousands(Int(file.size)))</td>"
                + "<td class=\"num\">\(RowCountFooter.groupingThousands(file.rows))</td>"
                + "<td><code>\(HTMLText.escape(file.sha256))</code></td></tr>\n"
        }
        return html + "</tbody>\n</table></div>"
    }

    private func render(_ cell: ReportCell, outcome: RunOutcome) -> String {
        let notRun = cell.status == .notRun && outcome != .success
        var parts = ["<section class=\"cell\(notRun ? " not-run" : "")\" id=\"line-\(cell.line)\">"]
        if !cell.prose.isEmpty { parts.append(HTMLText.prose(cell.prose)) }
        parts.append("<pre class=\"code\"><code>\(HTMLText.escape(cell.code))</code></pre>")
        parts += cell.outputs.map(render)
        if notRun, cell.outputs.isEmpty { parts.append("<p class=\"status\">Not run.</p>") }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    private func render(_ output: ReportOutput) -> String {
        switch output {
        case .table(let table):
            return HTMLTableRenderer().render(table)
        case .sql(let sql):
            return "<pre class=\"sql\"><code>\(HTMLText.escape(sql))</code></pre>"
        case .saved(let path, let rows):
            return "<p>Saved \(HTMLText.escape(RowCountFooter.text(shown: rows, total: rows))) to <code>\(HTMLText.escape(path))</code>.</p>"
        case .chart(let request, let table):
            var figure = "<figure>\n"
            switch ChartRendering.inlineSVG(request, table) {
            case .success(let svg):
                figure += svg + "\n"
            case .failure:
                switch ChartRendering.text(request, table) {
                case .success(let text): figure += "<pre class=\"chart\">\(HTMLText.escape(text))</pre>\n"
                case .failure(let error): figure += "<pre class=\"diagnostic\">\(HTMLText.escape("chart not drawn: \(error)"))</pre>\n"
                }
            }
            if let link = ChartRendering.svgLink(request, reportDirectory: reportDirectory) {
                figure += "<figcaption>Also written to <code>\(HTMLText.escape(link))</code>.</figcaption>\n"
            }
            return figure + "</figure>"
        case .diagnostic(let diagnostic, let rendered):
            let warning = diagnostic.severity == .error ? "" : " warning"
            return "<pre class=\"diagnostic\(warning)\">\(HTMLText.escape(rendered))</pre>"
        }
    }
}
