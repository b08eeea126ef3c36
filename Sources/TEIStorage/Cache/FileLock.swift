import Foundation

/// An exclusive advisory lock on a file (`flock`), held until the value goes away. The kernel
/// releases it when the process dies, so a crashed import never blocks later runs.
final class FileLock {
    /// Why the lock could not be taken: the `errno` of `open` or `flock`.
    struct Failure: Error {
        var code: Int32
        var reason: String { String(cString: strerror(code)) }
    }

    private let descriptor: Int32

    /// Takes the lock on `url` (created if needed), blocking until it is free when `waiting`,
    /// else failing with `EWOULDBLOCK` when another holds it.
    init(_ url: URL, waiting: Bool = true) throws {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        while flock(descriptor, waiting ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EINTR else {
                close(descriptor)
                throw Failure(code: code)
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
