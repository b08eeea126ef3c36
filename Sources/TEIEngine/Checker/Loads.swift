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

    /// Checks a `load`: its options, and the columns of its table as storage learns them without
    /// importing (the load stage imports later). The scan it returns is recorded in `tableSources`.
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
        let request = LoadRequest(path: resolvePath(path, from: pathSpan).path, options: options)
        let schema: TableSchema
        do {
            schema = try schemas.schema(of: request)
        } catch {
            throw report(loadFailure(error, writtenPath: path, at: pathSpan))
        }
        let source = TableSource(request: request, writtenPath: path, span: pathSpan, columns: schema.columns,
                                 typesAreExact: schema.typesAreExact)
        tableSources.append(source)
        return Relation(node: .scan(source), columns: schema.columns, sources: [source])
    }

    /// What a user reads for a load that failed, whether the checker's look at the file or the
    /// load stage's import found the problem: the file (and line) as the user would write it.
    func loadFailure(_ error: Error, writtenPath path: String, at span: Span) -> Diagnostic {
        switch error {
        case let failure as LoadError:
            let file = failure.file.hasPrefix("/") ? displayPath(URL(fileURLWithPath: failure.file)) : failure.file
            let place = failure.line.map { "\(file):\($0)" } ?? file
            return .error("cannot load \(place): \(failure.message)", at: span,
                          hint: failure.message == "no such file" ? missingFileHint(path, at: span) : failure.hint)
        case let failure as SQLiteError:
            return .error("cannot load '\(path)': \(failure.message)", at: span)
        default:
            return .error("cannot load '\(path)': \(error)", at: span)
        }
    }
}
