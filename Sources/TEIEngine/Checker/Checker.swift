import Foundation
import TEILanguage
import TEIRender
import TEIStorage

/// Tells the checker the columns of the table a `load` names, without importing it (the load stage
/// imports later); the session implements it over `TableStore.peek`.
public protocol TableSchemas: AnyObject {
    func schema(of request: LoadRequest) throws -> TableSchema
}

/// Thrown inside the checker once a diagnostic has been recorded, to abandon the statement.
struct Reported: Error {}

/// Checks statements against the schema and turns them into plans. Every name and type is checked
/// before any SQL runs; errors are collected, and one bad statement does not stop the others
/// from being checked.
public final class Checker {
    let sources: SourceMap
    let globals: Scope
    let schemas: TableSchemas
    /// Where relative paths of each source resolve: the script's folder, or the working directory.
    var baseDirectories: [Int: URL] = [:]
    /// Folders searched for `import "name"` after the importing script's own folder.
    public var libraryDirectories: [URL] = []
    /// Values given on the command line with `--param`, applied when the script declares them.
    public var parameterOverrides: [String: String] = [:]
    /// Parameters the script declared, with their values, in order.
    public private(set) var parameters: [(name: String, value: Value)] = []
    /// Every parameter name a `param` statement declared, including those whose value was rejected.
    private var declaredParameters: Set<String> = []
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Every `load` checked since the diagnostics were last cleared, in the order checked: what
    /// the load stage imports.
    public internal(set) var tableSources: [TableSource] = []
    private var importedFiles: Set<String> = []
    private var importStack: [String] = []

    /// How deeply the expressions and pipelines being checked nest now, with user functions
    /// expanded: the checker and the SQL generator recurse that deep, and SQLite's parser
    /// gives up far earlier (see `Database.sizeLimitMessages`).
    private var nesting = 0
    /// The keys of the group whose steps are being checked (`group KEYS (STEP | …)`): the
    /// partition of the window functions in them. Empty outside such a group.
    var groupPartition: [PlanExpression] = []
    /// Expressions checked for the statement being checked: a function whose parameter is used
    /// twice, called on its own result a few dozen times, expands to billions of them.
    private var expressionsChecked = 0
    static let maximumNesting = 250
    static let maximumExpressions = 100_000
    /// The items of an `x in [...]` list, leaving the rest of the statement room under `maximumExpressions`.
    static let maximumListItems = 50_000
    static let maximumCallDepth = 48
    static let maximumSteps = 500

    public init(sources: SourceMap, schemas: TableSchemas) {
        self.sources = sources
        self.globals = Scope()
        self.schemas = schemas
    }

    /// Forgets the diagnostics and loads collected so far (the REPL checks each cell on its own).
    public func clearDiagnostics() {
        diagnostics = []
        tableSources = []
    }

    func report(_ diagnostic: Diagnostic) -> Reported {
        diagnostics.append(diagnostic)
        return Reported()
    }

    func error(_ message: String, at span: Span?, hint: String? = nil) -> Reported {
        report(.error(message, at: span, hint: hint))
    }

    /// Returns a name the user gives to a column, value, table, function or parameter, refusing the
    /// `__tei_` prefix: the engine's hidden columns (row numbers, sort keys) use it, and a user's column
    /// of that name would silently stand in for one of them.
    func introduced(_ name: Name) throws -> String {
        guard !name.text.lowercased().hasPrefix(LoadedTable.reservedPrefix) else {
            throw error("names starting with \(LoadedTable.reservedPrefix) are reserved for tei's own columns", at: name.span,
                        hint: "choose another name")
        }
        return name.text
    }

    /// Sets the folder that relative paths in source `index` resolve against.
    public func setBaseDirectory(_ url: URL, forSource index: Int) {
        baseDirectories[index] = url
    }

    func resolvePath(_ path: String, from span: Span) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        let base = baseDirectories[span.source] ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return base.appendingPathComponent(expanded).standardizedFileURL
    }

    /// The file a `save` or `plot … to` writes; a name ending in `/` names a folder, not a file.
    func resolveTargetPath(_ path: String, from span: Span) throws -> URL {
        guard !path.hasSuffix("/") else {
            throw error("'\(path)' names a folder: it ends in `/`", at: span, hint: "name a file, without the `/` at the end")
        }
        return resolvePath(path, from: span)
    }

    /// Binds a name in the global scope (the REPL's `_` and `_3`).
    public func define(table relation: Relation, as name: String) {
        globals.define(name, .table(relation))
    }

    /// Names bound in the global scope, by kind, for completion and `:vars`.
    public var globalNames: [(name: String, kind: String)] {
        globals.names.map { name, binding in
            switch binding {
            case .table: return (name, "table")
            case .value(let v): return (name, v.type.name)
            case .function: return (name, "fn")
            case .argument, .poisoned: return (name, "?")
            }
        }.sorted { $0.name < $1.name }
    }

    /// The columns of a global table, for completion and `:schema`.
    public func columns(ofTable name: String) -> [Column]? {
        if case .table(let relation) = globals.lookup(name) { return relation.columns }
        return nil
    }

    /// The user function called `name`, for `:help`.
    public func userFunction(named name: String) -> FunctionDeclaration? {
        if case .function(let declaration) = globals.lookup(name) { return declaration }
        return nil
    }

    // MARK: - Statements

    /// Checks a program; returns the checked statements (those that failed are left out and
    /// reported in `diagnostics`).
    public func check(_ program: Program) -> [CheckedStatement] {
        program.statements.compactMap { statement in
            do {
                return try checkStatement(statement)
            } catch {
                if case .letBinding(let name, _, _) = statement { globals.define(name.text, .poisoned) }
                if case .param(let name, _, _) = statement { globals.define(name.text, .poisoned) }
                return nil
            }
        }
    }

    /// Reports `--param` names that no `param` statement declared.
    public func checkUnusedOverrides() {
        let declared = declaredParameters
        for name in parameterOverrides.keys.sorted() where !declared.contains(name) {
            _ = error("unknown parameter '\(name)' given with --param", at: nil,
                      hint: declared.isEmpty ? "the script declares no parameters"
                          : "the script declares: \(declared.sorted().joined(separator: ", "))")
        }
    }

    /// Runs `body` one level deeper, or reports that the statement nests or expands too much.
    func deeper<T>(at span: Span, _ body: () throws -> T) throws -> T {
        nesting += 1
        expressionsChecked += 1
        defer { nesting -= 1 }
        guard nesting <= Checker.maximumNesting else {
            throw error("expression nested too deeply (more than \(Checker.maximumNesting) levels, with functions expanded)", at: span,
                        hint: "compute parts of it in earlier steps with derive or let")
        }
        guard expressionsChecked <= Checker.maximumExpressions else {
            throw error("this statement expands to more than \(Checker.maximumExpressions) expressions", at: span,
                        hint: "a function that uses a parameter twice doubles its argument at every call; compute the argument first with let")
        }
        return try body()
    }

    func checkStatement(_ statement: Statement) throws -> CheckedStatement {
        expressionsChecked = 0
        switch statement {
        case .letBinding(let name, let value, let span):
            _ = try introduced(name)
            switch try checkHead(value, scope: globals) {
            case .table(let relation):
                if relation.label == nil { relation.label = name.text }
                globals.define(name.text, .table(relation))
            case .value(let typed):
                globals.define(name.text, .value(typed))
            }
            return .definition(name: name.text, span: span)

        case .param(let name, let value, let span):
            return try checkParam(name: name, value: value, span: span)

        case .function(let declaration):
            _ = try introduced(declaration.name)
            for parameter in declaration.parameters { _ = try introduced(parameter.name) }
            if FunctionTable.function(named: declaration.name.text) != nil || Transforms.named(declaration.name.text) != nil {
                throw error("'\(declaration.name.text)' is a built-in name", at: declaration.name.span, hint: "choose another name for the function")
            }
            var seen: Set<String> = []
            for parameter in declaration.parameters where !seen.insert(parameter.name.text).inserted {
                throw error("parameter '\(parameter.name.text)' appears twice", at: parameter.name.span)
            }
            globals.define(declaration.name.text, .function(declaration))
            return .definition(name: declaration.name.text, span: declaration.span)

        case .importFile(let path, let pathSpan, let span):
            try importLibrary(path, at: pathSpan)
            return .definition(name: nil, span: span)

        case .save(let pipeline, let path, let pathSpan, let nodes, let span):
            let relation = try table(pipeline, scope: globals)
            let url = try resolveTargetPath(path, from: pathSpan)
            if let format = NetworkFormat(fileName: url.lastPathComponent) {
                return try checkNetworkSave(edges: (relation, pipeline.span), nodes: nodes, to: url, format: format, span: span)
            }
            guard let format = SaveFormat(fileName: url.lastPathComponent) else {
                throw error("cannot tell the format of '\(path)'", at: pathSpan,
                            hint: "end the file name with .csv, .tsv, .csv.gz, .json, .jsonl, .ndjson, .gexf or .graphml")
            }
            if let nodes {
                throw error("only a network file (.gexf, .graphml) has nodes", at: nodes.span,
                            hint: "save the nodes to a file of their own, or name a .gexf or .graphml file")
            }
            return .save(relation, to: url, format: format, span: span)

        case .explain(let pipeline, let span):
            return .explain(try table(pipeline, scope: globals), span: span)

        case .show(let pipeline, let span):
            if case .pipeline(let source, let steps, _) = pipeline, case .plot(let kind, let arguments, let plotSpan)? = steps.last {
                let input = try table(steps.count == 1 ? source : .pipeline(source: source, steps: Array(steps.dropLast()), span: source.span.to(steps[steps.count - 2].span)), scope: globals)
                let (relation, request) = try checkPlot(kind: kind, arguments: arguments, input: input, span: plotSpan)
                return .plot(relation, request, span: span)
            }
            switch try checkHead(pipeline, scope: globals) {
            case .table(let relation):
                return .show(relation, span: span)
            case .value(let typed):
                let relation = Relation(node: .project(Relation.singleRow, [NamedExpression(name: "value", expression: typed.expression)]),
                                        columns: [Column("value", typed.type)], sources: [])
                return .show(relation, span: span)
            }
        }
    }

    /// `save EDGES to "FILE.gexf" [with nodes = NODES]`: the columns must make a network (`NetworkLayout`).
    private func checkNetworkSave(edges: (Relation, Span), nodes: Expression?, to url: URL, format: NetworkFormat,
                                  span: Span) throws -> CheckedStatement {
        let nodeRelation = try nodes.map { try table($0, scope: globals) }
        do {
            let layout = try NetworkLayout(edges: edges.0.columns, nodes: nodeRelation?.columns)
            return .saveNetwork(NetworkSave(edges: edges.0, nodes: nodeRelation, layout: layout, url: url, format: format), span: span)
        } catch let failure as NetworkLayoutError {
            throw error(failure.message, at: failure.part == .nodes ? nodes?.span : edges.1, hint: failure.hint)
        }
    }

    private func checkParam(name: Name, value: Expression, span: Span) throws -> CheckedStatement {
        declaredParameters.insert(try introduced(name))
        let typed = try expression(value, in: ExpressionContext(scope: globals))
        guard let defaultValue = typed.constant else {
            throw error("a parameter's default must be a literal value", at: value.span, hint: "for example: param since = @2016-01-01")
        }
        var chosen = defaultValue
        if let text = parameterOverrides[name.text] {
            guard let parsed = ParameterValue.parse(text, as: typed.type) else {
                throw error("--param \(name.text)=\(text): expected \(ParameterValue.describe(typed.type))", at: name.span,
                            hint: "the script declares '\(name.text)' as \(typed.type.name) (its default is \(defaultValue.text))")
            }
            chosen = parsed
        }
        parameters.removeAll { $0.name == name.text }
        parameters.append((name.text, chosen))
        globals.define(name.text, .value(TypedExpression(constant: chosen, type: typed.type)))
        return .definition(name: name.text, span: span)
    }

    private func importLibrary(_ path: String, at span: Span) throws {
        let name = path.hasSuffix(".tei") ? path : path + ".tei"
        let candidates = [resolvePath(name, from: span)] + libraryDirectories.map { $0.appendingPathComponent(name).standardizedFileURL }
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            let known = libraryDirectories.flatMap { directory in
                ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                    .filter { $0.hasSuffix(".tei") }.map { String($0.dropLast(4)) }
            }
            throw error("cannot find library '\(path)'", at: span,
                        hint: Suggestion.hint(for: (path as NSString).lastPathComponent.replacingOccurrences(of: ".tei", with: ""), among: known)
                            ?? "looked in \(candidates.map { displayPath($0.deletingLastPathComponent()) }.joined(separator: ", ")); TEI_STDLIB names another library folder")
        }
        let key = url.path
        if importStack.contains(key) { throw error("'\(path)' imports itself", at: span) }
        if importedFiles.contains(key) { return }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw error("cannot read library '\(path)'", at: span, hint: "check that you may read \(displayPath(url))")
        }
        let text: String
        switch Source.decode(Array(data)) {
        case .success(let decoded): text = decoded
        case .failure(let invalid):
            throw error("library '\(path)' is not valid UTF-8 text at line \(invalid.line), column \(invalid.column)", at: span,
                        hint: "save \(displayPath(url)) as UTF-8")
        }
        let index = sources.add(Source(name: displayPath(url), text: text))
        baseDirectories[index] = url.deletingLastPathComponent()
        let (program, syntaxErrors) = Parser.parse(sources[index], index: index)
        diagnostics += syntaxErrors
        importStack.append(key)
        defer { importStack.removeLast() }
        for statement in program.statements {
            switch statement {
            case .letBinding, .param, .function, .importFile:
                do { _ = try checkStatement(statement) } catch {}
            default:
                diagnostics.append(.error("a library holds definitions only (let, fn, param, import)", at: statement.span,
                                          hint: "move this statement into the script that imports the library"))
            }
        }
        importedFiles.insert(key)
    }

    /// A path as the user would write it: relative to the working directory when inside it.
    func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if url.path == cwd { return "." }
        return url.path.hasPrefix(cwd + "/") ? String(url.path.dropFirst(cwd.count + 1)) : url.path
    }
}

extension Relation {
    /// A relation of one row and no columns: what a pipeline without a table computes on.
    static let singleRow = Relation(node: .singleRow, columns: [], sources: [])
}
