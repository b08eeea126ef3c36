import Foundation

/// What a run of `tei fetch` tells while it works, on standard error. On a terminal, one line
/// redrawn at most ten times a second, like the import's bar: files done, bytes of the total, rate,
/// ETA, then each file downloading with its share done; lines of news (`resuming …`, `fetched …`)
/// print above it. Elsewhere (a pipe, a file, the tests) only the lines of news.
/// Called from every download thread.
public final class FetchProgress: @unchecked Sendable {
    private struct Transfer {
        var done: Int64
        var total: Int64?
    }

    private let lock = NSLock()
    private let drawsBar: Bool
    private let width: Int
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var isBarShown = false
    /// The files of the run and the sum of their sizes, when every size is known in advance.
    private var fileCount = 0
    private var totalBytes: Int64?
    private var finishedFiles = 0
    /// Bytes of finished files, counted into the total.
    private var finishedBytes: Int64 = 0
    /// Bytes received in this run: the rate.
    private var received: Int64 = 0
    private var transfers: [String: Transfer] = [:]
    private var order: [String] = []

    /// `drawsBar`: standard error is a terminal `width` columns wide.
    public init(drawsBar: Bool, width: Int) {
        self.drawsBar = drawsBar
        self.width = max(20, width)
    }

    /// Sets the files of the run.
    func plan(_ items: [FetchItem]) {
        lock.withLock {
            fileCount = items.count
            let sizes = items.compactMap(\.expectedSize)
            totalBytes = sizes.count == items.count ? sizes.reduce(0, +) : nil
        }
    }

    /// A line of news, above the bar.
    public func log(_ line: String) {
        lock.withLock {
            write((isBarShown ? "\r\u{1B}[K" : "") + line + "\n")
            isBarShown = false
            drawIfDue(force: true)
        }
    }

    /// A download starts with `done` bytes of `total` already in its partial file.
    func begin(_ name: String, total: Int64?, done: Int64) {
        lock.withLock {
            if transfers[name] == nil { order.append(name) }
            transfers[name] = Transfer(done: done, total: total)
        }
    }

    /// The server's reply says what the download is now: `total` bytes, `done` of them in the file.
    func restart(_ name: String, total: Int64?, done: Int64 = 0) {
        lock.withLock { transfers[name] = Transfer(done: done, total: total ?? transfers[name]?.total) }
    }

    func advance(_ name: String, by count: Int64) {
        lock.withLock {
            transfers[name]?.done += count
            received += count
            drawIfDue(force: false)
        }
    }

    /// A download has stopped (finished, failed or interrupted).
    func end(_ name: String) {
        lock.withLock {
            transfers[name] = nil
            order.removeAll { $0 == name }
        }
    }

    /// A file is done with (fetched, present or failed); `size` counts into the total.
    func finish(size: Int64) {
        lock.withLock {
            finishedFiles += 1
            finishedBytes += size
            drawIfDue(force: true)
        }
    }

    /// Clears the bar, before the summary.
    public func close() {
        lock.withLock {
            if isBarShown { write("\r\u{1B}[K") }
            isBarShown = false
        }
    }

    private func drawIfDue(force: Bool) {
        guard drawsBar else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        write("\r\u{1B}[K" + line(elapsed: now.timeIntervalSince(started)))
        isBarShown = true
    }

    /// `fetching 2/8  120.5 of 300.0 MB  12.3 MB/s  ETA 0:14  a.zip 50%  b.zip 12%`, cut to the width.
    func line(elapsed: Double) -> String {
        let done = finishedBytes + transfers.values.reduce(0) { $0 + $1.done }
        let rate = elapsed > 0 ? Double(received) / elapsed : 0
        var text = "fetching \(finishedFiles)/\(fileCount)  " + Self.megabytes(done)
        if let totalBytes { text += " of " + Self.megabytes(totalBytes) }
        text += String(format: " MB  %.1f MB/s", rate / 1_000_000)
        // The first half second's rate says little (connections are still opening).
        if let totalBytes, rate > 0, elapsed >= 0.5 {
            text += "  ETA " + Self.clock(Double(max(0, totalBytes - done)) / rate)
        }
        for name in order {
            guard let transfer = transfers[name] else { continue }
            if let total = transfer.total, total > 0 {
                text += "  \(name) \(min(100, transfer.done * 100 / total))%"
            } else {
                text += "  \(name) " + Self.megabytes(transfer.done) + " MB"
            }
        }
        return text.count < width ? text : String(text.prefix(width - 2)) + "…"
    }

    private static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }

    /// `m:ss`, or `h:mm:ss` from an hour.
    private static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
