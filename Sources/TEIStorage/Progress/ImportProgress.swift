import Foundation

/// How far an import has got: what `TableStore.progressHandler` receives a few times a second.
public struct ImportProgress: Sendable, Equatable {
    /// What is being done, and what measures how far it has got.
    public enum Work: Sendable, Equatable {
        /// Reading source files into the local cache, measured by the bytes read of `totalBytes`.
        case importing
        /// Copying a cache's tables to a PostgreSQL server, measured by the rows sent of
        /// `totalRows` (every table's); `bytesRead` counts the bytes sent.
        case copyingToServer(totalRows: Int64)
    }

    /// The file being read (as `source_file` names it), or the release being copied.
    public var file: String
    /// Rows imported (or copied) so far, over all files of the load (or tables of the copy).
    public var rows: Int64
    /// Source bytes read so far (compressed bytes for `.gz`, uncompressed for zip entries).
    public var bytesRead: Int64
    /// All source bytes the load will read.
    public var totalBytes: Int64
    /// Seconds since the import started.
    public var elapsed: Double
    /// Whether the import has finished (the last report of a load).
    public var isFinished: Bool
    public var work: Work

    public init(file: String, rows: Int64, bytesRead: Int64, totalBytes: Int64, elapsed: Double, isFinished: Bool = false,
                work: Work = .importing) {
        self.file = file
        self.rows = rows
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.elapsed = elapsed
        self.isFinished = isFinished
        self.work = work
    }

    /// Megabytes (10^6 bytes) read (or sent) per second so far.
    public var megabytesPerSecond: Double {
        elapsed > 0 ? Double(bytesRead) / 1_000_000 / elapsed : 0
    }

    /// How much is done and how much there is, in the unit that measures the work.
    private var measure: (done: Int64, total: Int64) {
        switch work {
        case .importing: return (bytesRead, totalBytes)
        case .copyingToServer(let totalRows): return (rows, totalRows)
        }
    }

    /// The estimated seconds left, from the rate so far; nil before there is a rate.
    public var secondsRemaining: Double? {
        let (done, total) = measure
        guard done > 0, elapsed > 0, total >= done else { return nil }
        return Double(total - done) / (Double(done) / elapsed)
    }

    /// The fraction done, 0…1.
    public var fraction: Double {
        let (done, total) = measure
        return total > 0 ? min(1, Double(done) / Double(total)) : 0
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

    /// The text of the bar: `importing f.csv [#####-----]  42%  1,234,567 rows  85.2 MB/s  ETA 0:12`
    /// (`copying f.csv to the server […` for a copy).
    public static func line(for progress: ImportProgress, width: Int = 24) -> String {
        let filled = Int((progress.fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = Int((progress.fraction * 100).rounded(.down))
        let eta = progress.secondsRemaining.map { seconds -> String in
            let s = Int(seconds.rounded())
            return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String(format: "%d:%02d", s / 60, s % 60)
        } ?? "--:--"
        let doing: String
        switch progress.work {
        case .importing: doing = "importing \(progress.file)"
        case .copyingToServer: doing = "copying \(progress.file) to the server"
        }
        return "\(doing) [\(bar)] \(percent)%  \(grouped(progress.rows)) rows  "
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
