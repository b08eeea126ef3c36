import Foundation
import TEIStorage

/// Fetches items into a folder, `jobs` downloads at a time. A failed item does not stop the others.
public struct Fetcher: Sendable {
    public var folder: URL
    /// The folder as the user wrote it, for messages.
    public var displayFolder: String
    public var jobs: Int
    /// Takes one line of progress (`resuming …`, `retrying …`, `fetched …`); called from several threads.
    public var log: @Sendable (String) -> Void

    public init(folder: String, jobs: Int, log: @escaping @Sendable (String) -> Void) {
        self.folder = URL(fileURLWithPath: folder)
        displayFolder = folder
        self.jobs = max(1, jobs)
        self.log = log
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
        let downloader = Downloader(folder: folder, displayFolder: displayFolder, log: log)
        let results = ResultSlots(count: items.count)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, items.count) {
            DispatchQueue.global().async(group: group) {
                while let index = results.claimNext() {
                    let item = items[index]
                    do {
                        let file = try downloader.fetch(item)
                        if file.status != .present { log("fetched \(item.name) (\(file.size) bytes)") }
                        results.store(.success(file), at: index)
                    } catch let failure as FetchError {
                        results.store(.failure(failure), at: index)
                    } catch {
                        results.store(.failure(FetchError(subject: item.url.absoluteString, reason: "\(error)")), at: index)
                    }
                }
            }
        }
        group.wait()
        return results.all
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

    var all: [Result<FetchedFile, FetchError>] {
        lock.withLock { slots.map { $0! } }
    }
}
