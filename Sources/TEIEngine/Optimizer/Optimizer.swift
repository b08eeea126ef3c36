/// Rewrites a checked plan into one that computes the same rows with less work. Each pass is a
/// small rewrite of the plan, tested on its own (`Tests/TEIEngineTests/OptimizerTests.swift`);
/// the SQL stage then writes the optimized plan as it is.
public enum Optimizer {
    /// The passes, in the order they run. Calendar normalization first, so that every later pass
    /// (and the index on the day) sees one spelling of a day. Then the pushdowns: filters first,
    /// because a filter never moves below a take, while a take moving below a projection lets
    /// nothing move further; both only move steps, so they run before the passes that read the
    /// final shape of the plan. Bool seeks then rewrite each filter where it finally is, the
    /// merged filters included, and time windows become ranges in the join conditions where they
    /// finally are. Pruning is last: moving a filter changes which columns each step
    /// reads, and a pass after it could make a step read a column it dropped.
    static let passes: [OptimizerPass] = [
        CalendarNormalization(), PredicatePushdown(), LimitPushdown(), SeekableBoolPredicates(), TimeWindowRanges(), ProjectionPruning(),
    ]

    /// The physical choices, which consult the loaded tables' layouts: after the logical passes.
    /// A group that a rollup answers reads it first, before the others choose how to read the
    /// table it no longer reads. Reading a join side in place comes last, since it reads the
    /// conditions the others leave.
    static let physicalPasses: [PhysicalPass] = [
        AggregateFromRollup(), GroupByDictionaryCode(), WindowPartitionByCode(), ExplodeFromItemsTable(), JoinOnDictionaryCodes(), UnequalCodesFirst(), SeekJoinSideByIndex(),
    ]

    /// The plan after every pass, for the tables the load stage bound to its scans. Pruning runs
    /// once more at the end: a physical choice can leave a column unread (grouping by a code reads
    /// the code, not the value).
    public static func optimize(_ relation: Relation, tables: TableBindings) -> Relation {
        let logical = passes.reduce(relation) { plan, pass in pass.rewrite(plan) }
        let physical = physicalPasses.reduce(logical) { plan, pass in pass.rewrite(plan, tables: tables) }
        return ProjectionPruning().rewrite(physical)
    }
}

/// One rewrite of a plan into a plan with the same rows, in the same order.
protocol OptimizerPass {
    func rewrite(_ plan: Relation) -> Relation
}

/// A rewrite that depends on how storage lays out the scanned tables.
protocol PhysicalPass {
    func rewrite(_ plan: Relation, tables: TableBindings) -> Relation
}

/// A query: the optimized plan of a relation, written as SQL for a dialect.
public enum QueryCompiler {
    public static func compile(_ relation: Relation, tables: TableBindings, dialect: SQLDialect = SQLiteDialect()) -> CompiledQuery {
        // The physical passes add columns to the steps they change; the statement returns the plan's own.
        SQLGenerator.compile(Optimizer.optimize(relation, tables: tables), tables: tables, columns: relation.columns, dialect: dialect)
    }
}
