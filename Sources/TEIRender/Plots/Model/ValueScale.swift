/// How values map onto a length or position.
public enum ValueScale: String, Sendable, Hashable, CaseIterable {
    /// Equal differences take equal space; bars start at zero.
    case linear
    /// Equal ratios take equal space; values that are zero or negative cannot be drawn and are
    /// counted in a note.
    case log
}
