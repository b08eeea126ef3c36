import Foundation
import ZIPFoundation

/// Turns what a script names after `load` (a CSV, a `.csv.gz`, a `.zip`, a folder or a glob)
/// into the files on disk and the CSV streams they hold, in a stable (sorted) order.
///
/// A folder gives the `.csv`, `.csv.gz` and `.zip` files directly in it, or also those of its
/// subfolders when `recursive`; symbolic links are followed (each folder is visited once), and
/// hidden files and folders are left out. Only regular files are read: a named pipe or a device
/// would block or never end.
enum SourceResolver {
    /// The files on disk that `path` names.
    static func files(for path: String, recursive: Bool = false) throws -> [URL] {
        if path.contains(where: { "*?[".contains($0) }) {
            let matches = glob(path).filter { isSupported($0) || isFolder($0) }
            var files: [URL] = []
            for match in matches {
                files += isFolder(match) ? try directoryFiles(match, recursive: recursive) : [try regularFile(match)]
            }
            guard !files.isEmpty else {
                throw LoadError(file: path, message: "no files match this pattern",
                                hint: "check the path; patterns match .csv, .csv.gz and .zip files")
            }
            return files
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path), let (archive, _) = zipMember(path) {
            return [archive]
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(file: path, message: "no such file", hint: "check the path (relative paths start at the script's folder)")
        }
        if isDirectory.boolValue {
            let files = try directoryFiles(path, recursive: recursive)
            guard !files.isEmpty else {
                throw LoadError(file: path, message: "the folder holds no .csv, .csv.gz or .zip file\(recursive ? "" : " (subfolders are not searched)")",
                                hint: recursive ? nil : "load \"…\" recursive searches the subfolders too")
            }
            return files
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw LoadError(file: path, message: "cannot read the file: permission denied")
        }
        return [try regularFile(path)]
    }

    /// `path` as a file URL when it is a regular file (after symbolic links).
    private static func regularFile(_ path: String) throws -> URL {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw LoadError(file: path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let what = type == S_IFIFO ? "a named pipe" : type == S_IFSOCK ? "a socket" : "a device"
            throw LoadError(file: path, message: "this is not a CSV file: it is \(what), not a regular file",
                            hint: "save the data to a file and load that, or pipe it into tei and load \"/dev/stdin\"")
        }
        return URL(fileURLWithPath: path)
    }

    /// `archive.zip/inner/name.csv` split into the zip file and the entry path, when the zip exists.
    static func zipMember(_ path: String) -> (URL, String)? {
        guard let range = path.range(of: ".zip/", options: [.caseInsensitive, .backwards]) else { return nil }
        let archive = String(path[..<range.lowerBound]) + String(path[range.lowerBound..<range.upperBound].dropLast())
        let entry = String(path[range.upperBound...])
        guard !entry.isEmpty, FileManager.default.fileExists(atPath: archive) else { return nil }
        return (URL(fileURLWithPath: archive), entry)
    }

    /// The CSV streams inside `file`; for a zip, only the entry `member` when given.
    static func inputs(in file: URL, member: String? = nil) throws -> [SourceInput] {
        let name = file.lastPathComponent
        let lower = name.lowercased()
        if lower.hasSuffix(".zip") {
            let archive = try openArchive(file)
            let entries = archive.filter { entry in
                entry.type == .file && entry.path.lowercased().hasSuffix(".csv") && !entry.path.hasPrefix("__MACOSX/")
                    && (member == nil || entry.path == member)
            }.sorted { $0.path < $1.path }
            guard !entries.isEmpty else {
                if let member {
                    throw LoadError(file: file.path, message: "the zip holds no CSV file named \(member)")
                }
                throw LoadError(file: file.path, message: "the zip holds no CSV file")
            }
            return entries.map { entry in
                SourceInput(file: file, container: .zipEntry(path: entry.path), displayName: name + "/" + entry.path,
                            progressSize: Int64(entry.uncompressedSize))
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
        let container: SourceInput.Container = lower.hasSuffix(".gz") ? .gzip : .plain
        return [SourceInput(file: file, container: container, displayName: name, progressSize: size)]
    }

    static func openArchive(_ file: URL) throws -> Archive {
        do {
            return try Archive(url: file, accessMode: .read)
        } catch {
            throw LoadError(file: file.path, message: "the zip file is damaged or truncated",
                            hint: "download the archive again")
        }
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    private static func isSupported(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz") || lower.hasSuffix(".zip")
    }

    private static func isFolder(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    private static func directoryFiles(_ path: String, recursive: Bool) throws -> [URL] {
        var files: [URL] = []
        var visited: Set<[UInt64]> = []
        func visit(_ folder: String) throws {
            var info = stat()
            guard stat(folder, &info) == 0, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                throw LoadError(file: folder, message: "cannot read the folder")
            }
            for name in names where !name.hasPrefix(".") {
                let full = (folder as NSString).appendingPathComponent(name)
                if isFolder(full) {
                    if recursive { try visit(full) }
                } else if isSupported(name) {
                    files.append(try regularFile(full))
                }
            }
        }
        try visit(path)
        return files.sorted { $0.path < $1.path }
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        #if canImport(Glibc)
        let status = Glibc.glob(pattern, 0, nil, &result)
        #else
        let status = Darwin.glob(pattern, 0, nil, &result)
        #endif
        guard status == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted()
    }
}
