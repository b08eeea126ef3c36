/// Makes the accounts of one release: invented profiles whose ids, hashes and creation dates hang
/// together the way they do in the real archive.
struct AccountBuilder {
    private let spec: ReleaseSpec
    private let plan: OperationPlan
    private var usedIDs: Set<UInt64> = []

    /// How many scheduled accounts have been made, to give each the next interval of the cast.
    private var scheduledMade = 0

    init(spec: ReleaseSpec, plan: OperationPlan) {
        self.spec = spec
        self.plan = plan
    }

    mutating func account(role: AccountRole, ordinal: Int, random: inout SplitMix64) -> Account {
        let creationDay = creationDay(for: role, random: &random)
        let numericID = uniqueID(random: &random) { Self.userID(createdOn: creationDay, random: &$0) }
        if role == .flagship, let flagships = plan.cast?.flagships {
            return flagship(flagships, ordinal: ordinal, numericID: numericID, creationDay: creationDay, random: &random)
        }
        // Every other account is small, so the release shows its hash instead of its id and names.
        let small = SmallAccount(numericID: numericID, hash: spec.format.hashStyle.hash(of: numericID),
                                 followers: Self.logUniform(1...5_000, random: &random) - 1,
                                 following: Self.logUniform(1...4_000, random: &random) - 1,
                                 creationDay: creationDay, role: role)
        let office = plan.cast?.officeUTCOffsetHours ?? 0
        switch role {
        case .ordinary:
            let language = Self.accountLanguage(random: &random)
            return small.account(
                location: random.pick(EverydayCorpus.locations), description: random.pick(EverydayCorpus.descriptions),
                url: random.chance(0.1) ? "https://t.co/" + Self.shortCode(random: &random) : "",
                language: language, postingLanguage: language, client: random.pick(EverydayCorpus.clients),
                habit: .waking(utcOffsetHours: random.pick(EverydayCorpus.utcOffsets)))
        case .repurposed:
            let language = plan.cast?.repurposedLanguage ?? "es"
            return small.account(
                location: random.pick(FormerLives.locations(language)), description: random.pick(FormerLives.descriptions(language)),
                url: "", language: language, postingLanguage: random.pick(["en", "en", "ru"]),
                client: random.pick(TextCorpus.clients),
                habit: random.chance(0.9) ? .officeHours(utcOffsetHours: office) : .aroundTheClock)
        case .scheduled:
            let intervals = plan.cast?.scheduledIntervalsMinutes ?? [60]
            let every = intervals[scheduledMade % intervals.count]
            scheduledMade += 1
            let language = Self.accountLanguage(random: &random)
            return small.account(
                location: random.pick(TextCorpus.locations), description: random.pick(TextCorpus.descriptions), url: "",
                language: language, postingLanguage: language, client: random.pick(["IFTTT", "twitterfeed"]),
                habit: .scheduled(everyMinutes: every))
        case .regular, .clusterMember, .copyPaster, .amplifier, .flagship:
            let language = Self.accountLanguage(random: &random)
            return small.account(
                location: random.pick(TextCorpus.locations), description: random.pick(TextCorpus.descriptions),
                url: random.chance(0.2) ? "https://t.co/" + Self.shortCode(random: &random) : "",
                language: language, postingLanguage: language,
                client: role == .amplifier ? random.pick(["TweetDeck", "twitterfeed", "IFTTT"]) : random.pick(TextCorpus.clients),
                habit: random.chance(0.9) ? .officeHours(utcOffsetHours: office) : .aroundTheClock)
        }
    }

    /// One of the operation's big named accounts: numeric id, readable names, many followers.
    private func flagship(_ flagships: [OperationCast.Flagship], ordinal: Int, numericID: UInt64, creationDay: Int,
                          random: inout SplitMix64) -> Account {
        let profile = flagships[ordinal % flagships.count]
        let round = ordinal / flagships.count
        return Account(
            numericID: numericID, userID: String(numericID),
            displayName: profile.displayName + (round == 0 ? "" : " \(round + 1)"),
            screenName: profile.screenName + (round == 0 ? "" : "\(round + 1)"),
            location: random.pick(["Freedonia City", "Фридония", "فريدونيا", "Marx Harbor, Freedonia"]),
            profileDescription: "Official news of Freedonia. \(profile.displayName) 📰",
            profileURL: "https://t.co/" + Self.shortCode(random: &random),
            followerCount: Self.logUniform(8_000...300_000, random: &random),
            followingCount: Self.logUniform(50...2_000, random: &random),
            creationDay: creationDay, language: profile.language, postingLanguage: profile.language, role: .flagship,
            preferredClient: random.pick(["Twitter Web Client", "TweetDeck", "Hootsuite"]),
            habit: .aroundTheClock)
    }

    /// What every small (hashed) account has before its role gives it a profile.
    private struct SmallAccount {
        let numericID: UInt64
        let hash: String
        let followers: Int
        let following: Int
        let creationDay: Int
        let role: AccountRole

        func account(location: String, description: String, url: String, language: String, postingLanguage: String,
                     client: String, habit: PostingHabit) -> Account {
            Account(numericID: numericID, userID: hash, displayName: hash, screenName: hash, location: location,
                    profileDescription: description, profileURL: url, followerCount: followers, followingCount: following,
                    creationDay: creationDay, language: language, postingLanguage: postingLanguage, role: role,
                    preferredClient: client, habit: habit)
        }
    }

    mutating func outsider(ordinal: Int, random: inout SplitMix64) -> OutsideAccount {
        let id = uniqueID(random: &random) { UInt64($0.int(in: 100_000_000...3_999_999_999)) }
        let amplified = plan.cast?.amplifiedHandles ?? []
        let stems = plan.cast == nil ? EverydayCorpus.outsideHandleStems : TextCorpus.outsideHandleStems
        let handle = ordinal < amplified.count ? amplified[ordinal] : stems[ordinal % stems.count] + "\(ordinal)"
        return OutsideAccount(numericID: id, handle: handle)
    }

    private func creationDay(for role: AccountRole, random: inout SplitMix64) -> Int {
        switch role {
        case .clusterMember, .copyPaster:
            return plan.clusterFirstDay + random.below(plan.clusterDayCount)
        case .flagship:
            return random.int(in: CivilTime.day(year: 2011, month: 1, day: 1)...(spec.firstTweetDay - 400))
        case .ordinary:
            // Ordinary people joined one by one over the years before the period.
            return random.int(in: CivilTime.day(year: 2009, month: 1, day: 1)...(spec.firstTweetDay - 30))
        case .repurposed:
            // Made by their first owners years before the operation took them over.
            let first = CivilTime.day(year: 2011, month: 1, day: 1)
            return random.int(in: first...(first + 540))
        case .regular, .amplifier, .scheduled:
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
        if day < firstDay {
            // Accounts from Twitter's early years had ids below 200 million, rising with time.
            let start = CivilTime.day(year: 2007, month: 1, day: 1)
            let early = Double(max(0, day - start)) / Double(firstDay - start)
            return UInt64(1_000_000 + early * 195_000_000) + UInt64(random.below(2_000_000))
        }
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
