import TEIStorage

extension Array where Element == Value {
    /// The value in column `index`, or null for a row shorter than the column list: a malformed
    /// result should print, not crash.
    subscript(orNull index: Int) -> Value {
        indices.contains(index) ? self[index] : .null
    }
}
