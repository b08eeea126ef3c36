/// Makes the accounts of one release: invented profiles whose ids, hashes and creation dates hang
/// together the way they do in the real archive.
struct AccountBuilder {
    private let spec: ReleaseSpec
    private let plan: OperationPlan
    private var usedIDs: Set<UInt64> = []

    /// Invented big accounts of the operation: display name, screen name, language.
    private static let flagshipProfiles = [
        ("Freedonia Today", "FreedoniaToday", "en"),
        ("Вестник Фридонии", "vestnik_fridonii", "ru"),
        ("صوت فريدونيا", "SawtFreedonia", "ar"),
        ("Sylvania Watch", "SylvaniaWatch", "en"),
        ("Le Courrier de Freedonie", "CourrierFreedonie", "fr"),
    ]

    /// The outside accounts the amplifiers push.
    static let amplifiedHandles = ["SylvanianHerald", "TrentinoSpeaks", "VoiceOfSylvania"]

    init(spec: ReleaseSpec, plan: OperationPlan) {
        self.spec = spec
        self.plan = plan
    }

    mutating func account(role: AccountRole, ordinal: Int, random: inout SplitMix64) -> Account {
        let creationDay = creationDay(for: role, random: &random)
        let numericID = uniqueID(random: &random) { Self.userID(createdOn: creationDay, random: &$0) }
        if role == .flagship {
            let profile = Self.flagshipProfiles[ordinal % Self.flagshipProfiles.count]
            let round = ordinal / Self.flagshipProfiles.count
            let suffix = round == 0 ? "" : " \(round + 1)"
            return Account(
                numericID: numericID, userID: String(numericID), displayName: profile.0 + suffix,
                screenName: profile.1 + (round == 0 ? "" : "\(round + 1)"),
                location: random.pick(["Freedonia City", "Фридония", "فريدونيا", "Marx Harbor, Freedonia"]),
                profileDescription: "Official news of Freedonia. \(profile.0) 📰",
                profileURL: "https://t.co/" + Self.shortCode(random: &random),
                followerCount: Self.logUniform(8_000...300_000, random: &random),
                followingCount: Self.logUniform(50...2_000, random: &random),
                creationDay: creationDay, language: profile.2, role: role,
                preferredClient: random.pick(["Twitter Web Client", "TweetDeck", "Hootsuite"]),
                keepsOfficeHours: false)
        }
        let hash = spec.format.hashStyle.hash(of: numericID)
        return Account(
            numericID: numericID, userID: hash, displayName: hash, screenName: hash,
            location: random.pick(TextCorpus.locations),
            profileDescription: random.pick(TextCorpus.descriptions),
            profileURL: random.chance(0.2) ? "https://t.co/" + Self.shortCode(random: &random) : "",
            followerCount: Self.logUniform(1...5_000, random: &random) - 1,
            followingCount: Self.logUniform(1...4_000, random: &random) - 1,
            creationDay: creationDay, language: Self.accountLanguage(random: &random), role: role,
            preferredClient: role == .amplifier ? random.pick(["TweetDeck", "twitterfeed", "IFTTT"])
                : random.pick(TextCorpus.clients),
            keepsOfficeHours: random.chance(0.9))
    }

    mutating func outsider(ordinal: Int, random: inout SplitMix64) -> OutsideAccount {
        let id = uniqueID(random: &random) { UInt64($0.int(in: 100_000_000...3_999_999_999)) }
        let handle = ordinal < Self.amplifiedHandles.count
            ? Self.amplifiedHandles[ordinal]
            : TextCorpus.outsideHandleStems[ordinal % TextCorpus.outsideHandleStems.count] + "\(ordinal)"
        return OutsideAccount(numericID: id, handle: handle)
    }

    private func creationDay(for role: AccountRole, random: inout SplitMix64) -> Int {
        switch role {
        case .clusterMember, .copyPaster:
            return plan.clusterFirstDay + random.below(plan.clusterDayCount)
        case .flagship:
            return random.int(in: CivilTime.day(year: 2011, month: 1, day: 1)...(spec.firstTweetDay - 400))
        case .regular, .amplifier:
            // Keep everyone else well away from the cluster so that it stands out exactly.
            let earliest = CivilTime.day(year: 2011, month: 6, day: 1)
            while true {
                let day = random.int(in: earliest...(spec.firstTweetDay - 20))
                if day < plan.clusterFirstDay - 7 || day > plan.clusterFirstDay + plan.clusterDayCount + 7 {
                    return day
                }
            }
        }
    }

    private mutating func uniqueID(random: inout SplitMix64, _ draw: (inout SplitMix64) -> UInt64) -> UInt64 {
        while true {
            let id = draw(&random)
            if usedIDs.insert(id).inserted { return id }
        }
    }

    /// Sequential-looking ids before 2016, snowflakes of the creation time after, as Twitter issued them.
    private static func userID(createdOn day: Int, random: inout SplitMix64) -> UInt64 {
        let snowflakeStart = CivilTime.day(year: 2016, month: 1, day: 1)
        if day >= snowflakeStart {
            return Snowflake.id(inMinute: day * 1440 + random.below(1440), using: &random)
        }
        let firstDay = CivilTime.day(year: 2010, month: 11, day: 1)
        let fraction = Double(day - firstDay) / Double(snowflakeStart - firstDay)
        return UInt64(200_000_000 + fraction * 4_600_000_000) + UInt64(random.below(2_000_000))
    }

    private static func accountLanguage(random: inout SplitMix64) -> String {
        let roll = random.below(100)
        switch roll {
        case ..<50: return "en"
        case ..<75: return "ru"
        case ..<85: return "ar"
        case ..<95: return "fr"
        default: return "de"
        }
    }

    /// Roughly log-uniform, so that small counts are common and large ones rare: a power-of-two band
    /// first, then a value inside it. Integer-only, because `log`/`exp` may round differently on
    /// other platforms and the fixtures must not.
    static func logUniform(_ range: ClosedRange<Int>, random: inout SplitMix64) -> Int {
        let lowBand = Int.bitWidth - max(1, range.lowerBound).leadingZeroBitCount - 1
        let highBand = Int.bitWidth - range.upperBound.leadingZeroBitCount - 1
        let band = random.int(in: lowBand...highBand)
        let low = max(range.lowerBound, 1 << band)
        let high = min(range.upperBound, (1 << (band + 1)) - 1)
        return random.int(in: low...high)
    }

    /// A t.co-style ten-character code.
    static func shortCode(random: inout SplitMix64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return String(decoding: (0..<10).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
    }
}
