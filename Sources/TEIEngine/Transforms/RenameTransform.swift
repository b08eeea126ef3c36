import TEILanguage
import TEIStorage

/// `rename new_name = old_name, …`: every column stays, in its place; the named ones take new names.
/// A projection, so the optimizer treats it as it treats a `select` of plain columns.
enum RenameTransform: TransformChecking {
    static let declaration = Transform(
        name: "rename", syntax: "rename NEW = OLD, …", summary: "Gives columns new names, keeping every column in its place.",
        example: "tweets | rename who = user_screen_name, posted = tweet_time", checkedBy: RenameTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        guard case .bindings(let items)? = step.arguments.first else { return input }
        var newNames: [String: Name] = [:]
        for item in items {
            guard let newName = item.name else {
                throw checker.error("rename needs a new name for each column", at: item.value.span, hint: "write rename new_name = old_name")
            }
            let old = try checker.expression(item.value, in: ExpressionContext(scope: scope, input: input))
            guard case .column(let oldName, nil, _) = old.expression, input.column(named: oldName) != nil else {
                throw checker.error("rename takes a column's name after '='", at: item.value.span,
                                    hint: "to compute a new column write derive \(newName.text) = …")
            }
            guard newNames[oldName] == nil else {
                throw checker.error("column '\(oldName)' is renamed twice", at: item.value.span, hint: "rename it once; to copy a column use derive")
            }
            newNames[oldName] = Name(try checker.introduced(newName), span: newName.span)
        }
        try checkNoClash(newNames, input: input, checker: checker)
        let outputs = input.columns.map { column in
            NamedExpression(name: newNames[column.name]?.text ?? column.name, expression: .column(column.name, column.type))
        }
        return checker.derived(.project(input, outputs), columns: outputs.map { Column($0.name, $0.expression.type) }, from: input)
    }

    /// Reports the first new name (as written) that another column of the result has too.
    private static func checkNoClash(_ newNames: [String: Name], input: Relation, checker: Checker) throws {
        var taken: Set<String> = []
        for (old, new) in newNames.sorted(by: { $0.value.span.start < $1.value.span.start }) {
            if input.column(named: new.text) != nil, newNames[new.text] == nil {
                throw checker.error("column '\(new.text)' already exists", at: new.span, hint: "choose another name, or rename '\(new.text)' too")
            }
            guard taken.insert(new.text).inserted else {
                throw checker.error("two columns are renamed '\(new.text)'", at: new.span, hint: "choose another name for '\(old)'")
            }
        }
    }
}
