/// `sample`: the rows of its input that a seed picks, in the input's order.
///
/// The input's rows are numbered 1, 2, … in its order; row `i` gets the key
/// `k(i) = g₂(g₁(i mod p))`, where `p = 2³¹ − 1` and `gⱼ(x) = ((x·Aⱼ + Cⱼ) mod p)⁵ mod p`, with
/// `A₁, C₁, A₂, C₂` made from the seed (`SampleKey`). Each `gⱼ` is a permutation of 0 … p − 1
/// (`x ↦ x⁵` is one because 5 does not divide p − 1), so rows 1 … p − 1 all have different keys.
/// A sample of N rows is the N rows of smallest keys; of P%, the ⌊n·P/100 + ½⌋ rows of smallest
/// keys of the input's n. So the same seed picks the same rows of the same input, a larger
/// sample holds every row of a smaller one, and N past the input's size keeps every row.
///
/// The key is tei's, not the database's `random()`: integer arithmetic whose every product stays
/// below 2⁶², which any SQL database with 64-bit integers computes alike.
struct SampleOperator: PlanOperator {
    enum Size: Sendable, Equatable {
        case rows(Int)
        /// P% as millionths of the rows (10% is 100,000).
        case perMillion(Int)
    }

    let input: Relation
    let size: Size
    let seed: Int64

    var inputs: [Relation] { [input] }

    func replacingInputs(_ inputs: [Relation]) -> any PlanOperator {
        SampleOperator(input: inputs[0], size: size, seed: seed)
    }

    var planText: String {
        switch size {
        case .rows(let count): return "sample \(count) seed \(seed)"
        case .perMillion(let millionths):
            let percent = millionths % 10_000 == 0 ? String(millionths / 10_000) : String(Double(millionths) / 10_000)
            return "sample \(percent)% seed \(seed)"
        }
    }

    /// Which rows it keeps depends on their positions alone, so it reads what is read of it.
    func pruning(needing needed: Set<String>) -> OperatorPruning {
        .rowsOfInput(needing: needed)
    }

    /// The key in layers of subqueries, one power at a time, then the rows whose rank by key is
    /// within the size, with the input's columns and order.
    func emit(_ relation: Relation, into builder: inout SQLGenerator.Builder) -> SQLGenerator.Emitted {
        let from = builder.emit(input)
        let key = SampleKey(seed: seed)
        let p = SampleKey.modulus
        let x = builder.fresh(), xx = builder.fresh(), y = builder.fresh(), yy = builder.fresh(), rank = builder.fresh()
        let columns = builder.list(from.all).joined(separator: ", ")
        // An input without an order (one row, mostly) is numbered in the order of its values.
        let order = from.order.isEmpty ? builder.list(from.visible).joined(separator: ", ") : builder.orderClause(from.order)
        var sql = "SELECT \(columns), (row_number() OVER (\(order.isEmpty ? "" : "ORDER BY " + order)) % \(p) * \(key.a1) + \(key.c1)) % \(p) AS \(x) "
            + "FROM \(from.name)"
        let dialect = builder.dialect
        sql = "SELECT *, \(x) * \(x) % \(p) AS \(xx) FROM \(dialect.derivedTable(sql, alias: "keyed"))"
        sql = "SELECT *, (\(xx) * \(xx) % \(p) * \(x) % \(p) * \(key.a2) + \(key.c2)) % \(p) AS \(y) FROM \(dialect.derivedTable(sql, alias: "squared"))"
        sql = "SELECT *, \(y) * \(y) % \(p) AS \(yy) FROM \(dialect.derivedTable(sql, alias: "mixed"))"
        let ranked = "row_number() OVER (ORDER BY \(yy) * \(yy) % \(p) * \(y) % \(p)) AS \(rank)"
        let kept: String
        switch size {
        case .rows(let count):
            sql = "SELECT *, \(ranked) FROM \(dialect.derivedTable(sql, alias: "keys"))"
            kept = "\(rank) <= \(count)"
        case .perMillion(let millionths):
            let rows = builder.fresh()
            sql = "SELECT *, \(ranked), COUNT(*) OVER () AS \(rows) FROM \(dialect.derivedTable(sql, alias: "keys"))"
            kept = "\(rank) * 1000000 <= \(rows) * \(millionths) + 500000"
        }
        return builder.add(relation, "SELECT \(columns) FROM \(dialect.derivedTable(sql, alias: "ranked")) WHERE \(kept)", order: from.order.map { ($0.column, $0.descending) })
    }
}

/// The constants of a sample's key, made from its seed by splitmix64 (Steele, Lea and Flood's
/// generator, as in Java's `SplittableRandom`): its first four outputs from the state `seed` (as
/// an unsigned 64-bit number) are `z₁ … z₄`, and `A₁ = 1 + z₁ mod (p − 1)`, `C₁ = z₂ mod p`,
/// `A₂ = 1 + z₃ mod (p − 1)`, `C₂ = z₄ mod p`: multipliers that are never 0 mod p.
struct SampleKey {
    static let modulus: Int64 = 2_147_483_647

    let a1: Int64, c1: Int64, a2: Int64, c2: Int64

    init(seed: Int64) {
        var state = UInt64(bitPattern: seed)
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let p = UInt64(Self.modulus)
        a1 = Int64(1 + next() % (p - 1))
        c1 = Int64(next() % p)
        a2 = Int64(1 + next() % (p - 1))
        c2 = Int64(next() % p)
    }
}
