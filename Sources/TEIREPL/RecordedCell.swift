/// A cell that ran without errors, kept so `:save` can write the session as a script.
struct RecordedCell {
    /// The cell's number (`Out[N]`), when it showed a result.
    var resultNumber: Int?
    /// The text, with `_` already replaced by the numbered result it meant.
    var text: String
}
