import Foundation
import ZIPFoundation

/// Zips files the way the archive shipped releases, reproducibly: fixed entry dates and order.
public enum ReleaseArchive {
    /// The modification date stamped on every entry (2019-01-31 00:00 UTC), so zips never depend on
    /// when they were made.
    static let entryDate = Date(timeIntervalSince1970: 1_548_892_800)

    /// A deflated zip holding `files` at its top level, in the given order.
    public static func zip(_ files: [FixtureFile]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for file in files {
            try archive.addEntry(with: file.path, type: .file, uncompressedSize: Int64(file.data.count),
                                 modificationDate: entryDate, permissions: 0o644,
                                 compressionMethod: .deflate) { position, size in
                file.data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw FixtureError.cannotWrite("in-memory zip") }
        return data
    }

    /// The entries of a zip, as path and uncompressed bytes, in archive order.
    public static func entries(of zipData: Data) throws -> [FixtureFile] {
        let archive = try Archive(data: zipData, accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return FixtureFile(path: entry.path, data: data)
        }
    }
}
