import TEILanguage
import TEIStorage

/// `derive NAME = EXPR, …`: new columns after the others, or in place of same-named ones; each
/// item reads the columns of the ones before it. Window functions (and aggregates, over the whole
/// group or table) are computed by a window step before the item's projection.
enum DeriveTransform: TransformChecking {
    static let declaration = Transform(
        name: "derive", syntax: "derive NAME = EXPR, …", summary: "Adds columns (or replaces same-named ones), keeping the others.",
        example: "tweets | derive day = bin(tweet_time, 1d), chars = len(tweet_text)", checkedBy: DeriveTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        guard case .bindings(let items)? = step.arguments.first else { throw checker.misread(step) }
        var relation = input
        for item in items {
            guard let name = item.name else {
                throw checker.error("derive needs a name for each new column", at: item.value.span, hint: "write derive name = expression")
            }
            _ = try checker.introduced(name)
            var context = ExpressionContext(scope: scope, input: relation)
            context.windows = checker.windowScope(over: relation)
            let typed = try checker.expression(item.value, in: context)
            let (windowed, computed) = checker.computingWindows(typed.expression, over: relation)
            var outputs = relation.columns.map { NamedExpression(name: $0.name, expression: .column($0.name, $0.type)) }
            if let index = outputs.firstIndex(where: { $0.name == name.text }) {
                outputs[index] = NamedExpression(name: name.text, expression: computed)
            } else {
                outputs.append(NamedExpression(name: name.text, expression: computed))
            }
            relation = checker.derived(.project(windowed, outputs), columns: outputs.map { Column($0.name, $0.expression.type) }, from: relation)
        }
        return relation
    }
}
