import Foundation

/// Reads one input and scans its CSV records on a thread of its own, a few blocks ahead of the
/// importing thread, which replays them in order (`forEach`).
///
/// It exists so that reading, the digest's copy and CSV scanning (a sixth of the importing
/// thread's CPU, measured at 1M) run beside the cleaning, coding and encoding of the records before
/// them: on two cores the importing thread was the pass's longest. The importing thread sees what
/// it saw when it parsed the input itself: the same records, with the same fields and lines, and
/// the malformed records skipped, the progress and the errors at the same places between them; so
/// the cache, the warnings and the errors do not change. Each block holds a copy of its records'
/// bytes (the parser's buffer moves as it is refilled); at most `blockCount` blocks of about
/// `blockBytes` exist, recycled, so memory stays flat whatever the file size.
final class CSVReadAhead: @unchecked Sendable {
    /// How an input ended, carried by its last block.
    private enum End {
        case complete
        /// The stream or the parser failed (a read error, a record without end, an interruption).
        case failed(Error)
        /// The input ended inside a record (`CSVParser.finish`), after the records before it.
        case unfinished(CSVSyntaxError)
    }

    /// Records copied out of the parser's buffer, and what happened between them, in order.
    private struct Block {
        enum Event {
            /// A record: its fields are `starts`/`ends`/`escaped[firstField..<firstField + fieldCount]`.
            case record(firstField: Int, fieldCount: Int, line: Int)
            /// A malformed record a lenient load skips (`CSVParser`'s `skipMalformed`).
            case malformed(CSVSyntaxError)
            /// Bytes of the input consumed, for the progress bar.
            case progress(Int64)
        }

        var bytes: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []
        var escaped: [Bool] = []
        var events: [Event] = []
        /// Set on the input's last block only.
        var end: End?

        /// Copies `record`'s bytes, from its first field's start to its last field's end, with
        /// its field ranges moved to the copy.
        mutating func append(_ record: CSVRecord) {
            let first = record.starts[0]
            let shift = bytes.count - first
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: record.bytes[first..<record.ends[record.count - 1]]))
            events.append(.record(firstField: starts.count, fieldCount: record.count, line: record.line))
            for field in 0..<record.count {
                starts.append(record.starts[field] + shift)
                ends.append(record.ends[field] + shift)
            }
            escaped.append(contentsOf: record.escaped)
        }

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            escaped.removeAll(keepingCapacity: true)
            events.removeAll(keepingCapacity: true)
            end = nil
        }
    }

    /// Thrown inside the reading thread once the importing thread stopped listening.
    private struct Stopped: Error {}

    /// A block is handed over once it holds this many bytes of records (the input is read a MiB at
    /// a time, so about one chunk a block).
    private static let blockBytes = 1 << 20
    /// One being filled, two queued, one being replayed.
    private static let blockCount = 4

    private let input: SourceInput
    private let lenient: Bool
    private let digest: BackgroundDigest
    private let cancellation: ImportCancellation
    private let condition = NSCondition()
    private var queued: [Block] = []
    private var spare: [Block]
    /// The block the reading thread fills; only that thread touches it.
    private var filling = Block()
    private var stopped = false
    private var threadEnded = false
    /// The input's size in bytes, complete once the last block was replayed.
    private(set) var size: Int64 = 0

    /// Starts reading `input` on a new thread, feeding every chunk to `digest` too. With `lenient`,
    /// malformed records are skipped (and replayed as such) instead of failing the input.
    init(input: SourceInput, lenient: Bool, digest: BackgroundDigest, cancellation: ImportCancellation) {
        self.input = input
        self.lenient = lenient
        self.digest = digest
        self.cancellation = cancellation
        spare = Array(repeating: Block(), count: Self.blockCount - 1)
        let thread = Thread { [self] in read() }
        thread.name = "tei.storage.reader"
        thread.start()
    }

    /// Replays the input in order: each record to `record`, each malformed record a lenient load
    /// skips to `malformed`, the bytes consumed to `progress`, and an input ending inside a record
    /// to `unfinished`; then throws the error that stopped the input, if one did. Throws an
    /// interruption after a chunk's progress once the import is cancelled.
    func forEach(record: (CSVRecord) throws -> Void, malformed: (CSVSyntaxError) throws -> Void,
                 progress: (Int64) -> Void, unfinished: (CSVSyntaxError) throws -> Void) throws {
        while true {
            var block = take()
            defer { recycle(&block) }
            try replay(block, record: record, malformed: malformed, progress: progress)
            switch block.end {
            case nil: continue
            case .complete?: return
            case .failed(let error)?: throw error
            case .unfinished(let error)?: return try unfinished(error)
            }
        }
    }

    /// Stops the reading thread and waits for it to end; call once done with the input, whether
    /// replayed to its end or not.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !threadEnded { condition.wait() }
    }

    private func replay(_ block: Block, record: (CSVRecord) throws -> Void,
                               malformed: (CSVSyntaxError) throws -> Void, progress: (Int64) -> Void) throws {
        try block.bytes.withUnsafeBufferPointer { bytes in
            try block.starts.withUnsafeBufferPointer { starts in
                try block.ends.withUnsafeBufferPointer { ends in
                    try block.escaped.withUnsafeBufferPointer { escaped in
                        for event in block.events {
                            switch event {
                            case .record(let first, let count, let line):
                                let fields = first..<(first + count)
                                try record(CSVRecord(bytes: bytes, starts: UnsafeBufferPointer(rebasing: starts[fields]),
                                                     ends: UnsafeBufferPointer(rebasing: ends[fields]),
                                                     escaped: UnsafeBufferPointer(rebasing: escaped[fields]), line: line))
                            case .malformed(let error):
                                try malformed(error)
                            case .progress(let bytes):
                                progress(bytes)
                                // Where the import checked before reading the next chunk, when it read here.
                                if cancellation.isCancelled {
                                    throw LoadError(file: input.messageName, message: "the import was interrupted",
                                                    hint: "nothing was cached; the next load imports the file again",
                                                    isInterruption: true)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func take() -> Block {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty { condition.wait() }
        return queued.removeFirst()
    }

    private func recycle(_ block: inout Block) {
        block.removeAll()
        condition.lock()
        spare.append(block)
        condition.broadcast()
        condition.unlock()
    }

    /// The reading thread: streams the input through a parser into blocks until it ends, fails or
    /// is stopped.
    private func read() {
        let parser = CSVParser(skipMalformed: !lenient ? nil : { [self] error in filling.events.append(.malformed(error)) })
        var end: End? = .complete
        do {
            try input.stream({ chunk in
                digest.update(chunk)
                size += Int64(chunk.count)
                try parser.feed(chunk) { filling.append($0) }
                if filling.bytes.count >= Self.blockBytes { try handOver() }
            }, progress: { bytes in filling.events.append(.progress(bytes)) })
            do {
                try parser.finish { filling.append($0) }
            } catch let error as CSVSyntaxError {
                end = .unfinished(error)
            }
        } catch is Stopped {
            end = nil
        } catch {
            end = .failed(error)
        }
        condition.lock()
        if let end {
            filling.end = end
            queued.append(filling)
        }
        threadEnded = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues the block being filled and takes a spare one, waiting while every block is in use.
    private func handOver() throws {
        condition.lock()
        defer { condition.unlock() }
        queued.append(filling)
        condition.broadcast()
        while spare.isEmpty && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        filling = spare.removeLast()
    }
}
