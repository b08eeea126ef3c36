import Foundation
import TEILanguage
import TEIStorage

/// What the load stage found.
struct LoadStageReport {
    /// Each load's warnings (rows skipped, a damaged cache replaced) and failures, at its path.
    var diagnostics: [Diagnostic] = []
    /// Whether an imported table has other columns than the checker saw (see `Session.check`).
    var changedSchema = false
    /// Whether the user interrupted an import (Ctrl-C); the stage stops there.
    var interrupted = false
}

extension Session {
    /// The tables `statements` scan that neither a load stage bound nor the checker met this time
    /// (a `let` of an earlier REPL cell whose import failed), each once.
    func unboundSources(of statements: [CheckedStatement]) -> [TableSource] {
        var seen = Set(checker.tableSources.map(\.request))
        return statements.flatMap { $0.scannedSources }.filter { loader.tables[$0.request] == nil && seen.insert($0.request).inserted }
    }

    /// Errors for tables `statements` scan whose import has other columns than the scan was checked
    /// against: a `let` of an earlier REPL cell over a file that a later load imported anew.
    func staleScans(in statements: [CheckedStatement]) -> [Diagnostic] {
        var reported = Set<LoadRequest>()
        return statements.flatMap { $0.scannedSources }.compactMap { source in
            guard let table = loader.tables[source.request], table.columns != source.columns,
                  reported.insert(source.request).inserted else { return nil }
            return .error("'\(source.writtenPath)' has changed since this load was checked: its columns are not the ones checked",
                          at: source.span, hint: "run this load again (with the let that names it) to read the file as it is now")
        }
    }

    /// The load stage, run after checking and before anything runs: imports the table of each of
    /// `sources` (the loads the checker met, in the order it met them), or attaches its cache, and
    /// binds it for the SQL generator. A table is imported once however many loads name it; each
    /// load reports the table's warnings at its own path, as it reads them.
    func importTables(_ sources: [TableSource]) -> LoadStageReport {
        var report = LoadStageReport()
        for source in sources {
            do {
                let table = try loader.load(source.request)
                if table.replacedDamagedCache {
                    let path = checker.displayPath(URL(fileURLWithPath: source.request.path))
                    report.diagnostics.append(.warning(TableStore.damagedCacheWarning(source: path), at: source.span))
                }
                for warning in table.warnings { report.diagnostics.append(.warning(warning, at: source.span)) }
                if table.columns != source.columns { report.changedSchema = true }
            } catch {
                report.diagnostics.append(checker.loadFailure(error, writtenPath: source.writtenPath, at: source.span))
                if (error as? LoadError)?.isInterruption == true {
                    report.interrupted = true
                    break
                }
            }
        }
        return report
    }
}

extension CheckedStatement {
    /// The tables the statement's plan reads.
    fileprivate var scannedSources: [TableSource] {
        switch self {
        case .show(let relation, _), .save(let relation, _, _, _), .explain(let relation, _), .plot(let relation, _, _):
            return relation.sources
        case .saveNetwork(let network, _):
            return network.relations.flatMap(\.sources)
        case .definition:
            return []
        }
    }
}
