import ArgumentParser
import Foundation
import TEIFetch
import TEIREPL
import TEIRender
import TEIStorage

/// `tei fetch SOURCE… --to DIR`: downloads files, resumable and verified, into a folder.
struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Downloads files into a folder: resumable, retried, verified.",
        discussion: """
        A SOURCE is an http:// or https:// address of a file, a manifest file listing one file per \
        line as `URL [SIZE [SHA256]]` (`#` starts a comment), or gs://BUCKET/PREFIX: the objects of \
        a public Cloud Storage bucket whose name starts with PREFIX, as its JSON listing gives them. \
        Each file streams into `.NAME.tei-fetch-partial` beside its place, is resumed from there after \
        an interruption (Ctrl-C included), and is renamed into place only when its size and digest \
        match the manifest or listing. A rerun downloads only what is missing or changed. DIR gets a \
        FETCHED.md listing each file with its source and SHA-256.
        """
    )

    @Argument(help: ArgumentHelp("URLs of files, manifest files, or gs://BUCKET/PREFIX.", valueName: "source"))
    var sources: [String]

    @Option(name: .customLong("to"), help: ArgumentHelp("The folder to download into (made if missing).", valueName: "dir"))
    var folder: String

    @Option(name: .long, help: "How many files download at the same time.")
    var jobs: Int = 3

    @Option(name: .long, help: ArgumentHelp("Fetch only the files whose name matches this shell pattern (repeatable), e.g. '*_tweets_csv_hashed*'.",
                                            valueName: "pattern"))
    var only: [String] = []

    @Flag(name: .long, help: "Extract each .zip into a folder of its name beside it (never replacing a folder).")
    var unpack = false

    @Option(name: .customLong("listing-url"),
            help: ArgumentHelp("Where gs:// sources are listed: {url}/storage/v1/b/BUCKET/o (default \(CloudStorageListing.defaultAddress), or $\(CloudStorageListing.listingVariable)).",
                               valueName: "url"))
    var listingURL: String?

    @Option(name: .customLong("download-url"),
            help: ArgumentHelp("Where gs:// objects are downloaded: {url}/BUCKET/NAME (default \(CloudStorageListing.defaultAddress), or $\(CloudStorageListing.downloadVariable)).",
                               valueName: "url"))
    var downloadURL: String?

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs takes a number from 1 to 64, found \(jobs)") }
    }

    func run() throws {
        let progress = FetchProgress(drawsBar: TerminalProgressBar.standardErrorIsTerminal,
                                     width: TerminalInfo.detect(for: STDERR_FILENO).width)
        // Ctrl-C (and SIGTERM, SIGHUP) stops every transfer; partial files stay for the next run.
        let forwarder = InterruptForwarder { _ in FetchInterruption.request() }
        defer { forwarder?.cancel() }
        let interruptedStatus = { Int32(128) + (forwarder?.endingSignal ?? SIGINT) }
        let fetcher = Fetcher(folder: folder, jobs: jobs, unpacks: unpack, progress: progress)
        let items: [FetchItem]
        do {
            var listing = CloudStorageListing(listingAddress: listingURL, downloadAddress: downloadURL)
            listing.log = { progress.log($0) }
            items = try FetchSourceReader.items(of: sources, matching: only, listing: listing)
            try fetcher.prepareFolder()
        } catch let failure as FetchError {
            if failure.isInterruption {
                Console.standardError("interrupted: nothing was downloaded")
                throw ExitCode(interruptedStatus())
            }
            Self.report(failure)
            throw ExitCode(1)
        }
        let results = fetcher.fetch(items)
        progress.close()
        let terminal = TerminalInfo.detect(for: STDOUT_FILENO)
        print(TextTableRenderer(terminal: terminal).render(FetchedRecord.summary(of: items, results: results)))
        var failed = false
        var interrupted = false
        for result in results {
            switch result {
            case .failure(let failure) where failure.isInterruption:
                interrupted = true
            case .failure(let failure):
                Self.report(failure)
                failed = true
            case .success(let file):
                if case .failed(let failure) = file.unpacking {
                    Self.report(failure)
                    failed = true
                }
            }
        }
        let fetched = results.compactMap { try? $0.get() }
        do {
            try FetchedRecord.write(fetched, folder: folder)
        } catch let failure as FileWriteError {
            Console.standardError("error: \(failure)" + (failure.hint.map { "\nhint: \($0)" } ?? ""))
            failed = true
        }
        if interrupted || FetchInterruption.isRequested {
            Console.standardError("interrupted: the partial downloads are kept (.NAME.tei-fetch-partial); "
                                  + "run the same command again to resume them")
            throw ExitCode(interruptedStatus())
        }
        if failed { throw ExitCode(1) }
    }

    static func report(_ failure: FetchError) {
        Console.standardError("error: \(failure)" + (failure.hint.map { "\nhint: \($0)" } ?? ""))
    }
}
