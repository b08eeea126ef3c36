import Foundation

/// Builds a standalone SVG document element by element, escaping all text.
struct SVGDocument {
    let width: Double
    let height: Double
    private var elements: [String] = []

    /// The series colors (colorblind-safe "Tableau 10" order).
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    init(width: Int, height: Int) {
        self.width = Double(max(width, 160))
        self.height = Double(max(height, 100))
    }

    static func color(ofSeries index: Int) -> String { palette[index % palette.count] }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) {
        let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        let attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 0)))\" "
            + "height=\"\(Self.number(max(height, 0)))\" fill=\"\(fill)\""
        elements.append(tooltip.isEmpty ? "<rect \(attributes)/>" : "<rect \(attributes)>\(tooltip)</rect>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333", dashed: Bool = false) {
        elements.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
            + "y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\"\(dashed ? " stroke-dasharray=\"2,3\"" : "")/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Int = 12,
                       bold: Bool = false, fill: String = "#222") {
        elements.append("<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor.rawValue)\" "
            + "font-size=\"\(size)\"\(bold ? " font-weight=\"bold\"" : "") fill=\"\(fill)\">\(Self.escape(content))</text>")
    }

    /// A polyline through `points`; a single point draws a small dot instead.
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 1.5) {
        guard let first = points.first else { return }
        if points.count == 1 {
            circle(x: first.x, y: first.y, radius: strokeWidth + 1, fill: stroke)
            return
        }
        let d = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(Self.number($0.element.x)) \(Self.number($0.element.y))" }
        elements.append("<path d=\"\(d.joined(separator: " "))\" fill=\"none\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(Self.number(strokeWidth))\" stroke-linejoin=\"round\"/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        elements.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\" fill-opacity=\"0.8\"/>")
    }

    /// The document: XML declaration, `<svg>` with a viewBox, an accessible `<title>`, a white
    /// background, then the elements in the order they were added.
    func render(title: String?) -> String {
        let w = Self.number(width), h = Self.number(height)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
                + "font-family=\"Helvetica, Arial, sans-serif\">",
        ]
        if let title { lines.append("<title>\(Self.escape(title))</title>") }
        lines.append("<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"white\"/>")
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text made safe for XML content and attributes: markup characters escaped, characters XML
    /// 1.0 forbids (most control characters) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) || (0x7F...0x9F).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The approximate width of `text` in pixels at `size` points.
    static func textWidth(_ text: String, size: Int = 12) -> Double {
        Double(TerminalText.displayWidth(of: text)) * Double(size) * 0.6
    }
}
