import Foundation

/// Computes a SHA-256 on another thread while the importer parses the same bytes, so the digest
/// of a source costs no import time on a machine with a second core. At most `window` bytes are in
/// flight, which bounds the memory it adds.
final class BackgroundDigest: @unchecked Sendable {
    private let queue = DispatchQueue(label: "tei.storage.digest")
    private let slots: DispatchSemaphore
    private var digest = SHA256()
    private static let chunkLimit = 8

    init() {
        slots = DispatchSemaphore(value: Self.chunkLimit)
    }

    /// Queues a copy of `bytes` for hashing.
    func update(_ bytes: UnsafeRawBufferPointer) {
        let copy = Data(bytes)
        slots.wait()
        queue.async {
            copy.withUnsafeBytes { self.digest.update($0) }
            self.slots.signal()
        }
    }

    /// Waits for the queued bytes and returns the digest in hex.
    func finalizeHex() -> String {
        queue.sync { digest.finalizeHex() }
    }
}
