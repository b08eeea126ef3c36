import Foundation
import TEIStorage

/// Fetches items into a folder, `jobs` downloads at a time. A failed item does not stop the others;
/// Ctrl-C (`FetchInterruption`) stops them all.
public struct Fetcher: Sendable {
    public var folder: URL
    /// The folder as the user wrote it, for messages.
    public var displayFolder: String
    public var jobs: Int
    /// Whether each `.zip` fetched is extracted into a folder beside it.
    public var unpacks: Bool
    /// Takes the lines of progress (`resuming …`, `retrying …`, `fetched …`) and draws the bar.
    public var progress: FetchProgress

    public init(folder: String, jobs: Int, unpacks: Bool = false, progress: FetchProgress) {
        self.folder = URL(fileURLWithPath: folder)
        displayFolder = folder
        self.jobs = max(1, jobs)
        self.unpacks = unpacks
        self.progress = progress
    }

    /// Makes the folder (and the missing ones above it) unless it exists; refuses a file in its place.
    public func prepareFolder() throws {
        var info = stat()
        if stat(folder.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw FetchError(subject: displayFolder, reason: "it is not a folder", hint: "give --to a folder to download into")
            }
            return
        }
        do {
            _ = try MissingFolders(creating: folder.path)
        } catch let failure as MissingFolders.Failure {
            let error = FileWriteError(path: displayFolder, errno: failure.code)
            throw FetchError(subject: displayFolder, reason: "cannot make the folder: \(error.reason)", hint: error.hint)
        }
    }

    /// The outcome of each item, in the order given.
    public func fetch(_ items: [FetchItem]) -> [Result<FetchedFile, FetchError>] {
        let downloader = Downloader(folder: folder, displayFolder: displayFolder, progress: progress)
        let unpacker = unpacks ? ZipUnpacker(folder: folder, displayFolder: displayFolder) : nil
        let recorded = FetchedRecord.entries(folder: folder)
        let results = ResultSlots(count: items.count)
        let progress = progress
        progress.plan(items)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, items.count) {
            DispatchQueue.global().async(group: group) {
                while !FetchInterruption.isRequested, let index = results.claimNext() {
                    let item = items[index]
                    do {
                        var file = try downloader.fetch(item, recorded: recorded[item.name])
                        if file.status != .present { progress.log("fetched \(item.name) (\(file.size) bytes)") }
                        progress.finish(size: file.size)
                        if let unpacker, item.name.lowercased().hasSuffix(".zip") {
                            file.unpacking = unpacker.unpack(item.name)
                            if case .unpacked(let folder, let entries) = file.unpacking {
                                progress.log("unpacked \(item.name) into \(folder)/ (\(entries) entries)")
                            }
                        }
                        results.store(.success(file), at: index)
                    } catch let failure as FetchError {
                        progress.finish(size: item.expectedSize ?? 0)
                        results.store(.failure(failure), at: index)
                    } catch {
                        progress.finish(size: item.expectedSize ?? 0)
                        results.store(.failure(FetchError(subject: item.url.absoluteString, reason: "\(error)")), at: index)
                    }
                }
            }
        }
        group.wait()
        // Items no worker took before Ctrl-C.
        return results.all { FetchError.interrupted(items[$0].url.absoluteString) }
    }
}

/// The results of a fetch, filled in by the workers, and the index of the next item to take.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<FetchedFile, FetchError>?]
    private var next = 0

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func claimNext() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ result: Result<FetchedFile, FetchError>, at index: Int) {
        lock.withLock { slots[index] = result }
    }

    /// Every result; `unfilled` gives those of the items never taken.
    func all(unfilled: (Int) -> FetchError) -> [Result<FetchedFile, FetchError>] {
        lock.withLock { slots.enumerated().map { $1 ?? .failure(unfilled($0)) } }
    }
}
