import ArgumentParser
import Foundation
import TEIFixtures

/// `tei-fixtures`: regenerates the committed fixtures, or streams a large tweets file.
struct TEIFixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tei-fixtures",
        abstract: "Generate tei's deterministic synthetic TEI data.",
        subcommands: [GenerateFixtures.self, StreamTweets.self],
        defaultSubcommand: GenerateFixtures.self)
}

/// `tei-fixtures [fixtures] --out Fixtures`: writes the committed fixture set, same bytes every time.
struct GenerateFixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Write the committed fixture set (the default subcommand).")

    @Option(help: "Folder to write the committed fixture set into.")
    var out: String = "Fixtures"

    @Option(help: "Seed; the committed fixtures use the default (and 1932 for the capstone's release; with another seed, the capstone uses seed + 1).")
    var seed: UInt64 = FixtureGenerator.committedSeed

    func run() throws {
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        let urls = try FixtureGenerator(seed: seed).writeCommittedFixtures(to: directory)
        for url in urls { print(url.path) }
    }
}

/// `tei-fixtures tweets`: streams a large tweets file (and optionally its users file).
struct StreamTweets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tweets",
        abstract: "Stream a large synthetic tweets file, e.g. for the import benchmark.")

    @Option(help: "Number of tweets to write.")
    var rows: Int

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 7

    @Option(help: "Layout: 2018, 2019 or 2020-12.")
    var format: String = "2019"

    @Option(help: "Number of accounts (default: rows / 40, at least 60).")
    var accounts: Int?

    @Option(help: "Tweets file to write.")
    var out: String

    @Option(name: .customLong("users-out"), help: "Also write the matching users file here.")
    var usersOut: String?

    func validate() throws {
        guard ReleaseFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be 2018, 2019 or 2020-12, not '\(format)'")
        }
        guard rows >= 0 else { throw ValidationError("--rows must not be negative") }
        if let accounts, accounts < 1 { throw ValidationError("--accounts must be positive") }
    }

    func run() throws {
        let spec = try ReleaseSpec.stream(rows: rows, accounts: accounts, format: ReleaseFormat(rawValue: format)!)
        let generator = FixtureGenerator(seed: seed)
        let started = ContinuousClock.now
        let sink = try FileSink(url: URL(fileURLWithPath: out))
        try generator.writeTweets(of: spec, to: sink)
        try sink.close()
        if let usersOut {
            let usersSink = try FileSink(url: URL(fileURLWithPath: usersOut))
            try generator.writeUsers(of: spec, to: usersSink)
            try usersSink.close()
        }
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Int(Double(rows) / seconds) : rows
        FileHandle.standardError.write(Data(
            "wrote \(rows) tweets by \(spec.accountCount) accounts to \(out) in \(String(format: "%.2f", seconds)) s (\(rate) rows/s)\n".utf8))
    }
}

TEIFixturesCommand.main()
