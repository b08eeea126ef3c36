import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output device can show: its size, and whether it takes colors and non-ASCII decoration.
public struct TerminalInfo: Sendable, Hashable {
    /// Columns available for one line of output.
    public var width: Int
    /// Lines that fit on one screen.
    public var height: Int
    /// Whether the output is an interactive terminal rather than a file or pipe.
    public var isTerminal: Bool
    /// Whether ANSI styles may be written.
    public var color: Bool
    /// Whether decorations (rules, ellipses, newline markers) must stay within ASCII.
    ///
    /// Data is never transliterated: this only picks `-` over `─`, `...` over `…`, `\n` over `↵`.
    public var ascii: Bool
    /// Whether tables are fitted to `width`, cutting long cells and dropping columns.
    ///
    /// Off for files and pipes: nothing wraps lines there, and an id cut to `2490641…` is no id,
    /// so their cells are whole (`--width` turns it back on).
    public var fitsTables: Bool

    /// The size assumed when the output is not a terminal.
    public static let defaultWidth = 80
    /// The height assumed when the output is not a terminal.
    public static let defaultHeight = 24

    /// A plain 80×24 device without color, whose tables are whole: what files and pipes get.
    public static let plain = TerminalInfo(width: defaultWidth, height: defaultHeight, fitsTables: false)

    public init(width: Int, height: Int, isTerminal: Bool = false, color: Bool = false, ascii: Bool = false,
                fitsTables: Bool = true) {
        self.width = max(1, width)
        self.height = max(1, height)
        self.isTerminal = isTerminal
        self.color = color
        self.ascii = ascii
        self.fitsTables = fitsTables
    }

    /// Describes the device behind file descriptor `fd` (usually `STDOUT_FILENO`).
    ///
    /// - Size: `ioctl(TIOCGWINSZ)` on a terminal, else 80×24; positive `COLUMNS` / `LINES` win over both.
    ///   Tables are fitted to the width only on a terminal.
    /// - Color: `policy` decides; under `.auto`, only on a terminal whose `TERM` is set and not `dumb`,
    ///   and only when `NO_COLOR` is absent or empty (https://no-color.org).
    /// - ASCII: when the effective locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) is set and names
    ///   a charset other than UTF-8 (`C`, `POSIX`, `en_US.ISO-8859-1`). An unset locale counts as
    ///   UTF-8, which is what current terminals use.
    public static func detect(
        for fd: Int32,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        colorPolicy: ColorPolicy = .auto
    ) -> TerminalInfo {
        let isTerminal = isatty(fd) == 1
        var (width, height) = (defaultWidth, defaultHeight)
        if isTerminal, let size = windowSize(of: fd) {
            (width, height) = size
        }
        if let columns = positiveInteger(environment["COLUMNS"]) { width = columns }
        if let lines = positiveInteger(environment["LINES"]) { height = lines }
        return TerminalInfo(
            width: width,
            height: height,
            isTerminal: isTerminal,
            color: usesColor(policy: colorPolicy, isTerminal: isTerminal, environment: environment),
            ascii: localeIsASCII(environment),
            fitsTables: isTerminal
        )
    }

    /// Whether color is on under `policy` for a device with these traits.
    public static func usesColor(policy: ColorPolicy, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch policy {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            guard isTerminal, let term = environment["TERM"], !term.isEmpty else { return false }
            return term != "dumb"
        }
    }

    /// Whether the locale in `environment` limits output to ASCII.
    public static func localeIsASCII(_ environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .lazy
            .compactMap { environment[$0] }
            .first { !$0.isEmpty }
        guard let locale else { return false }
        let lowered = locale.lowercased()
        return !(lowered.contains("utf-8") || lowered.contains("utf8"))
    }

    /// The window size the kernel reports, or nil when it reports none (some pseudo-terminals say 0×0).
    private static func windowSize(of fd: Int32) -> (width: Int, height: Int)? {
        var size = winsize()
        #if canImport(Darwin)
        let result = ioctl(fd, TIOCGWINSZ, &size)
        #else
        let result = ioctl(fd, UInt(TIOCGWINSZ), &size)
        #endif
        guard result == 0, size.ws_col > 0 else { return nil }
        let height = size.ws_row > 0 ? Int(size.ws_row) : defaultHeight
        return (Int(size.ws_col), height)
    }

    private static func positiveInteger(_ text: String?) -> Int? {
        guard let text, let value = Int(text.trimmingWhitespace), value > 0 else { return nil }
        return value
    }
}

private extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
