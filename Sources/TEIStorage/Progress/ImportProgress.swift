import Foundation

/// How far an import has got: what `TableStore.progressHandler` receives a few times a second.
public struct ImportProgress: Sendable, Equatable {
    /// The file being read (as `source_file` names it).
    public var file: String
    /// Rows imported so far, over all files of the load.
    public var rows: Int64
    /// Source bytes read so far (compressed bytes for `.gz`, uncompressed for zip entries).
    public var bytesRead: Int64
    /// All source bytes the load will read.
    public var totalBytes: Int64
    /// Seconds since the import started.
    public var elapsed: Double
    /// Whether the import has finished (the last report of a load).
    public var isFinished: Bool

    public init(file: String, rows: Int64, bytesRead: Int64, totalBytes: Int64, elapsed: Double, isFinished: Bool = false) {
        self.file = file
        self.rows = rows
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.elapsed = elapsed
        self.isFinished = isFinished
    }

    /// Megabytes (10^6 bytes) read per second so far.
    public var megabytesPerSecond: Double {
        elapsed > 0 ? Double(bytesRead) / 1_000_000 / elapsed : 0
    }

    /// The estimated seconds left, from the rate so far; nil before there is a rate.
    public var secondsRemaining: Double? {
        guard bytesRead > 0, elapsed > 0, totalBytes >= bytesRead else { return nil }
        return Double(totalBytes - bytesRead) / (Double(bytesRead) / elapsed)
    }

    /// The fraction done, 0…1.
    public var fraction: Double {
        totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 0
    }
}

/// Draws an `ImportProgress` as one self-overwriting line on standard error.
public final class TerminalProgressBar: @unchecked Sendable {
    private let width = 24

    public init() {}

    /// Whether standard error is a terminal (the bar is drawn only then).
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Redraws the bar, or clears it once the import has finished.
    public func draw(_ progress: ImportProgress) {
        if progress.isFinished {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            return
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.line(for: progress, width: width)).utf8))
    }

    /// The text of the bar: `importing f.csv [#####-----]  42%  1,234,567 rows  85.2 MB/s  ETA 0:12`.
    public static func line(for progress: ImportProgress, width: Int = 24) -> String {
        let filled = Int((progress.fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = Int((progress.fraction * 100).rounded(.down))
        let eta = progress.secondsRemaining.map { seconds -> String in
            let s = Int(seconds.rounded())
            return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String(format: "%d:%02d", s / 60, s % 60)
        } ?? "--:--"
        return "importing \(progress.file) [\(bar)] \(percent)%  \(grouped(progress.rows)) rows  "
            + String(format: "%.1f MB/s", progress.megabytesPerSecond) + "  ETA \(eta)"
    }

    private static func grouped(_ n: Int64) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
