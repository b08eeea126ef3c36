/// A grid of terminal cells that points and lines are drawn on, in pixels.
///
/// In braille mode each cell holds 2×4 dots (U+2800 block), so lines are four times as fine
/// vertically; otherwise a pixel is a whole cell showing its series' marker. A cell belongs to
/// the last series drawn on it, which decides its color and marker.
struct DotCanvas {
    let columns: Int
    let rows: Int
    let braille: Bool
    private var dots: [UInt8]
    private var owner: [Int?]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = columns
        self.rows = rows
        self.braille = braille
        dots = Array(repeating: 0, count: columns * rows)
        owner = Array(repeating: nil, count: columns * rows)
    }

    var pixelWidth: Int { columns * (braille ? 2 : 1) }
    var pixelHeight: Int { rows * (braille ? 4 : 1) }

    /// Braille dot bits by (column within cell, row within cell).
    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the pixel at (`x`, `y`), `y` counted from the top; pixels outside are ignored.
    mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cell = braille ? (y / 4) * columns + x / 2 : y * columns + x
        dots[cell] |= braille ? Self.bits[x % 2][y % 4] : 1
        owner[cell] = series
    }

    /// Draws a straight line of pixels between two points (Bresenham).
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), series: Int) {
        var (x, y) = a
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y, series: series)
            if x == b.x && y == b.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// The text of cell row `row`: braille characters or markers, colored by series.
    func text(ofRow row: Int, glyphs: Glyphs, style: ANSIStyle) -> String {
        var out = ""
        for column in 0..<columns {
            let cell = row * columns + column
            guard let series = owner[cell] else { out += " "; continue }
            let mark = braille
                ? String(Character(Unicode.Scalar(0x2800 + UInt32(dots[cell]))!))
                : glyphs.marker(series)
            out += style.series(mark, series)
        }
        return out
    }
}
