/// A growable byte buffer with a stable address between mutations, so several cleaned fields of one
/// record can be referenced at once without copying them into arrays.
final class ScratchBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func set<C: Collection>(_ source: C) where C.Element == UInt8 {
        count = 0
        append(source)
    }

    func append<C: Collection>(_ source: C) where C.Element == UInt8 {
        reserve(count + source.count)
        let target = UnsafeMutableBufferPointer(start: base + count, count: source.count)
        _ = target.initialize(from: source)
        count += source.count
    }

    /// Grows the contents by `extra` bytes, left for the caller to write at the address returned.
    func extend(by extra: Int) -> UnsafeMutablePointer<UInt8> {
        reserve(count + extra)
        count += extra
        return base + count - extra
    }

    /// Keeps the first `length` bytes.
    func truncate(to length: Int) { count = min(count, length) }

    func removeAll() { count = 0 }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
