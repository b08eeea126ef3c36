import Foundation

/// Counts an import's (or a copy's) progress and reports it to a handler at most ten times a second.
public final class ProgressMeter {
    /// What the whole import reads; lowered when a load keeps only one kind of its files.
    var totalBytes: Int64
    private let work: ImportProgress.Work
    private let handler: ((ImportProgress) -> Void)?
    private let started = Date()
    private var lastReport = Date.distantPast
    private var bytesRead: Int64 = 0
    private var rows: Int64 = 0
    private var file = ""

    public init(totalBytes: Int64, work: ImportProgress.Work = .importing, handler: ((ImportProgress) -> Void)?) {
        self.totalBytes = totalBytes
        self.work = work
        self.handler = handler
    }

    public func begin(file: String) {
        self.file = file
    }

    /// `bytes` more read (or sent); `rows` done in all.
    public func advance(bytes: Int64, rows: Int64) {
        bytesRead += bytes
        self.rows = rows
        guard handler != nil else { return }
        let now = Date()
        guard now.timeIntervalSince(lastReport) >= 0.1 else { return }
        lastReport = now
        handler?(snapshot(finished: false))
    }

    public func finish(rows: Int64) {
        self.rows = rows
        handler?(snapshot(finished: true))
    }

    private func snapshot(finished: Bool) -> ImportProgress {
        ImportProgress(file: file, rows: rows, bytesRead: bytesRead, totalBytes: totalBytes,
                       elapsed: Date().timeIntervalSince(started), isFinished: finished, work: work)
    }
}
