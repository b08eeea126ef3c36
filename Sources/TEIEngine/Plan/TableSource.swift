import TEILanguage
import TEIStorage

/// What a `load` asks for: the resolved path and how to read it. Two loads with equal requests
/// read the same table.
public struct LoadRequest: Hashable, Sendable {
    /// The absolute path (a file, folder, glob or zip member).
    public var path: String
    public var options: LoadOptions

    public init(path: String, options: LoadOptions) {
        self.path = path
        self.options = options
    }
}

/// A table that a `load` names, as the checker leaves it in the plan: what to load and the columns
/// it was checked against, learnt without importing. The load stage imports it (`Session`), and the
/// SQL generator reads the bound `LoadedTable` (`TableBindings`).
public struct TableSource: Sendable {
    public var request: LoadRequest
    /// The path as the script wrote it, for messages.
    public var writtenPath: String
    /// The path's place in the script: where load warnings and errors are reported.
    public var span: Span
    /// The columns the checker saw (`TableStore.peek`).
    public var columns: [Column]
    /// False when the types of `columns` come from a plain CSV's first rows only.
    public var typesAreExact: Bool
}

/// The loaded table of each load request that the load stage imported: what the SQL generator
/// reads for each scan. Kept apart from the plan, so a plan stays a value that can be printed
/// and checked without any table imported.
public struct TableBindings: Sendable {
    private var tables: [LoadRequest: LoadedTable] = [:]

    public init() {}

    public subscript(request: LoadRequest) -> LoadedTable? {
        get { tables[request] }
        set { tables[request] = newValue }
    }

    /// The table `source` reads; the session imports every source of a statement before compiling it.
    func table(for source: TableSource) -> LoadedTable {
        guard let table = tables[source.request] else {
            preconditionFailure("compiled a scan of \(source.request.path) before the load stage imported it")
        }
        return table
    }
}
