import Foundation
import TEILanguage
import TEIRender
import TEIStorage

/// The arguments of a `plot` step, sorted by role before their types are checked.
private struct PlotArguments {
    var columns: [(column: Column, span: Span)] = []
    var series: (column: Column, span: Span)?
    var options: [(name: Name, value: Expression)] = []
    var target: (path: String, span: Span)?
}

/// The options `plot` takes as `name = value`.
private enum PlotOption: String, CaseIterable {
    case title, width, height, log, bins
}

extension Checker {
    /// Checks a `plot` step against the rows flowing into it, and builds the relation that
    /// computes exactly what the chart draws (see `PlotRequest` for its columns).
    func checkPlot(kind: Name, arguments: [Argument], input: Relation, span: Span) throws -> (Relation, PlotRequest) {
        guard let chartKind = ChartKind(rawValue: kind.text) else {
            let kinds = ChartKind.allCases.map(\.rawValue)
            throw error("unknown chart kind '\(kind.text)'", at: kind.span,
                        hint: Suggestion.hint(for: kind.text, among: kinds) ?? "chart kinds are \(kinds.joined(separator: ", "))")
        }
        let parts = try sortPlotArguments(arguments, input: input)
        var request = try plotRequest(kind: chartKind, parts: parts, span: span)
        try applyPlotOptions(parts, to: &request)
        let builder = PlotPlanBuilder(input: input, parts: parts, request: request)
        let relation: Relation
        switch chartKind {
        case .bar: relation = builder.bar()
        case .hist: relation = builder.histogram()
        case .line: relation = builder.line()
        case .heatmap: relation = builder.heatmap()
        case .spark: relation = builder.sparklines()
        case .scatter: relation = builder.scatter()
        }
        return (relation, request)
    }

    private func sortPlotArguments(_ arguments: [Argument], input: Relation) throws -> PlotArguments {
        var parts = PlotArguments()
        for argument in arguments {
            switch argument.label?.text {
            case nil:
                parts.columns.append((try plotColumn(argument.value, input: input), argument.value.span))
            case "by":
                guard parts.series == nil else { throw error("plot takes one 'by' column", at: argument.value.span) }
                let column = try plotColumn(argument.value, input: input)
                guard column.type != .list else {
                    throw error("cannot split series by a list", at: argument.value.span,
                                hint: "explode it first: explode hashtags as tag | … | plot … by tag")
                }
                parts.series = (column, argument.value.span)
            case "to":
                guard parts.target == nil else { throw error("plot writes one SVG file", at: argument.value.span) }
                guard case .string(let path, let pathSpan) = argument.value else {
                    throw error("'to' needs a file name in quotes", at: argument.value.span, hint: "plot … to \"figure.svg\"")
                }
                parts.target = (path, pathSpan)
            default:
                let name = argument.label!
                guard PlotOption(rawValue: name.text) != nil else {
                    let names = PlotOption.allCases.map(\.rawValue)
                    throw error("unknown plot option '\(name.text)'", at: name.span,
                                hint: Suggestion.hint(for: name.text, among: names) ?? "plot options are \(names.joined(separator: ", "))")
                }
                if parts.options.contains(where: { $0.name.text == name.text }) {
                    throw error("option '\(name.text)' appears twice", at: name.span)
                }
                parts.options.append((name, argument.value))
            }
        }
        return parts
    }

    /// The input column an argument names; plot takes column names only.
    private func plotColumn(_ expression: Expression, input: Relation) throws -> Column {
        guard case .name(let name, nil) = expression else {
            throw error("plot takes column names, not expressions", at: expression.span,
                        hint: "compute it first: derive v = … | plot … v")
        }
        guard let column = input.column(named: name.text) else {
            let names = input.columns.map(\.name)
            throw error("unknown column '\(name.text)'", at: name.span,
                        hint: Suggestion.hint(for: name.text, among: names) ?? "the columns are \(names.joined(separator: ", "))")
        }
        return column
    }

    /// Checks the number and types of the columns for the chart kind.
    private func plotRequest(kind: ChartKind, parts: PlotArguments, span: Span) throws -> PlotRequest {
        let columns = parts.columns
        let splits = parts.series != nil
        func require(_ count: ClosedRange<Int>, _ usage: String) throws {
            guard count.contains(columns.count) else {
                let roles = usage.split(separator: " ").dropFirst().filter { $0.first?.isUppercase == true && !$0.contains("…") }
                let missing = roles.dropFirst(columns.count).first.map { " (\($0.lowercased()))" } ?? ""
                let message = columns.count < count.lowerBound
                    ? "plot \(kind.rawValue) is missing a column\(missing)"
                    : "plot \(kind.rawValue) takes at most \(count.upperBound) column\(count.upperBound == 1 ? "" : "s")\(splits ? " with by" : "")"
                throw error(message, at: columns.count < count.lowerBound ? span : columns[count.upperBound].span, hint: "write: plot \(usage)")
            }
        }
        func noSeries(_ why: String) throws {
            if let series = parts.series { throw error("plot \(kind.rawValue) has no 'by'", at: series.span, hint: why) }
        }
        func numeric(_ item: (column: Column, span: Span), _ role: String) throws {
            guard item.column.type.isNumeric else {
                throw error("\(role) of plot \(kind.rawValue) must be a number, but '\(item.column.name)' is \(item.column.type.name)",
                            at: item.span, hint: item.column.type == .text ? "count it first: group … (n = count()) | plot …" : nil)
            }
        }
        func axis(_ item: (column: Column, span: Span), _ role: String) throws -> AxisKind {
            if item.column.type.isTemporal { return .time }
            guard item.column.type.isNumeric || item.column.type == .duration else {
                throw error("\(role) of plot \(kind.rawValue) must be a number or a time, but '\(item.column.name)' is \(item.column.type.name)",
                            at: item.span,
                            hint: kind == .line || kind == .scatter ? "for categories use plot bar" : "count categories with group … (n = count()) | plot bar …")
            }
            return .number
        }
        func category(_ item: (column: Column, span: Span), _ role: String) throws {
            guard item.column.type != .list else {
                throw error("\(role) of plot \(kind.rawValue) cannot be a list", at: item.span, hint: "explode it first: explode hashtags as tag")
            }
        }

        var request = PlotRequest(kind: kind, seriesNames: Array(columns.dropFirst().map(\.column.name)), splitsSeries: splits)
        switch kind {
        case .bar:
            try require(2...(splits ? 2 : 16), splits ? "bar LABEL VALUE by SERIES" : "bar LABEL VALUE [VALUE…]")
            try category(columns[0], "the label")
            if columns[0].column.type.isTemporal { request.xAxis = .time }
            for item in columns.dropFirst() { try numeric(item, "a value") }
        case .hist:
            try require(1...1, "hist COLUMN [bins = 20]")
            try noSeries("filter to one group first, or use plot line … by …")
            let type = columns[0].column.type
            request.xAxis = try axis(columns[0], "the column")
            request.wholeNumberBins = type != .float
            request.seriesNames = [columns[0].column.name]
        case .line:
            try require(2...(splits ? 2 : 16), splits ? "line X Y by SERIES" : "line X Y [Y…]")
            request.xAxis = try axis(columns[0], "x")
            for item in columns.dropFirst() { try numeric(item, "y") }
        case .heatmap:
            try require(3...3, "heatmap X Y VALUE")
            try noSeries("a heatmap shows one value per cell")
            try category(columns[0], "x")
            try category(columns[1], "y")
            try numeric(columns[2], "the value")
            request.seriesNames = [columns[2].column.name]
        case .spark:
            try require(1...(splits ? 1 : 16), splits ? "spark VALUE by GROUP" : "spark VALUE [VALUE…]")
            for item in columns { try numeric(item, "a value") }
            request.seriesNames = columns.map(\.column.name)
        case .scatter:
            try require(2...2, "scatter X Y [by SERIES]")
            request.xAxis = try axis(columns[0], "x")
            request.yAxis = try axis(columns[1], "y")
        }
        return request
    }

    private func applyPlotOptions(_ parts: PlotArguments, to request: inout PlotRequest) throws {
        for (name, value) in parts.options {
            let typed = try expression(value, in: ExpressionContext(scope: globals))
            guard let constant = typed.constant else {
                throw error("option '\(name.text)' needs a value known before the query runs", at: value.span)
            }
            func wholeNumber(_ range: ClosedRange<Int>) throws -> Int {
                guard case .int(let n) = constant, range.contains(Int(clamping: n)) else {
                    throw error("\(name.text) must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: value.span)
                }
                return Int(n)
            }
            switch PlotOption(rawValue: name.text)! {
            case .title:
                guard case .text(let text) = constant else { throw error("title must be text", at: value.span, hint: "title = \"Tweets per day\"") }
                request.title = text
            case .width:
                request.width = try wholeNumber(ChartOptions.minimumWidth...1_000)
            case .height:
                request.height = try wholeNumber(ChartOptions.minimumHeight...500)
            case .log:
                guard case .bool(let on) = constant else { throw error("log must be true or false", at: value.span) }
                request.logScale = on
            case .bins:
                guard request.kind == .hist else {
                    throw error("bins applies to plot hist only", at: name.span)
                }
                request.bins = try wholeNumber(1...1_000)
            }
        }
        request.bucketLimit = 2 * (request.width ?? PlotRequest.defaultBucketWidth)
        if let target = parts.target {
            let url = try resolveTargetPath(target.path, from: target.span)
            guard url.pathExtension.lowercased() == "svg" else {
                throw error("plot writes SVG files", at: target.span, hint: "end the file name with .svg")
            }
            request.svgPath = url
            request.svgDisplayPath = displayPath(url)
        }
    }
}

/// Builds the plan of the query behind a chart from plan nodes, so that one SQL statement
/// computes the drawn data, however many rows the input has.
private struct PlotPlanBuilder {
    let input: Relation
    let parts: PlotArguments
    let request: PlotRequest

    private var columns: [Column] { parts.columns.map(\.column) }
    private var values: [Column] { Array(columns.dropFirst()) }

    /// The y columns of the output, named by position so user names cannot clash.
    private static func valueName(_ index: Int) -> String { "__y\(index + 1)" }

    // MARK: Kinds

    /// Labels and values in input order, keeping the `categoryLimit` largest categories
    /// (by their largest absolute value) and counting all of them. Time labels keep the latest
    /// categories instead: the largest months of a series scattered over years would draw gaps
    /// that look like a continuous run.
    func bar() -> Relation {
        let limit = request.categoryLimit
        var outputs = [item("__x", column(columns[0]))]
        if let series = parts.series { outputs.append(item("__s", column(series.column))) }
        for (index, value) in values.enumerated() { outputs.append(item(Self.valueName(index), column(value))) }
        let sizes = values.map { call(.coalesce, [call(.abs, [column($0)], $0.type), .literal(.int(0))], $0.type) }
        let magnitude: PlanExpression
        if parts.series != nil {
            magnitude = .window(.max, [sizes[0]], partition: [column(columns[0])], order: [], type: .float)
        } else if values.count == 1 {
            magnitude = sizes[0]
        } else {
            magnitude = call(.greatest, sizes, .float)
        }
        let measured = project(input, outputs + [item("__m", magnitude)])
        // Several series give one row per category and series: rank categories, not rows.
        let x = PlanExpression.column("__x", columns[0].type), m = PlanExpression.column("__m", .float)
        let order = request.xAxis == .time
            ? [PlanSortKey(x, descending: true), PlanSortKey(m, descending: true)]
            : [PlanSortKey(m, descending: true), PlanSortKey(x, descending: false)]
        let rank = PlanExpression.window(parts.series != nil ? .denseRank : .rowNumber, [], partition: [], order: order, type: .int)
        let ranked = project(measured, passThrough(outputs) + [item("__r", rank)])
        let r = PlanExpression.column("__r", .int)
        let counted = project(ranked, passThrough(outputs) + [item("__r", r),
                                                            item("__n", .window(.max, [r], partition: [], order: [], type: .int))])
        let kept = filter(counted, call(.lessOrEqual, [r, .literal(.int(Int64(limit)))], .bool))
        return project(kept, passThrough(outputs) + [item("__n", .column("__n", .int))])
    }

    /// Counts per bin, the bins computed from the column's minimum and maximum in the same
    /// statement; null values fall in a bin of their own (numbered null) so they can be counted.
    func histogram() -> Relation {
        let x = columns[0]
        let stats = Relation(node: .aggregate(input, keys: [], aggregates: [
            item("__lo", call(.min, [column(x)], x.type)),
            item("__hi", call(.max, [column(x)], x.type)),
        ]), columns: [Column("__lo", x.type), Column("__hi", x.type)], sources: input.sources)
        let joinOutputs = [
            item("__v", .column(x.name, x.type, side: .left)),
            item("__lo", .column("__lo", x.type, side: .right)),
            item("__hi", .column("__hi", x.type, side: .right)),
        ]
        let joined = Relation(node: .join(kind: .inner, left: input, right: stats, condition: .literal(.bool(true)), outputs: joinOutputs),
                              columns: joinOutputs.map { Column($0.name, $0.expression.type) }, sources: input.sources)
        let bins = Int64(request.bins)
        let (v, lo, hi) = (PlanExpression.column("__v", x.type), PlanExpression.column("__lo", x.type), PlanExpression.column("__hi", x.type))
        let width = x.type == .float ? ValueType.float : x.type == .int ? .int : .duration
        let offset = call(.subtract, [v, lo], width), range = call(.subtract, [hi, lo], width)
        let bin: PlanExpression
        if request.wholeNumberBins {
            // Whole-number bins: width ⌈(hi − lo + 1) / bins⌉, so every bin holds the same integers.
            let binWidth = call(.divide, [call(.add, [range, .literal(.int(bins))], width), .literal(.int(bins))], width)
            bin = call(.divide, [offset, binWidth], .int)
        } else {
            let scaled = call(.divide, [call(.multiply, [offset, .literal(.float(Double(bins)))], .float), range], .float)
            let last = call(.least, [call(.int, [scaled], .int), .literal(.int(bins - 1))], .int)
            bin = call(.ifThenElse, [call(.equal, [hi, lo], .bool), .literal(.int(0)), last], .int)
        }
        let binned = project(joined, [item("__bin", call(.ifThenElse, [call(.isNull, [v], .bool), .literal(.null), bin], .int)),
                                      item("__lo", lo), item("__hi", hi)])
        let keys = ["__bin", "__lo", "__hi"].map { name in item(name, .column(name, binned.column(named: name)!.type)) }
        let count = item("__count", call(.count, [], .int))
        return Relation(node: .aggregate(binned, keys: keys, aggregates: [count]),
                        columns: [Column("__bin", .int), Column("__lo", x.type), Column("__hi", x.type), Column("__count", .int)],
                        sources: input.sources)
    }

    /// Points in x order, one per distinct x (and series), y averaged; when there are more rows
    /// than `bucketLimit`, x is cut into that many equal buckets drawn at their middles.
    func line() -> Relation {
        let x = columns[0]
        let present = filter(input, call(.isNotNull, [column(x)], .bool))
        var carried: [NamedExpression] = []
        if let series = parts.series { carried.append(item("__s", column(series.column))) }
        for (index, value) in values.enumerated() { carried.append(item(Self.valueName(index), column(value))) }
        let measured = project(present, [item("__v", column(x))] + carried + [
            item("__c", .window(.count, [], partition: [], order: [], type: .int)),
            item("__lo", .window(.min, [column(x)], partition: [], order: [], type: x.type)),
            item("__hi", .window(.max, [column(x)], partition: [], order: [], type: x.type)),
        ])
        let b = Int64(request.bucketLimit)
        let (v, lo, hi, c) = (PlanExpression.column("__v", x.type), PlanExpression.column("__lo", x.type),
                              PlanExpression.column("__hi", x.type), PlanExpression.column("__c", .int))
        let span = call(.subtract, [hi, lo], x.type == .float ? .float : x.type == .int ? .int : .duration)
        let scaled = call(.divide, [call(.multiply, [call(.subtract, [v, lo], span.type), .literal(.float(Double(b)))], .float), span], .float)
        let bucket = call(.least, [call(.int, [scaled], .int), .literal(.int(b - 1))], .int)
        let middle = call(.divide, [call(.multiply, [call(.add, [bucket, .literal(.float(0.5))], .float), span], .float), .literal(.float(Double(b)))], .float)
        let fewOrFlat = call(.or, [call(.lessOrEqual, [c, .literal(.int(b))], .bool), call(.equal, [hi, lo], .bool)], .bool)
        let position = call(.ifThenElse, [fewOrFlat, v, call(.add, [lo, middle], .float)], .float)
        let placed = project(measured, [item("__x", position)] + passThrough(carried))
        var keys = [item("__x", .column("__x", .float))]
        if let series = parts.series { keys.append(item("__s", .column("__s", series.column.type))) }
        var aggregates = values.indices.map { index in
            item(Self.valueName(index), call(.avg, [.column(Self.valueName(index), values[index].type)], .float))
        }
        aggregates.append(item("__n", call(.count, [], .int)))
        let named = keys + aggregates
        return Relation(node: .aggregate(placed, keys: keys, aggregates: aggregates),
                        columns: named.map { Column($0.name, $0.expression.type) }, sources: input.sources)
    }

    /// The sum of the values in each (x, y) cell, ordered by x then y.
    func heatmap() -> Relation {
        let keys = [item("__x", column(columns[0])), item("__y", column(columns[1]))]
        let value = item("__v", call(.sum, [column(columns[2])], columns[2].type))
        return Relation(node: .aggregate(input, keys: keys, aggregates: [value]),
                        columns: (keys + [value]).map { Column($0.name, $0.expression.type) }, sources: input.sources)
    }

    /// The values (and group) in input order; nothing else.
    func sparklines() -> Relation {
        var outputs: [NamedExpression] = []
        if let series = parts.series { outputs.append(item("__s", column(series.column))) }
        for (index, value) in columns.enumerated() { outputs.append(item(Self.valueName(index), column(value))) }
        return project(input, outputs)
    }

    /// The points, thinned to every n-th in x order when there are more than `sampleLimit`,
    /// with the number of points in all.
    func scatter() -> Relation {
        let (x, y) = (columns[0], columns[1])
        var outputs = [item("__x", column(x)), item("__y", column(y))]
        if let series = parts.series { outputs.append(item("__s", column(series.column))) }
        let numbered = project(input, outputs + [
            item("__r", .window(.rowNumber, [], partition: [], order: [PlanSortKey(column(x), descending: false),
                                                                        PlanSortKey(column(y), descending: false)], type: .int)),
            item("__n", .window(.count, [], partition: [], order: [], type: .int)),
        ])
        let cap = Int64(request.sampleLimit)
        let (r, n) = (PlanExpression.column("__r", .int), PlanExpression.column("__n", .int))
        let every = call(.divide, [call(.add, [n, .literal(.int(cap - 1))], .int), .literal(.int(cap))], .int)
        let isNth = call(.equal, [call(.remainder, [call(.subtract, [r, .literal(.int(1))], .int), every], .int), .literal(.int(0))], .bool)
        let thinned = filter(numbered, isNth)
        return project(thinned, passThrough(outputs) + [item("__n", n)])
    }

    // MARK: Helpers

    private func column(_ column: Column) -> PlanExpression { .column(column.name, column.type) }

    private func call(_ operation: Operation, _ arguments: [PlanExpression], _ type: ValueType) -> PlanExpression {
        .call(operation, arguments, type: type)
    }

    private func item(_ name: String, _ expression: PlanExpression) -> NamedExpression {
        NamedExpression(name: name, expression: expression)
    }

    /// The same outputs read back by name from the relation that computed them.
    private func passThrough(_ outputs: [NamedExpression]) -> [NamedExpression] {
        outputs.map { item($0.name, .column($0.name, $0.expression.type)) }
    }

    private func project(_ relation: Relation, _ outputs: [NamedExpression]) -> Relation {
        Relation(node: .project(relation, outputs), columns: outputs.map { Column($0.name, $0.expression.type) },
                 sources: relation.sources)
    }

    private func filter(_ relation: Relation, _ condition: PlanExpression) -> Relation {
        Relation(node: .filter(relation, condition), columns: relation.columns, sources: relation.sources)
    }
}
