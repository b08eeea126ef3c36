/// The releases committed under `Fixtures/`; their sizes and periods are documented in
/// `Fixtures/README.md`, so change them only together with it.
public extension ReleaseSpec {
    /// 2018 layout: `freedonia_201810_*` (tweets end with an extra empty line, as some archive files do).
    static let freedonia201810 = ReleaseSpec(
        checkedBaseName: "freedonia_201810", format: .format2018, tweetCount: 1_800, accountCount: 300,
        firstTweetDay: CivilTime.day(year: 2015, month: 1, day: 1),
        lastTweetDay: CivilTime.day(year: 2018, month: 5, day: 31), endsWithEmptyLine: true)

    /// 2019 layout: `freedonia_201901_1_*`, also shipped zipped.
    static let freedonia201901 = ReleaseSpec(
        checkedBaseName: "freedonia_201901_1", format: .format2019, tweetCount: 1_800, accountCount: 300,
        firstTweetDay: CivilTime.day(year: 2016, month: 1, day: 1),
        lastTweetDay: CivilTime.day(year: 2018, month: 10, day: 31))

    /// December 2020 layout (30 columns): `freedonia_202012_*`, tweets only.
    static let freedonia202012 = ReleaseSpec(
        checkedBaseName: "freedonia_202012", format: .format2020December, tweetCount: 1_000, accountCount: 150,
        firstTweetDay: CivilTime.day(year: 2018, month: 6, day: 1),
        lastTweetDay: CivilTime.day(year: 2020, month: 9, day: 30))

    /// The control group beside the 2019 release: ordinary accounts over the same period, in the
    /// 2019 layout, as researchers would collect them (`control_tweets.csv`, `control_users.csv`).
    static let control201901 = ReleaseSpec(
        checkedBaseName: "control", format: .format2019, tweetCount: 1_200, accountCount: 200,
        firstTweetDay: CivilTime.day(year: 2016, month: 1, day: 1),
        lastTweetDay: CivilTime.day(year: 2018, month: 10, day: 31), kind: .control)

    /// The capstone's release (`capstone/freedonia_202106_*`): another office, another period, the
    /// December 2020 layout with a users file.
    static let capstone202106 = ReleaseSpec(
        checkedBaseName: "freedonia_202106", format: .format2020December, tweetCount: 1_200, accountCount: 200,
        firstTweetDay: CivilTime.day(year: 2019, month: 1, day: 1),
        lastTweetDay: CivilTime.day(year: 2021, month: 2, day: 28), kind: .operation(.freedoniaOutsourced))
}
