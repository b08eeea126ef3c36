import CFetchSupport
import Foundation
import TEIStorage
import ZIPFoundation

/// What `--unpack` did with a `.zip`.
public enum Unpacking: Sendable {
    /// Extracted into `folder` (as the user sees it), holding that many entries.
    case unpacked(folder: String, entries: Int)
    /// `folder` already held every entry of the archive, at the same size and CRC-32.
    case alreadyUnpacked(folder: String)
    case failed(FetchError)
}

/// Extracts `NAME.zip` into the folder `NAME` beside it. Every entry is checked before anything is
/// written: a name that is absolute or has a `..` part, or a symbolic link whose target is, would
/// reach outside the folder, and the archive is refused whole. Extraction goes into a hidden
/// temporary folder renamed into place only when complete; an existing folder of the name is
/// never replaced nor written into: it is left as it is when it holds the archive's files
/// already, else the unpacking is an error.
struct ZipUnpacker: Sendable {
    var folder: URL
    /// The folder as the user wrote it, for messages.
    var displayFolder: String

    private struct Refusal: Error {
        var reason: String
        var hint: String
    }

    func unpack(_ name: String) -> Unpacking {
        let archivePath = (displayFolder as NSString).appendingPathComponent(name)
        let stem = String(name.dropLast(4))
        let destination = folder.appendingPathComponent(stem)
        let displayDestination = (displayFolder as NSString).appendingPathComponent(stem)
        do {
            let archive: Archive
            do {
                archive = try Archive(url: folder.appendingPathComponent(name), accessMode: .read)
            } catch {
                throw Refusal(reason: "it is not a readable zip archive: it is cut short or damaged",
                              hint: "check it with `unzip -t`; the file stays as downloaded and nothing was extracted")
            }
            let entries = Array(archive)
            try checkContained(entries, in: archive)
            var info = stat()
            if lstat(destination.path, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw Refusal(reason: "\(displayDestination) exists and is not a folder",
                                  hint: "move it away and run the same command again")
                }
                if let difference = firstDifference(of: entries, in: archive, from: destination) {
                    throw Refusal(reason: "\(displayDestination)/ exists and differs from the archive (\(difference))",
                                  hint: "move or rename \(displayDestination), then run the same command again; tei fetch never replaces a folder")
                }
                return .alreadyUnpacked(folder: displayDestination)
            }
            try extract(entries, of: archive, into: destination, displayDestination: displayDestination)
            return .unpacked(folder: displayDestination, entries: entries.count)
        } catch let refusal as Refusal {
            return .failed(FetchError(subject: archivePath, reason: "cannot unpack: " + refusal.reason, hint: refusal.hint))
        } catch {
            // Every failure above is a Refusal; this keeps any other out of the user's sight.
            return .failed(FetchError(subject: archivePath, reason: "cannot unpack it", hint: "nothing was extracted"))
        }
    }

    /// Refuses the archive when an entry would land outside its folder.
    private func checkContained(_ entries: [Entry], in archive: Archive) throws {
        let hint = "tei fetch refuses an archive whose entries would be written outside its folder; nothing was extracted"
        for entry in entries {
            guard Self.staysInside(entry.path) else {
                throw Refusal(reason: "the entry `\(entry.path)` would be written outside the folder", hint: hint)
            }
            guard entry.type == .symlink else { continue }
            var target = Data()
            do {
                _ = try archive.extract(entry) { target.append($0) }
            } catch {
                throw Refusal(reason: "the entry `\(entry.path)` is damaged", hint: "the archive is damaged; nothing was extracted")
            }
            // A relative link without `..` points into its own folder or below: inside, however links chain.
            let text = String(decoding: target, as: UTF8.self)
            guard Self.staysInside(text) else {
                throw Refusal(reason: "the entry `\(entry.path)` is a link to `\(text)`, outside the folder", hint: hint)
            }
        }
    }

    /// Whether a path is relative, without a `..` part (either separator) or a drive letter.
    static func staysInside(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("\\"), !path.contains("\0") else { return false }
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if let first = parts.first, first.count == 2, first.hasSuffix(":") { return false }
        return !parts.contains("..")
    }

    /// Extracts into a temporary folder beside `destination`, then renames it into place; on any
    /// failure (or Ctrl-C) the temporary folder is removed and `destination` is left as it was.
    private func extract(_ entries: [Entry], of archive: Archive, into destination: URL, displayDestination: String) throws {
        var template = Array(folder.appendingPathComponent(".\(destination.lastPathComponent).tei-unpack-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            let failure = FileWriteError(path: displayDestination, errno: errno)
            throw Refusal(reason: failure.reason, hint: failure.hint ?? "check the folder's permissions")
        }
        let temporary = URL(fileURLWithPath: String(cString: made))
        var renamed = false
        defer { if !renamed { try? FileManager.default.removeItem(at: temporary) } }
        for entry in entries {
            if FetchInterruption.isRequested {
                throw Refusal(reason: "interrupted", hint: "run the same command again: it unpacks the archive again")
            }
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, to: temporary.appendingPathComponent(entry.path))
            } catch is CocoaError, is POSIXError {
                // What ZIPFoundation throws when the file system refuses a write.
                throw Refusal(reason: "cannot write the entry `\(entry.path)` into \(displayDestination)",
                              hint: "check the free space and permissions of the folder; nothing was extracted")
            } catch {
                throw Refusal(reason: "the entry `\(entry.path)` cannot be read: the archive is damaged",
                              hint: "the archive stays as downloaded; nothing was extracted")
            }
            // ZIPFoundation returns the CRC-32 of what it wrote without comparing it with the entry's.
            if entry.type == .file, checksum != entry.checksum {
                throw Refusal(reason: "the entry `\(entry.path)` is damaged (its CRC-32 does not match)",
                              hint: "the archive stays as downloaded; nothing was extracted")
            }
        }
        // mkdtemp makes the folder private (0700); it becomes the user's folder, so it gets the
        // usual 0755 (reading the umask would change it for the other download threads).
        chmod(temporary.path, 0o755)
        guard tei_rename_no_replace(temporary.path, destination.path) == 0 else {
            let failure = FileWriteError(path: displayDestination, errno: errno)
            throw Refusal(reason: errno == EEXIST || errno == ENOTEMPTY ? "\(displayDestination) appeared while unpacking" : failure.reason,
                          hint: "nothing was replaced; run the same command again")
        }
        renamed = true
    }

    /// Where `destination` differs from the archive's entries (a missing or different entry), in
    /// words; nil when it holds each of them at the same size and CRC-32. Files the user added are fine.
    private func firstDifference(of entries: [Entry], in archive: Archive, from destination: URL) -> String? {
        for entry in entries {
            let path = destination.appendingPathComponent(entry.path).path
            var info = stat()
            guard lstat(path, &info) == 0 else { return "`\(entry.path)` is missing" }
            switch entry.type {
            case .directory:
                if info.st_mode & S_IFMT != S_IFDIR { return "`\(entry.path)` is not a folder" }
            case .symlink:
                if info.st_mode & S_IFMT != S_IFLNK { return "`\(entry.path)` is not a link" }
            case .file:
                guard info.st_mode & S_IFMT == S_IFREG, UInt64(info.st_size) == entry.uncompressedSize else {
                    return "`\(entry.path)` has another size"
                }
                if Self.crc32(ofFileAt: path) != entry.checksum { return "`\(entry.path)` has other contents" }
            }
        }
        return nil
    }

    /// The CRC-32 of a file, read in pieces; nil when it cannot be read (so it counts as different).
    private static func crc32(ofFileAt path: String) -> CRC32? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var checksum: CRC32 = 0
        do {
            // nil, or an empty piece, at the end of the file.
            while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
                checksum = piece.crc32(checksum: checksum)
            }
            return checksum
        } catch {
            return nil
        }
    }
}
