/// What Tab offers: the word being completed and the candidates that could replace it.
public struct Completion: Equatable, Sendable {
    /// The text before the cursor that a candidate replaces.
    public var word: String
    /// Full replacements for `word`, sorted, without repeats.
    public var candidates: [String]

    public init(word: String, candidates: [String]) {
        self.word = word
        var seen: Set<String> = []
        self.candidates = candidates.filter { seen.insert($0).inserted }
    }

    /// The text all candidates share beyond `word`: what Tab inserts.
    public var insertion: String {
        guard var common = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        return common.count > word.count && common.hasPrefix(word) ? String(common.dropFirst(word.count)) : ""
    }
}
