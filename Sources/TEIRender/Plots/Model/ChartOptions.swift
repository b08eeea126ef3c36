/// How a chart is drawn: its size, title, scale and character set.
///
/// Text charts are measured in terminal cells (`width` columns by `height` lines, default 80×20);
/// the whole chart, title and notes included, fits in `width` columns. `height` bounds the charts
/// with a vertical value axis (histogram, line, scatter) and the rows of a heatmap; bar charts and
/// sparklines grow one line per category up to `maxCategories`. SVG documents use `pixelWidth` by
/// `pixelHeight`.
public struct ChartOptions: Sendable, Hashable {
    /// The smallest text size a chart is drawn at; smaller requests are raised to it.
    public static let minimumWidth = 24
    /// The smallest number of lines a chart with a vertical axis is drawn in.
    public static let minimumHeight = 6

    /// Columns available to the whole text chart.
    public var width: Int
    /// Lines available to charts with a vertical axis.
    public var height: Int
    /// A title drawn above the chart, if any.
    public var title: String?
    /// Draw with ASCII characters only (`#`, `*`, `.`, `-`, `|`, `+` and the ramp ` .:-=+*#%@`).
    public var ascii: Bool
    /// Color the marks with ANSI escape sequences (text only).
    public var color: Bool
    /// How values map to lengths and positions.
    public var scale: ValueScale
    /// How many categories (bars, sparkline rows) are drawn before the rest are counted in a note.
    public var maxCategories: Int
    /// Width of an SVG document, in pixels.
    public var pixelWidth: Int
    /// Height of an SVG document, in pixels.
    public var pixelHeight: Int
    /// Notes from the caller, printed under the chart after the renderer's own: what the query
    /// that computed the data left out (categories beyond the top N, sampled points).
    public var notes: [String]

    public init(
        width: Int = 80,
        height: Int = 20,
        title: String? = nil,
        ascii: Bool = false,
        color: Bool = false,
        scale: ValueScale = .linear,
        maxCategories: Int = 30,
        pixelWidth: Int = 720,
        pixelHeight: Int = 400,
        notes: [String] = []
    ) {
        self.width = width
        self.height = height
        self.title = title
        self.ascii = ascii
        self.color = color
        self.scale = scale
        self.maxCategories = maxCategories
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.notes = notes
    }

    /// The text width actually used: never below `minimumWidth`.
    var effectiveWidth: Int { max(width, Self.minimumWidth) }

    /// The text height actually used: never below `minimumHeight`.
    var effectiveHeight: Int { max(height, Self.minimumHeight) }

    /// The category limit actually used: at least one.
    var effectiveMaxCategories: Int { max(maxCategories, 1) }
}
