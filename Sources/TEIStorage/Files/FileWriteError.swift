import Foundation

/// Why tei could not write a file (or standard output), in tei's words: what was wrong and a hint.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var path: String
    public var reason: String
    public var hint: String?
    /// The `errno` of the system call that failed, when one did.
    public var code: Int32?

    public init(path: String, reason: String, hint: String? = nil) {
        self.path = path
        self.reason = reason
        self.hint = hint
    }

    /// The failure of a system call on `path`, explained from its `errno`.
    public init(path: String, errno code: Int32) {
        let (reason, hint) = Self.explain(code)
        self.init(path: path, reason: reason, hint: hint)
        self.code = code
    }

    public var description: String { "cannot write \(path): \(reason)" }

    /// Whether the reader of a pipe went away (`tei … | head -1`): the run ends quietly.
    public var isClosedPipe: Bool { code == EPIPE }

    /// The reason and hint for an `errno` set by open, write, fsync, rename or mkdir.
    static func explain(_ code: Int32) -> (reason: String, hint: String?) {
        switch code {
        case ENOSPC: return ("the disk is full", "free some space, or save to another disk")
        case EDQUOT: return ("the disk quota is used up", "free some space, or save to another disk")
        case EFBIG: return ("the file would be larger than the system allows (see `ulimit -f`)",
                            "raise the limit on file sizes, or save fewer rows")
        case EACCES, EPERM: return ("permission denied", "save to a folder you can write to")
        case EROFS: return ("the disk is read-only", "save to a folder on a writable disk")
        case EISDIR: return ("it is a folder", "name a file inside it; tei never replaces a folder")
        case ENOTDIR: return ("a part of the path is a file, not a folder", "check the path")
        case ENOENT: return ("the folder does not exist", "check the path")
        case ENAMETOOLONG: return ("the name is too long", "choose a shorter name")
        case EIO: return ("the disk reported an input/output error", "check the disk, or save to another one")
        case EPIPE: return ("the reader closed the pipe", nil)
        default: return (String(cString: strerror(code)).lowercased(), nil)
        }
    }
}
