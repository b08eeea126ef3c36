import ArgumentParser
import Foundation
import TEIFetch
import TEIRender
import TEIStorage

/// `tei fetch SOURCE… --to DIR`: downloads files, resumable and verified, into a folder.
struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Downloads files into a folder: resumable, retried, verified.",
        discussion: """
        A SOURCE is an http:// or https:// address of a file, or a manifest file listing one file per
        line as `URL [SIZE [SHA256]]` (`#` starts a comment). Each file streams into
        `.NAME.tei-fetch-partial` beside its place, is resumed from there after an interruption, and is
        renamed into place only when its size and SHA-256 match the manifest. A rerun downloads only
        what is missing or differs. DIR gets a FETCHED.md listing each file with its source and SHA-256.
        """
    )

    @Argument(help: ArgumentHelp("URLs of files, or manifest files.", valueName: "source"))
    var sources: [String]

    @Option(name: .customLong("to"), help: ArgumentHelp("The folder to download into (made if missing).", valueName: "dir"))
    var folder: String

    @Option(name: .long, help: "How many files download at the same time.")
    var jobs: Int = 3

    @Option(name: .long, help: ArgumentHelp("Fetch only the files whose name matches this shell pattern (repeatable), e.g. '*_tweets_csv_hashed*'.",
                                            valueName: "pattern"))
    var only: [String] = []

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs takes a number from 1 to 64, found \(jobs)") }
    }

    func run() throws {
        let items: [FetchItem]
        let fetcher = Fetcher(folder: folder, jobs: jobs, log: { Console.standardError($0) })
        do {
            items = try FetchSourceReader.items(of: sources, matching: only)
            try fetcher.prepareFolder()
        } catch let failure as FetchError {
            Self.report(failure)
            throw ExitCode(1)
        }
        let results = fetcher.fetch(items)
        let terminal = TerminalInfo.detect(for: STDOUT_FILENO)
        print(TextTableRenderer(terminal: terminal).render(FetchedRecord.summary(of: items, results: results)))
        var failed = false
        for case .failure(let failure) in results {
            Self.report(failure)
            failed = true
        }
        let fetched = results.compactMap { try? $0.get() }
        do {
            try FetchedRecord.write(fetched, folder: folder)
        } catch let failure as FileWriteError {
            Console.standardError("error: \(failure)" + (failure.hint.map { "\nhint: \($0)" } ?? ""))
            failed = true
        }
        if failed { throw ExitCode(1) }
    }

    static func report(_ failure: FetchError) {
        Console.standardError("error: \(failure)" + (failure.hint.map { "\nhint: \($0)" } ?? ""))
    }
}
