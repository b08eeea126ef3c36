import Foundation

/// One generated file: its path relative to the fixtures folder and its exact bytes.
public struct FixtureFile: Sendable, Equatable {
    /// Relative path with `/` separators, e.g. `malformed/empty.csv`.
    public let path: String
    public let data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}
