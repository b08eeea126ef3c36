import Foundation

/// Imports the CSV streams of one `load` into a fresh cache database file.
///
/// Every stream is scanned by `CSVScanner` and its header bound by name. TEI tweets and users files
/// get the typed TEI schema, plus any columns of their own (a researcher's labels), typed as a plain
/// CSV's are; any other CSV is read twice (types are inferred over all rows, then imported), as is a
/// TEI file with columns of its own. The file is written with journaling and syncing off: it is private until
/// `TableStore` renames it into place, so a crash can only leave an unused temporary file.
struct Importer {
    /// What the import produced, for `LoadedTable` and the cache's metadata.
    struct Result {
        var kind: TableKind
        var columns: [Column]
        var files: [SourceFile]
        var warnings: [String]
        /// List column name → physical items table name.
        var itemsTables: [String: String]
        /// Dictionary-encoded column name → its code column and dictionary table.
        var codes: [String: CacheMetadata.CodeEntry]
    }

    let inputs: [SourceInput]
    let options: LoadOptions
    let progress: ProgressMeter
    let cancellation: ImportCancellation
    var dictionaryMemory = TableBuilder.DictionaryMemory.standard
    var rollupBudget = RollupBuilder.Budget.standard

    /// Stops a stream once the header (or the sample of rows) has been read.
    private struct StopReading: Error {}

    /// Lenient-mode bookkeeping: skipped rows and where.
    private struct Skips {
        var count = 0
        var examples: [String] = []

        mutating func add(_ place: String, _ message: String) {
            count += 1
            if examples.count < 5 { examples.append("\(place): \(message)") }
        }
    }

    /// The most columns a CSV may have: SQLite holds at most 2,000 in a table or a view, and tei
    /// adds a few of its own (row number, source file).
    static let maxColumns = 1_990

    /// The inputs an import reads, their kind and their columns (with the script's types applied,
    /// without the `source_file` column tei adds).
    struct Schema {
        var inputs: [SourceInput]
        var kind: TableKind
        var columns: [Column]
        /// False when a plain CSV's types were inferred from some of its rows only: the rest may
        /// change them.
        var typesAreExact = true

        /// The columns of the loaded table: these, then `source_file` unless the file has its own.
        var tableColumns: [Column] {
            columns + (columns.contains { LoadedTable.isSourceFileColumn($0.name) } ? [] : [Column(LoadedTable.sourceFileColumn, .text)])
        }
    }

    /// Reads what decides the table's columns: every input's header, and for a plain CSV the values
    /// of its first `sampledRows` rows (all of them when nil) to infer its types. Throws the errors
    /// the import would for a bad header, a file that is not CSV, or mixed kinds of files.
    func schema(sampledRows: Int? = nil) throws -> Schema {
        guard !inputs.isEmpty else { throw LoadError(file: "", message: "nothing to load") }
        let (inputs, headers, kind) = try chooseInputs()
        if let (zipped, copy) = Self.unzippedCopy(in: inputs) {
            throw Self.duplicateSourceError(zipped, copy, evidence: "same name and size")
        }
        var columns: [Column]
        var typesAreExact = true
        switch kind {
        case .teiTweets, .teiUsers:
            for (index, header) in headers.enumerated() {
                let missing = TEIFormat.missingColumns(header, kind: kind)
                if !missing.isEmpty {
                    throw LoadError(file: inputs[index].messageName, line: 1,
                                    message: "missing required TEI column\(missing.count > 1 ? "s" : ""): \(missing.joined(separator: ", "))",
                                    hint: "a TEI \(kind == .teiTweets ? "tweets" : "users") file needs every release column")
                }
            }
            let present = Set(headers.joined())
            columns = TEIFormat.columns(of: kind).filter {
                !TEIFormat.optionalTweetColumns.contains($0.name) || present.contains($0.name)
            }
            if let own = present.first(where: LoadedTable.isSourceFileColumn) { columns.append(Column(own, .text)) }
            let added = Self.addedColumns(headers, beside: columns)
            if !added.isEmpty {
                // A researcher's own columns (hand labels) are typed as a plain CSV's are.
                let inferred = try inferColumns(header: added, inputs: inputs, sampledRows: sampledRows)
                columns += inferred.0
                typesAreExact = inferred.readAll
            }
        case .generic:
            let first = headers[0]
            guard first.count <= Self.maxColumns else {
                throw LoadError(file: inputs[0].messageName, line: 1,
                                message: "the file has \(first.count) columns, more than tei can hold (at most \(Self.maxColumns))",
                                hint: "select the columns you need into a narrower CSV before loading it")
            }
            for (index, header) in headers.enumerated() where Set(header) != Set(first) {
                throw LoadError(file: inputs[index].messageName, line: 1,
                                message: "the columns differ from those of \(inputs[0].displayName)",
                                hint: "files loaded together need the same header")
            }
            (columns, typesAreExact) = try inferColumns(header: first, inputs: inputs, sampledRows: sampledRows)
        }
        let names = Set(columns.map(\.name))
        for name in options.columnTypes.keys.sorted() where !names.contains(name) {
            throw LoadError(file: inputs[0].messageName, message: "no column named \(name) to retype",
                            hint: "columns are: \(columns.map(\.name).joined(separator: ", "))")
        }
        columns = columns.map { Column($0.name, options.columnTypes[$0.name] ?? $0.type) }
        return Schema(inputs: inputs, kind: kind, columns: columns, typesAreExact: typesAreExact)
    }

    /// The columns of TEI `headers` that are not among `columns` (the release's own), in the order
    /// the files first name them.
    private static func addedColumns(_ headers: [[String]], beside columns: [Column]) -> [String] {
        var seen = Set(columns.map(\.name))
        return headers.joined().filter { seen.insert($0).inserted }
    }

    func run(into database: Database) throws -> Result {
        let schema = try schema()
        let (inputs, kind, columns) = (schema.inputs, schema.kind, schema.columns)
        progress.totalBytes = inputs.reduce(0) { $0 + $1.progressSize }

        let builder = try TableBuilder(database: database, kind: kind, columns: columns,
                                       overridden: Set(options.columnTypes.keys), dictionaryMemory: dictionaryMemory,
                                       rollupBudget: rollupBudget)
        // On a throw, the writer thread must end before the caller rolls back or closes the database.
        defer { builder.abandon() }
        var files: [SourceFile] = []
        var skips = Skips()
        var warnings: [String] = []
        var readContents: [String: SourceInput] = [:]
        for input in inputs {
            builder.beginSource(input.displayName)
            let before = builder.rowCount
            var fieldIndex: [Int] = []
            var header: CSVHeader?
            let handle: (CSVRecord) throws -> Void = { record in
                guard let header else {
                    let read = try CSVHeader(record, of: input)
                    fieldIndex = columns.map { column in read.names.firstIndex(of: column.name) ?? -1 }
                    header = read
                    return
                }
                if record.count != header.names.count {
                    let error = Self.fieldCountError(record, expected: header.names.count, in: input)
                    guard options.lenient, header.names.count > 1 else { throw error }
                    return skips.add("\(input.displayName):\(record.line)", error.message)
                }
                if Self.repeatsHeader(record, header.fields) { return }
                do {
                    try builder.add(record, fieldIndex: fieldIndex)
                } catch let error as RowError {
                    guard options.lenient else {
                        throw LoadError(file: input.messageName, line: record.line, message: error.message,
                                        hint: "use a lenient load to skip malformed rows")
                    }
                    skips.add("\(input.displayName):\(record.line)", error.message)
                }
            }
            progress.begin(file: input.displayName)
            // Read and scanned on a thread of its own, replayed here in order.
            let reader = CSVReadAhead(input: input, lenient: options.lenient, cancellation: cancellation)
            defer { reader.stop() }
            let skipMalformed: (CSVSyntaxError) throws -> Void = { error in
                guard header != nil else { throw error }
                skips.add("\(input.displayName):\(error.line)", error.message)
            }
            do {
                try reader.forEach(record: handle, malformed: skipMalformed,
                                   progress: { bytes in progress.advance(bytes: bytes, rows: builder.rowCount) },
                                   unfinished: { error in
                                       guard options.lenient && error.isSkippable else { throw error }
                                       try skipMalformed(error)
                                   })
            } catch let error as CSVSyntaxError {
                throw Self.syntaxError(error, in: input)
            }
            let size = reader.size
            if header == nil {
                throw LoadError(file: input.messageName, message: "the file is empty", hint: "a CSV needs a header line")
            }
            let file = SourceFile(path: input.displayName, size: size, sha256: reader.sha256,
                                  rows: Int(builder.rowCount - before))
            if file.rows > 0, let first = readContents.updateValue(input, forKey: "\(file.size):\(file.sha256)") {
                throw Self.duplicateSourceError(first, input, evidence: "same SHA-256")
            }
            files.append(file)
        }
        try builder.finish()
        if skips.count > 0 {
            warnings.append("skipped \(Self.plural(skips.count, "malformed row")): "
                + skips.examples.joined(separator: "; ") + (skips.count > skips.examples.count ? "; …" : ""))
        }
        if builder.repairs.replacedSequences > 0 {
            warnings.append("replaced \(Self.plural(builder.repairs.replacedSequences, "invalid UTF-8 sequence")) with U+FFFD")
        }
        if builder.repairs.droppedNULs > 0 {
            warnings.append("dropped \(Self.plural(builder.repairs.droppedNULs, "NUL byte"))")
        }
        for (index, failures) in builder.conversionFailures.enumerated() where failures > 0 {
            let type = columns[index].type.name
            let article = type.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            warnings.append("\(columns[index].name): \(Self.plural(failures, "value")) \(failures == 1 ? "is" : "are") not \(article) \(type) and became null")
        }
        return Result(kind: kind, columns: schema.tableColumns, files: files,
                      warnings: warnings, itemsTables: builder.plan.itemsTables, codes: builder.plan.codes)
    }

    /// The inputs to import, their headers and their one kind: those of `options.kind` when the load
    /// asks for a kind (a release folder or zip holds tweets and users files side by side), else all
    /// of them, which must then be of one kind.
    private func chooseInputs() throws -> ([SourceInput], [[String]], TableKind) {
        var headers: [[String]] = []
        for input in inputs { headers.append(try header(of: input)) }
        let kinds = headers.map { TEIFormat.kind(of: $0) ?? .generic }
        guard let wanted = options.kind else {
            if let index = kinds.firstIndex(where: { $0 != kinds[0] }) {
                throw LoadError(file: inputs[index].messageName,
                                message: "this is a \(kinds[index].rawValue) file but \(inputs[0].displayName) is a \(kinds[0].rawValue) file",
                                hint: "load tweets \"…\" or load users \"…\" picks one kind of file; load each kind into its own table")
            }
            return (inputs, headers, kinds[0])
        }
        let chosen = kinds.indices.filter { kinds[$0] == wanted }
        guard !chosen.isEmpty else {
            if inputs.count == 1 {
                throw LoadError(file: inputs[0].messageName, message: "this is a \(kinds[0].rawValue) file, not a \(wanted.rawValue) file")
            }
            let place = Set(inputs.map(\.file)).count == 1 ? inputs[0].file.path : inputs[0].file.deletingLastPathComponent().path
            let found = zip(inputs, kinds).prefix(3).map { "\($0.displayName) is a \($1.rawValue) file" }
            throw LoadError(file: place, message: "no \(wanted.rawValue) file here (\(found.joined(separator: ", "))\(inputs.count > 3 ? ", …" : ""))",
                            hint: wanted == .teiTweets ? "load users \"…\" loads the users files" : "load tweets \"…\" loads the tweets files")
        }
        return (chosen.map { inputs[$0] }, chosen.map { headers[$0] }, wanted)
    }

    /// What a user reads for a record the parser could not make sense of.
    private static func syntaxError(_ error: CSVSyntaxError, in input: SourceInput) -> LoadError {
        LoadError(file: input.messageName, line: error.line, message: error.message,
                  hint: error.isSkippable ? "check the quoting on this line; a lenient load (load \"…\" lenient) skips such a row"
                      : "check that this is a CSV file")
    }

    /// A zip's CSV and a plain file of the same name and size among `inputs`, as unzipping a
    /// release beside its zip leaves them: found before importing gigabytes only to refuse them.
    private static func unzippedCopy(in inputs: [SourceInput]) -> (SourceInput, SourceInput)? {
        let plain = Dictionary(inputs.filter { $0.container == .plain }.map { ($0.file.lastPathComponent, $0) },
                               uniquingKeysWith: { first, _ in first })
        for input in inputs {
            guard case .zipEntry(let path) = input.container,
                  let copy = plain[(path as NSString).lastPathComponent], copy.progressSize == input.progressSize else { continue }
            return (input, copy)
        }
        return nil
    }

    /// Two streams of one load with the same data (`evidence` says how that is known), such as a
    /// release zip beside its own unzipped files: importing both would count every row twice.
    private static func duplicateSourceError(_ first: SourceInput, _ second: SourceInput, evidence: String) -> LoadError {
        let zipped = [first, second].first { if case .zipEntry = $0.container { return true } else { return false } }
        let hint = zipped.map { zip in
            "load one of them: name the zip (\"…/\(zip.file.lastPathComponent)\") or the file, or move the zip out of the folder"
        } ?? "load one of them: name one file, or move the copy away"
        return LoadError(file: second.messageName,
                         message: "the same data as \(first.displayName) (\(evidence)): every row would count twice",
                         hint: hint)
    }

    /// A record with another number of fields than the header. A header without a comma means the
    /// file is not a CSV at all (Markdown, plain text), which no lenient load should hide.

    private static func fieldCountError(_ record: CSVRecord, expected: Int, in input: SourceInput) -> LoadError {
        if expected == 1 {
            return LoadError(file: input.messageName, line: record.line,
                             message: "this is not a CSV file: its first line has no comma, but this line has \(record.count) fields",
                             hint: "a CSV file starts with a header line naming its columns, separated by commas")
        }
        return LoadError(file: input.messageName, line: record.line,
                         message: "expected \(plural(expected, "field")), found \(record.count)",
                         hint: "a quote may be missing or doubled on this line, or the file was cut short")
    }

    /// `1 field`, `2 fields`.
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    private static func repeatsHeader(_ record: CSVRecord, _ header: [String]) -> Bool {
        guard let first = header.first, record.raw(0).elementsEqual(first.utf8) else { return false }
        return (0..<record.count).allSatisfy { record.raw($0).elementsEqual(header[$0].utf8) }
    }

    /// The column names of `input`'s header (see `CSVHeader`).
    /// First refuses a stream that is not CSV text (see `ContentSniffer`).
    private func header(of input: SourceInput) throws -> [String] {
        let parser = CSVParser()
        var header: [String] = []
        var sniffed = false
        let take: (CSVRecord) throws -> Void = { record in
            header = try CSVHeader(record, of: input).names
            throw StopReading()
        }
        do {
            try input.stream({ chunk in
                if !sniffed, let problem = ContentSniffer.problem(in: chunk) {
                    throw LoadError(file: input.messageName, message: problem.message, hint: problem.hint)
                }
                sniffed = true
                try parser.feed(chunk, take)
            }, progress: { _ in })
            try parser.finish(take)
        } catch is StopReading {
        } catch let error as CSVSyntaxError {
            throw Self.syntaxError(error, in: input)
        }
        guard !header.isEmpty else {
            throw LoadError(file: input.messageName, message: "the file is empty", hint: "a CSV needs a header line")
        }
        return header
    }

    /// Infers the type of each column `header` names from its values (first pass over every input;
    /// a TEI file's own columns are some of its header): all of them, or
    /// those of the first `sampledRows` rows of the inputs when given; says whether it read them all.
    private func inferColumns(header: [String], inputs: [SourceInput], sampledRows: Int?) throws -> ([Column], readAll: Bool) {
        var inference = header.map { _ in TypeInference() }
        var scratch: [UInt8] = []
        var rows = 0
        var readAll = true
        for input in inputs {
            if let sampledRows, rows >= sampledRows {
                readAll = false
                break
            }
            var order: [Int] = []
            // The file's own number of fields: `header` may name only some of its columns.
            var fieldCount = 0
            let parser = CSVParser(skipMalformed: !options.lenient ? nil : { error in
                if order.isEmpty { throw error }
            })
            let visit: (CSVRecord) throws -> Void = { record in
                if order.isEmpty {
                    let names = try CSVHeader(record, of: input).names
                    order = header.map { names.firstIndex(of: $0) ?? -1 }
                    fieldCount = names.count
                    return
                }
                if let sampledRows, rows >= sampledRows { throw StopReading() }
                rows += 1
                guard record.count == fieldCount || (options.lenient && fieldCount > 1) else {
                    throw Self.fieldCountError(record, expected: fieldCount, in: input)
                }
                guard record.count == fieldCount else { return }
                for (column, field) in order.enumerated() where field >= 0 {
                    let raw = record.raw(field)
                    if FieldCleaner.needsCleaning(raw, escaped: record.escaped[field]) {
                        FieldCleaner.clean(raw, escaped: record.escaped[field], into: &scratch)
                        scratch.withUnsafeBufferPointer { inference[column].observe($0) }
                    } else {
                        inference[column].observe(raw)
                    }
                }
            }
            do {
                try input.stream({ try parser.feed($0, visit) }, progress: { _ in })
                try parser.finish(visit)
            } catch is StopReading {
                readAll = false
            } catch let error as CSVSyntaxError {
                guard options.lenient, error.isSkippable, !order.isEmpty else { throw Self.syntaxError(error, in: input) }
            }
        }
        return (zip(header, inference).map { Column($0, $1.type) }, readAll)
    }
}
