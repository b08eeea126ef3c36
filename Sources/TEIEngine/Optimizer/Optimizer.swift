/// Rewrites a checked plan into one that computes the same rows with less work. Each pass is a
/// small rewrite of the plan, tested on its own (`Tests/TEIEngineTests/OptimizerTests.swift`);
/// the SQL stage then writes the optimized plan as it is.
public enum Optimizer {
    /// The passes, in the order they run.
    static let passes: [OptimizerPass] = [
        SeekableBoolPredicates(),
        // Physical choices, which consult the loaded tables' layouts: last, on the final logical plan.
        GroupByDictionaryCode(), ExplodeFromItemsTable(), JoinOnDictionaryCodes(),
    ]

    /// The plan after every pass.
    public static func optimize(_ relation: Relation) -> Relation {
        passes.reduce(relation) { plan, pass in pass.rewrite(plan) }
    }
}

/// One rewrite of a plan into a plan with the same rows, in the same order.
protocol OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation
}

/// A query: the optimized plan of a relation, written as SQL for a dialect.
public enum QueryCompiler {
    public static func compile(_ relation: Relation, dialect: SQLDialect = SQLiteDialect()) -> CompiledQuery {
        // The physical passes add columns to the steps they change; the statement returns the plan's own.
        SQLGenerator.compile(Optimizer.optimize(relation), columns: relation.columns, dialect: dialect)
    }
}
