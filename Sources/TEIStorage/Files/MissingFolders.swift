import Foundation

/// Makes a folder and the missing ones above it, as `mkdir -p` does, remembering which it made so a
/// failed write can remove exactly those.
public struct MissingFolders {
    /// The folders made, outermost first.
    private(set) var created: [String] = []

    /// Makes `folder` and the missing folders above it; on failure removes those it made and throws
    /// the `errno` of the `mkdir` that failed.
    public init(creating folder: String) throws {
        var missing: [String] = []
        var path = folder
        while !path.isEmpty, path != "/", !Self.exists(path) {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        for path in missing.reversed() {
            if mkdir(path, 0o777) == 0 {
                created.append(path)
            } else if errno != EEXIST {
                let code = errno
                removeIfEmpty()
                throw Failure(code: code)
            }
        }
    }

    /// Removes the folders made, innermost first; `rmdir` removes only an empty folder, so nothing
    /// put in them since is lost.
    public func removeIfEmpty() {
        for path in created.reversed() { rmdir(path) }
    }

    /// The `errno` of the `mkdir` that failed.
    public struct Failure: Error {
        public var code: Int32
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
