import Foundation
import TEILanguage
import TEIStorage

extension Checker {
    /// Says where a relative path was looked for: the importer knows only the path, and a script's
    /// relative paths start at its folder while those of `-c`, standard input and the REPL start at
    /// the working directory.
    private func missingFileHint(_ path: String, at span: Span) -> String {
        guard !(path as NSString).expandingTildeInPath.hasPrefix("/") else { return "check the path" }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        guard let folder = baseDirectories[span.source]?.standardizedFileURL, folder.path != cwd.path else {
            return "check the path; relative paths here start at the working directory (\(cwd.path))"
        }
        return "check the path; relative paths here start at the script's folder (\(displayPath(folder)))"
    }

    func load(path: String, pathSpan: Span, modifiers: LoadModifiers, types: [(Name, Name)]) throws -> Relation {
        var options = LoadOptions(lenient: modifiers.lenient, recursive: modifiers.recursive,
                                  kind: modifiers.kind.map { $0 == .tweets ? .teiTweets : .teiUsers })
        for (column, typeName) in types {
            guard let type = ValueType(rawValue: typeName.text), type != .null, type != .list else {
                throw error("unknown column type '\(typeName.text)'", at: typeName.span,
                            hint: "types are int, float, text, bool, timestamp, date, duration")
            }
            options.columnTypes[column.text] = type
        }
        let url = resolvePath(path, from: pathSpan)
        let loaded: LoadedTable
        do {
            loaded = try loader.load(path: url.path, options: options)
        } catch let failure as LoadError {
            if failure.isInterruption { importWasInterrupted = true }
            let file = failure.file.hasPrefix("/") ? displayPath(URL(fileURLWithPath: failure.file)) : failure.file
            let place = failure.line.map { "\(file):\($0)" } ?? file
            throw error("cannot load \(place): \(failure.message)", at: pathSpan,
                        hint: failure.message == "no such file" ? missingFileHint(path, at: pathSpan) : failure.hint)
        } catch let failure as SQLiteError {
            throw error("cannot load '\(path)': \(failure.message)", at: pathSpan)
        } catch {
            throw self.error("cannot load '\(path)': \(error)", at: pathSpan)
        }
        if loaded.replacedDamagedCache {
            diagnostics.append(.warning(TableStore.damagedCacheWarning(source: displayPath(url)), at: pathSpan))
        }
        for warning in loaded.warnings { diagnostics.append(.warning(warning, at: pathSpan)) }
        for column in options.columnTypes.keys.sorted() where !loaded.columns.contains(where: { $0.name == column }) {
            let (name, _) = types.first { $0.0.text == column }!
            throw error("'\(path)' has no column '\(column)'", at: name.span,
                        hint: Suggestion.hint(for: column, among: loaded.columns.map(\.name)))
        }
        // The keyed form numbers rows in file order; that is where a table's order starts.
        let scan = loaded.keyedRelation.map { PlanNode.scan(relation: $0, rowNumber: LoadedTable.rowNumberColumn) }
            ?? .scan(relation: loaded.relation, rowNumber: nil)
        return Relation(node: scan, columns: loaded.columns, sources: [loaded])
    }
}
