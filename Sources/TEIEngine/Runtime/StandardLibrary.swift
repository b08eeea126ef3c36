import Foundation

/// Where the Stdlib written in tei is found: `$TEI_STDLIB`, else beside the executable, wherever
/// it was installed or copied: `<prefix>/share/tei/Stdlib` for `<prefix>/bin/tei` (what `./dev install`
/// lays out), or a `Stdlib` folder in or above the executable's folder (a build inside the repository).
public enum StandardLibrary {
    public static func directories(environment: [String: String]) -> [URL] {
        if let path = environment["TEI_STDLIB"], !path.isEmpty { return [URL(fileURLWithPath: path)] }
        let folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/tei/Stdlib")
        var candidates = [installed]
        var directory = folder
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent("Stdlib"))
            directory.deleteLastPathComponent()
        }
        // When none exists, the installed place is the one the "cannot find library" hint names.
        return [candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? installed]
    }

    /// The running executable, symbolic links resolved. `/proc/self/exe` rather than `argv[0]`,
    /// which holds only `tei` when the shell found it through PATH.
    public static var executable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }
}
