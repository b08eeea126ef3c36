import Foundation

/// The deterministic generator of synthetic TEI data: the same seed gives the same bytes on every
/// machine, with no dependence on the clock, locale or time zone.
public struct FixtureGenerator: Sendable {
    /// The seed of the committed `Fixtures/` (the year of "Duck Soup").
    public static let committedSeed: UInt64 = 1933
    /// The capstone's release is made with its own seed (the year of "Horse Feathers"), so nothing
    /// in it repeats the lessons' releases.
    public static let capstoneSeed: UInt64 = 1932

    public let seed: UInt64

    /// Creates a generator; `seed` determines every byte it writes.
    public init(seed: UInt64 = FixtureGenerator.committedSeed) {
        self.seed = seed
    }

    /// Streams the tweets file of `spec` to `sink`, in constant memory however many rows it has.
    public func writeTweets(of spec: ReleaseSpec, to sink: ByteSink, lineEnd: String = "\n") throws {
        var stream = TweetStream(spec: spec, seed: seed)
        var encoder = TweetRowEncoder(format: spec.format, population: stream.population)
        var writer = CSVRowWriter(sink: sink, lineEnd: lineEnd)
        try encoder.writeHeader(to: &writer)
        while let tweet = stream.next() {
            try encoder.write(tweet, to: &writer)
        }
        if spec.endsWithEmptyLine { writer.raw(lineEnd) }
        try writer.flush()
    }

    /// Writes the users file of `spec`: every operation account, in the same order each time.
    public func writeUsers(of spec: ReleaseSpec, to sink: ByteSink) throws {
        let stream = TweetStream(spec: spec, seed: seed)
        let encoder = UserRowEncoder(format: spec.format)
        var writer = CSVRowWriter(sink: sink)
        try encoder.writeHeader(to: &writer)
        for account in stream.population.accounts {
            try encoder.write(account, to: &writer)
        }
        try writer.flush()
    }

    /// The tweets file of `spec` in memory.
    public func tweetsData(of spec: ReleaseSpec) throws -> Data {
        let sink = DataSink()
        try writeTweets(of: spec, to: sink)
        return sink.data
    }

    /// The users file of `spec` in memory.
    public func usersData(of spec: ReleaseSpec) throws -> Data {
        let sink = DataSink()
        try writeUsers(of: spec, to: sink)
        return sink.data
    }

    /// Every file of the committed fixture set, in memory, in a stable order.
    public func committedFiles() throws -> [FixtureFile] {
        var files: [FixtureFile] = []
        let october2018 = ReleaseSpec.freedonia201810
        files.append(FixtureFile(path: october2018.tweetsFileName, data: try tweetsData(of: october2018)))
        files.append(FixtureFile(path: october2018.usersFileName, data: try usersData(of: october2018)))

        let january2019 = ReleaseSpec.freedonia201901
        let tweets2019 = FixtureFile(path: january2019.tweetsFileName, data: try tweetsData(of: january2019))
        let users2019 = FixtureFile(path: january2019.usersFileName, data: try usersData(of: january2019))
        files += [tweets2019, users2019]
        files.append(FixtureFile(path: january2019.baseName + ".zip",
                                 data: try ReleaseArchive.zip([tweets2019, users2019])))

        let december2020 = ReleaseSpec.freedonia202012
        files.append(FixtureFile(path: december2020.tweetsFileName, data: try tweetsData(of: december2020)))

        let control = ReleaseSpec.control201901
        files.append(FixtureFile(path: control.tweetsFileName, data: try tweetsData(of: control)))
        files.append(FixtureFile(path: control.usersFileName, data: try usersData(of: control)))

        // A seed of its own unless the caller chose another seed for everything.
        let capstone = ReleaseSpec.capstone202106
        let capstoneGenerator = FixtureGenerator(seed: seed == Self.committedSeed ? Self.capstoneSeed : seed &+ 1)
        files.append(FixtureFile(path: "capstone/" + capstone.tweetsFileName, data: try capstoneGenerator.tweetsData(of: capstone)))
        files.append(FixtureFile(path: "capstone/" + capstone.usersFileName, data: try capstoneGenerator.usersData(of: capstone)))

        files += try MalformedFixtures(generator: self).files()
        return files
    }

    /// Writes the committed fixture set under `directory` (creating folders) and returns the paths.
    @discardableResult
    public func writeCommittedFixtures(to directory: URL) throws -> [URL] {
        try committedFiles().map { file in
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            do {
                try file.data.write(to: url)
            } catch {
                throw FixtureError.cannotWrite(url.path)
            }
            return url
        }
    }
}
