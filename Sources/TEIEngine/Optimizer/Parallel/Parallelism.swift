import Foundation

/// How many SQLite connections a query may run on at once, and the smallest table worth splitting.
///
/// A grouping over a table scan whose aggregates decompose runs as one statement per range of
/// rows, each on a connection of its own, then a statement merging their partial results
/// (`RangeSplit`). Below `minimumRows` rows the connections, the threads and the merge cost more
/// than the scan they share.
public struct Parallelism: Sendable, Equatable {
    /// The connections (and threads) a query may use; 1 runs every query as one statement.
    public var threads: Int
    /// Tables with fewer rows than this are read by one statement.
    public var minimumRows: Int

    public init(threads: Int, minimumRows: Int = Parallelism.defaultMinimumRows) {
        self.threads = min(max(1, threads), Self.maximumThreads)
        self.minimumRows = minimumRows
    }

    /// Every query as one statement.
    public static let serial = Parallelism(threads: 1)

    /// Below this many rows opening the connections, starting the threads and merging may cost
    /// more than the half of the scan they save. A conservative guess: on the shared 2-core VM the
    /// split questions were within the noise of the unsplit ones at 100,000 to 1,000,000 rows
    /// (Benchmarks/README.md, "Use the cores"), so the point where splitting pays is not measured.
    public static let defaultMinimumRows = 400_000

    /// The environment variable that sets the number of threads (`TEI_THREADS=1` runs serially).
    public static let threadsVariable = "TEI_THREADS"

    /// The environment variable that sets the smallest table split (to measure where splitting
    /// starts to pay on another machine: `Benchmarks/threads.sh`).
    public static let minimumRowsVariable = "TEI_PARALLEL_MIN_ROWS"

    /// One thread per core the machine offers, or as many as `TEI_THREADS` asks for, splitting
    /// tables of `TEI_PARALLEL_MIN_ROWS` rows or more (an unusable value is reported by the `tei`
    /// command before any session starts: `validate`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Parallelism {
        let threads = (try? number(threadsVariable, from: 1, in: environment)) ?? nil
        let minimumRows = (try? number(minimumRowsVariable, from: 0, in: environment)) ?? nil
        return Parallelism(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, minimumRows: minimumRows ?? defaultMinimumRows)
    }

    /// Throws when `TEI_THREADS` or `TEI_PARALLEL_MIN_ROWS` is set to what `standard` cannot use.
    public static func validate(_ environment: [String: String]) throws {
        _ = try number(threadsVariable, from: 1, in: environment)
        _ = try number(minimumRowsVariable, from: 0, in: environment)
    }

    /// The whole number, `least` or more, that `variable` holds; nil when it is not set.
    private static func number(_ variable: String, from least: Int, in environment: [String: String]) throws -> Int? {
        guard let text = environment[variable] else { return nil }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= least else {
            throw ThreadsSettingError(message: "\(variable) must be a whole number from \(least), found '\(text)'")
        }
        return number
    }

    /// More ranges than this only add partial rows to merge, whatever the machine (more are asked
    /// for, this many run).
    public static let maximumThreads = 64
}

/// A number of threads that cannot be used, with the message saying why.
public struct ThreadsSettingError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
