import Foundation

/// An exclusive advisory lock on a file (`flock`), held until the value goes away. The kernel
/// releases it when the process dies, so a crashed import never blocks later runs.
final class FileLock {
    private let descriptor: Int32

    /// Blocks until the lock on `url` (created if needed) is held.
    init(_ url: URL) throws {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LoadError(file: url.path, message: "cannot create the cache lock: \(String(cString: strerror(errno)))",
                            hint: "check that the cache folder is writable, or choose another with --cache-dir")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw LoadError(file: url.path, message: "cannot lock the cache: \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
