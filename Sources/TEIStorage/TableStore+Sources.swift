import Foundation

extension TableStore {
    /// The files on disk that a load of `path` reads (a zip, not its members), in the order it
    /// reads them; throws the `LoadError` `load` would for a path that names none.
    public static func sourceFiles(for path: String, options: LoadOptions = LoadOptions()) throws -> [URL] {
        try SourceResolver.files(for: path, recursive: options.recursive)
    }
}
