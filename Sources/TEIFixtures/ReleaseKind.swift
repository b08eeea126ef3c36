/// Whose accounts a generated file holds.
public enum ReleaseKind: Sendable, Equatable {
    /// An operation's accounts, as Twitter released them, with its planted findings.
    case operation(OperationCast)
    /// Ordinary accounts collected by researchers for comparison: no operation, no planted finding,
    /// every account hashed because its owners are private people.
    case control
}
