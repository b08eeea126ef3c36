/// Why generating or writing fixtures failed.
public enum FixtureError: Error, Equatable, CustomStringConvertible {
    /// A file could not be created.
    case cannotWrite(String)
    /// A size or count argument is out of range.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): "cannot create \(path)"
        case .invalidArgument(let message): message
        }
    }
}
