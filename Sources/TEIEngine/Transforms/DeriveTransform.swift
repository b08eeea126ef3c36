import TEILanguage
import TEIStorage

/// `derive NAME = EXPR, …`: new columns after the others, or in place of same-named ones; each
/// item reads the columns of the ones before it.
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
            let typed = try checker.expression(item.value, in: ExpressionContext(scope: scope, input: relation))
            var outputs = relation.columns.map { NamedExpression(name: $0.name, expression: .column($0.name, $0.type)) }
            if let index = outputs.firstIndex(where: { $0.name == name.text }) {
                outputs[index] = NamedExpression(name: name.text, expression: typed.expression)
            } else {
                outputs.append(NamedExpression(name: name.text, expression: typed.expression))
            }
            relation = checker.derived(.project(relation, outputs), columns: outputs.map { Column($0.name, $0.expression.type) }, from: relation)
        }
        return relation
    }
}
