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
    /// finally are. A sort under a group goes after the filters have moved below it, and the group's
    /// input then drops its row order, where the steps stand for good. Pruning is last: moving a
    /// filter changes which columns each step reads, and a pass after it could make a step read a
    /// column it dropped.
    static let passes: [OptimizerPass] = [
        CalendarNormalization(), PredicatePushdown(), LimitPushdown(), SeekableBoolPredicates(), TimeWindowRanges(),
        SortBeforeGroupRemoval(), UnorderedGroupInputs(), ProjectionPruning(),
    ]

    /// The physical choices, which consult the loaded tables' layouts: after the logical passes.
    /// A group that a rollup answers reads it first, before the others choose how to read the
    /// table it no longer reads. Reading a join side in place comes last, since it reads the
    /// conditions the others leave.
    static let physicalPasses: [PhysicalPass] = [
        AggregateFromRollup(), GroupByDictionaryCode(), WindowPartitionByCode(), SeekFirstRowsPerGroup(), ExplodeFromItemsTable(), JoinOnDictionaryCodes(),
        UnequalCodesFirst(), SeekJoinSideByIndex(),
    ]

    /// The physical choices that depend on the columns each step finally reads: after the last pruning.
    /// A window reads an index in its order only when the index holds every column it reads, and
    /// then the index's reader computes it where it can. A group's first row is read from the index
    /// it is sought in when that holds every column the row still needs. A join side reads a list's
    /// items by value only when they carry every column it still reads; a join that reads neither
    /// side in place and both from one filtered scan has it filtered in one pass over the table; a
    /// time window that nothing seeks then joins on time slots.
    static let prunedPasses: [PhysicalPass] = [
        WindowInIndexOrder(), ReadWindowFromIndex(), FirstRowsFromIndex(), SeekJoinSideByItemValue(), ScanSharedJoinInputOnce(), TimeWindowSlots(),
    ]

    /// The plan after every pass, for the tables the load stage bound to its scans. Pruning runs
    /// once more after the physical passes: a physical choice can leave a column unread (grouping
    /// by a code reads the code, not the value).
    public static func optimize(_ relation: Relation, tables: TableBindings) -> Relation {
        let logical = passes.reduce(relation) { plan, pass in pass.rewrite(plan) }
        let physical = physicalPasses.reduce(logical) { plan, pass in pass.rewrite(plan, tables: tables) }
        return prunedPasses.reduce(ProjectionPruning().rewrite(physical)) { plan, pass in pass.rewrite(plan, tables: tables) }
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
    /// With `parallelism` of more than one thread, a grouping that decomposes over a large table
    /// becomes statements over ranges of its rows and a merge (`RangeSplit`).
    public static func compile(_ relation: Relation, tables: TableBindings, dialect: SQLDialect = SQLiteDialect(),
                               parallelism: Parallelism = .serial) -> CompiledQuery {
        let plan = Optimizer.optimize(relation, tables: tables)
        // The physical passes add columns to the steps they change; the statement returns the plan's own.
        guard let split = RangeSplit(parallelism: parallelism).split(plan, tables: tables) else {
            return SQLGenerator.compile(plan, tables: tables, columns: relation.columns, dialect: dialect)
        }
        var query = SQLGenerator.compile(split.merge, tables: tables, columns: relation.columns, dialect: dialect)
        query.ranges = RangeStatements.compile(split, tables: tables, dialect: dialect)
        return query
    }
}
