import Foundation

/// Deletes what imports that died left in the cache folder: the temporary cache file of a build
/// that was killed (a key nobody imports again would keep it for ever) and copies of standard input
/// (`StandardInputSpool`) of processes that are gone.
enum LeftoverSweeper {
    /// How a build names its temporary file: `<key>` + this + `<pid>-<random>`.
    static let temporaryMarker = ".sqlite.tmp-"

    /// Sweeps `directory`. A temporary file is a leftover when no process holds its key's lock (a
    /// build writes it only while holding the lock); `skipping` is the key the caller holds.
    static func sweep(_ directory: URL, skipping heldKey: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var temporaries: [String: [String]] = [:]
        for name in names {
            if let marker = name.range(of: temporaryMarker) {
                let key = String(name[..<marker.lowerBound])
                if key != heldKey { temporaries[key, default: []].append(name) }
            } else if name.hasPrefix(StandardInputSpool.folderPrefix), let pid = spoolOwner(name), !isRunning(pid) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        for (key, files) in temporaries {
            guard let lock = try? FileLock(directory.appendingPathComponent(key + ".lock"), waiting: false) else { continue }
            for file in files { try? FileManager.default.removeItem(at: directory.appendingPathComponent(file)) }
            withExtendedLifetime(lock) {}
        }
    }

    private static func spoolOwner(_ name: String) -> pid_t? {
        name.dropFirst(StandardInputSpool.folderPrefix.count).split(separator: "-").first.flatMap { pid_t($0) }
    }

    /// Whether process `pid` exists (perhaps another user's).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
