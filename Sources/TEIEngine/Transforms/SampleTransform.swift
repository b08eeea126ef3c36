import TEILanguage
import TEIStorage

/// `sample N [seed S]` and `sample P% [seed S]`: a reproducible pseudo-random choice of rows, kept
/// in their order (`SampleOperator` says which rows).
enum SampleTransform: TransformChecking {
    /// The seed of a `sample` that names none: fixed, so that a script samples the same rows on
    /// every run and machine.
    static let defaultSeed: Int64 = 0

    static let declaration = Transform(
        name: "sample", syntax: "sample N [seed S] | sample P% [seed S]",
        summary: "A pseudo-random sample of N rows, or of P% of the rows, in their order; the same seed (0 unless given) gives the same rows.",
        example: "tweets | sample 3 seed 7", checkedBy: SampleTransform.self)

    static func plan(_ step: TransformStep, over input: Relation, scope: Scope, checker: Checker) throws -> Relation {
        guard case .amount(let amount, let percent)? = step.arguments.first else { return input }
        let size: SampleOperator.Size
        if percent {
            let typed = try checker.expression(amount, in: ExpressionContext(scope: scope))
            let value: Double?
            switch typed.constant {
            case .int(let whole)?: value = Double(whole)
            case .float(let fraction)?: value = fraction
            default: value = nil
            }
            guard let value, value >= 0, value <= 100 else {
                throw checker.error("sample needs a percentage from 0 to 100 known before the query runs", at: amount.span,
                                    hint: "write sample 10% or sample 0.5%")
            }
            size = .perMillion(Int((value * 10_000).rounded()))
        } else {
            let count = try checker.constantInt(amount, scope: scope, what: "sample")
            guard count >= 0 else {
                throw checker.error("sample needs a count of 0 or more", at: amount.span, hint: "sample 10 is ten rows, sample 10% a tenth of them")
            }
            size = .rows(count)
        }
        let seed = try step.option("seed").map { Int64(try checker.constantInt($0, scope: scope, what: "seed")) } ?? defaultSeed
        return checker.derived(.operator(SampleOperator(input: input, size: size, seed: seed)), columns: input.columns, from: input)
    }
}
