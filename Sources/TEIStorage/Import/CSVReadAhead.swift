import Foundation

/// Reads one input and scans its CSV records on a thread of its own, a few blocks ahead of the
/// importing thread, which replays them in order (`forEach`).
///
/// It exists so that reading, the digest and CSV scanning (a sixth of the importing
/// thread's CPU, measured at 1M) run beside the cleaning, coding and encoding of the records before
/// them: on two cores the importing thread was the pass's longest. The importing thread sees what
/// it saw when it parsed the input itself: the same records, with the same fields and lines, and
/// the malformed records skipped, the progress and the errors at the same places between them; so
/// the cache, the warnings and the errors do not change. A plain file is read straight into a
/// block, scanned there and the block handed over as it is: no record is copied (the copies, their
/// memmove, array appends and uniqueness checks, were two fifths of the reading thread's samples at
/// 9M), only a record cut by a block's end is carried to the start of the next. At most `blockCount` blocks of `blockBytes` exist, recycled, so memory stays flat
/// whatever the file size. The digest is taken here too, from the blocks: a digest thread of its
/// own needed a copy of every chunk, which cost more CPU than the hashing (measured at 1M).
final class CSVReadAhead: @unchecked Sendable {
    /// How an input ended, carried by its last block.
    private enum End {
        case complete
        /// The stream or the scanner failed (a read error, a record without end, an interruption).
        case failed(Error)
        /// The input ended inside a record (`CSVScanner.finish`), after the records before it.
        case unfinished(CSVSyntaxError)
    }

    /// Thrown inside the reading thread once the importing thread stopped listening.
    private struct Stopped: Error {}

    /// The size of a block: the input is read a block at a time.
    static let standardBlockBytes = 1 << 20
    /// One being filled, two queued, one being replayed.
    private static let blockCount = 4

    private let input: SourceInput
    private let cancellation: ImportCancellation
    private let blockBytes: Int
    /// A block is handed over once less room than this is left in it for the next read.
    private let minimumRead: Int
    private let condition = NSCondition()
    private var queued: [(block: CSVBlock, end: End?)] = []
    private var spare: [CSVBlock]
    /// Scans the block being filled; only the reading thread touches it.
    private let scanner: CSVScanner
    private var stopped = false
    private var threadEnded = false
    /// The input's size in bytes and the SHA-256 of its bytes in hex, complete once the last block
    /// was replayed.
    private(set) var size: Int64 = 0
    private(set) var sha256 = ""

    /// Starts reading `input` on a new thread. With `lenient`, malformed records are skipped (and
    /// replayed as such) instead of failing the input. Tests make `blockBytes` small, to meet the
    /// blocks' ends at every place in a record.
    init(input: SourceInput, lenient: Bool, cancellation: ImportCancellation, blockBytes: Int = standardBlockBytes) {
        self.input = input
        self.cancellation = cancellation
        self.blockBytes = blockBytes
        minimumRead = max(1, blockBytes / 16)
        spare = (1..<Self.blockCount).map { _ in CSVBlock(capacity: blockBytes) }
        scanner = CSVScanner(block: CSVBlock(capacity: blockBytes), skipsMalformed: lenient)
        let thread = Thread { [self] in read() }
        thread.name = "tei.storage.reader"
        thread.start()
    }

    /// Replays the input in order: each record to `record`, each malformed record a lenient load
    /// skips to `malformed`, the bytes consumed to `progress`, and an input ending inside a record
    /// to `unfinished`; then throws the error that stopped the input, if one did. Throws an
    /// interruption after a read's progress once the import is cancelled.
    func forEach(record: (CSVRecord) throws -> Void, malformed: (CSVSyntaxError) throws -> Void,
                 progress: (Int64) -> Void, unfinished: (CSVSyntaxError) throws -> Void) throws {
        while true {
            let (block, end) = take()
            defer { recycle(block) }
            try block.replay(record: record, note: { note in
                switch note {
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
            })
            switch end {
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

    private func take() -> (block: CSVBlock, end: End?) {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty { condition.wait() }
        return queued.removeFirst()
    }

    private func recycle(_ block: CSVBlock) {
        block.reset(capacity: blockBytes)
        condition.lock()
        spare.append(block)
        condition.broadcast()
        condition.unlock()
    }

    /// The reading thread: streams the input into blocks, scanned in place, until it ends, fails
    /// or is stopped.
    private func read() {
        var end: End? = .complete
        var digest = SHA256()
        do {
            try input.stream(into: roomForNextRead, filled: { [self] count in
                digest.update(UnsafeRawBufferPointer(rebasing: scanner.block.room[0..<count]))
                size += Int64(count)
                try scanner.scan(appended: count)
            }, progress: { [self] bytes in scanner.block.append(.progress(bytes)) })
            sha256 = digest.finalizeHex()
            do {
                try scanner.finish()
            } catch let error as CSVSyntaxError {
                end = .unfinished(error)
            }
        } catch is Stopped {
            end = nil
        } catch {
            end = .failed(error)
        }
        condition.lock()
        if let end { queued.append((scanner.block, end)) }
        threadEnded = true
        condition.broadcast()
        condition.unlock()
    }

    /// The room the next read goes to: in the block being filled while it has `minimumRead` left;
    /// else in a spare block, the full one handed over (waiting while every block is in use), or,
    /// when one record fills the whole block, in the block grown.
    private func roomForNextRead() throws -> UnsafeMutableRawBufferPointer {
        if scanner.block.room.count < minimumRead {
            if scanner.consumed > 0 {
                let next = try takeSpare()
                handOver(scanner.carry(into: next, room: minimumRead))
            } else {
                // The scanner stops a record at `CSVScanner.maximumRecordBytes`, so the growth too.
                scanner.carry(into: scanner.block, room: scanner.block.capacity)
            }
        }
        return scanner.block.room
    }

    private func takeSpare() throws -> CSVBlock {
        condition.lock()
        defer { condition.unlock() }
        while spare.isEmpty && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        return spare.removeLast()
    }

    private func handOver(_ block: CSVBlock) {
        condition.lock()
        queued.append((block, nil))
        condition.broadcast()
        condition.unlock()
    }
}
