import Foundation
import TEIEngine
import TEIRender
import TEIStorage

/// How reports draw charts: a fixed width, so that a report does not depend on the terminal it ran in.
enum ChartRendering {
    /// Text charts in reports are this many columns wide unless the plot says otherwise.
    static let textWidth = 80

    /// The chart as text, or the error that stopped it.
    static func text(_ request: PlotRequest, _ table: ResultTable) -> Result<String, Error> {
        Result { try ChartBuilder.build(table, request: request).text(terminalWidth: textWidth, ascii: false, color: false) }
    }

    /// The chart as an SVG element ready to inline in HTML (without the XML declaration).
    static func inlineSVG(_ request: PlotRequest, _ table: ResultTable) -> Result<String, Error> {
        let plotted = ChartBuilder.build(table, request: request)
        return Result {
            var svg = try plotted.chart.renderSVG(plotted.svgOptions)
            if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") {
                svg = String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return svg
        }
    }

    /// The path of the SVG file a plot wrote, relative to the folder the report is in.
    static func svgLink(_ request: PlotRequest, reportDirectory: URL?) -> String? {
        guard let svg = request.svgPath else { return nil }
        guard let reportDirectory else { return svg.path }
        return RelativePath.from(reportDirectory, to: svg)
    }
}

/// A path from one folder to a file, for links that keep working when both move together.
enum RelativePath {
    static func from(_ directory: URL, to file: URL) -> String {
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let target = file.standardizedFileURL.deletingLastPathComponent().resolvingSymlinksInPath().pathComponents
            + [file.lastPathComponent]
        var shared = 0
        while shared < base.count, shared < target.count - 1, base[shared] == target[shared] { shared += 1 }
        let ups = Array(repeating: "..", count: base.count - shared)
        return (ups + target[shared...]).joined(separator: "/")
    }
}
