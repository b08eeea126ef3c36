/// Produces the tweets of one release one at a time, in file order, in constant memory.
///
/// Planted tweets (copy-paste bursts, the hashtag campaign) are interleaved at random positions
/// among ordinary ones, so the file has exactly `spec.tweetCount` rows.
struct TweetStream: IteratorProtocol {
    let population: Population
    let plan: OperationPlan
    private let schedule: PostingSchedule
    private let composer: TweetComposer
    private let burstSeed: SplitMix64
    private var random: SplitMix64
    private var remainingRows: Int
    private var planted: [PlantedSlot]
    private var nextPlanted = 0
    /// Recent tweets of each amplified account, so that several amplifiers retweet the same ones.
    private var amplifiedOriginals: [[OriginalTweet]]
    private static let originalsKept = 16

    init(spec: ReleaseSpec, seed: UInt64) {
        let root = SplitMix64(seed: seed ^ SplitMix64.mix(spec.baseName.stableHash))
        var populationRandom = root.fork(1)
        plan = OperationPlan(spec: spec)
        population = Population(spec: spec, plan: plan, random: &populationRandom)
        schedule = PostingSchedule(firstDay: spec.firstTweetDay, lastDay: spec.lastTweetDay)
        composer = TweetComposer(outsiders: population.outsiders)
        burstSeed = root.fork(2)
        random = root.fork(3)
        remainingRows = spec.tweetCount
        amplifiedOriginals = Array(repeating: [], count: population.amplifiedTargets.count)

        var slots: [PlantedSlot] = []
        var membersRandom = root.fork(4)
        for burst in 0..<plan.burstCount {
            var crew = population.copyPasters
            for index in stride(from: crew.count - 1, to: 0, by: -1) {
                crew.swapAt(index, membersRandom.below(index + 1))
            }
            let size = min(crew.count, membersRandom.int(in: 7...12))
            slots += crew.prefix(size).map { .burst(burst: burst, account: $0) }
        }
        slots += (0..<plan.campaignTweetCount).map { .campaign(index: $0) }
        planted = Array(slots.prefix(spec.tweetCount))
    }

    mutating func next() -> Tweet? {
        guard remainingRows > 0 else { return nil }
        let plantedLeft = planted.count - nextPlanted
        defer { remainingRows -= 1 }
        if plantedLeft > 0 && random.below(remainingRows) < plantedLeft {
            let slot = planted[nextPlanted]
            nextPlanted += 1
            switch slot {
            case .burst(let burst, let account): return burstTweet(burst: burst, author: account)
            case .campaign(let index): return campaignTweet(index: index)
            }
        }
        return ordinaryTweet()
    }

    // MARK: Planted tweets

    /// Every member of a burst posts the same text within five minutes of the burst's start.
    private mutating func burstTweet(burst: Int, author: Int) -> Tweet {
        var shared = burstSeed.fork(UInt64(burst))
        let language = shared.pick(["en", "en", "ru", "ar"])
        var content = composer.compose(language: language, random: &shared)
        content.language = language == "ar" || language == "ru" ? language : content.language
        if !content.text.contains("https://t.co/") {
            content.text += " https://t.co/" + AccountBuilder.shortCode(random: &shared)
        }
        let firstDay = max(schedule.firstDay, plan.clusterFirstDay + plan.clusterDayCount + 1)
        var day = shared.int(in: firstDay...schedule.lastDay)
        let weekday = CivilTime.weekday(ofDay: day)
        if weekday >= 5 { day -= weekday - 4 }
        let start = schedule.officeMinute(on: max(day, firstDay), random: &shared)
        return makeTweet(author: author, minute: start + random.below(5), content: content)
    }

    /// Campaign tweets crowd into a three-day spike; the rest are spread over the whole period.
    private mutating func campaignTweet(index: Int) -> Tweet {
        let author = population.pickAuthor(random: &random)
        let account = population.accounts[author]
        let minute: Int
        if index < plan.campaignSpikeTweetCount {
            let day = plan.campaignFirstDay + random.below(plan.campaignDayCount)
            minute = account.keepsOfficeHours
                ? schedule.officeMinute(on: day, random: &random) : day * 1440 + random.below(1440)
        } else {
            minute = schedule.minute(for: account, random: &random)
        }
        let content = composer.compose(language: account.language, random: &random,
                                       extraHashtag: plan.campaignHashtag)
        return makeTweet(author: author, minute: minute, content: content)
    }

    // MARK: Ordinary tweets

    private mutating func ordinaryTweet() -> Tweet {
        let author = population.pickAuthor(random: &random)
        let account = population.accounts[author]
        let minute = schedule.minute(for: account, random: &random)
        let retweetShare: Double = switch account.role {
        case .amplifier: 0.88
        case .flagship: 0.05
        default: 0.28
        }
        if random.chance(retweetShare) {
            let original = originalToRetweet(by: account, before: minute)
            var tweet = makeTweet(author: author, minute: minute,
                                  content: composer.retweet(of: original.content, handle: original.handle,
                                                            userID: original.numericUserID))
            tweet.retweetOf = (original.userID, original.tweetID)
            tweet.pollChoices = ""
            return tweet
        }
        var content = composer.compose(language: account.language, random: &random)
        var inReplyTo: (userID: String, tweetID: UInt64)?
        var quoted: UInt64?
        let roll = random.unit()
        if roll < 0.08 {
            let earlier = minute - 1 - random.below(600)
            if random.chance(0.6) {
                let outsider = random.pick(population.outsiders)
                if !content.text.hasPrefix("@") {
                    content.text = "@\(outsider.handle) " + content.text
                    content.mentions.insert(outsider.numericID, at: 0)
                }
                inReplyTo = (String(outsider.numericID), Snowflake.id(inMinute: earlier, using: &random))
            } else {
                let other = random.pick(population.accounts)
                inReplyTo = (other.userID, Snowflake.id(inMinute: earlier, using: &random))
            }
        } else if roll < 0.13 {
            quoted = Snowflake.id(inMinute: minute - 1 - random.below(2880), using: &random)
            if !content.text.contains("https://t.co/") {
                content.text += " https://t.co/" + AccountBuilder.shortCode(random: &random)
            }
        }
        var tweet = makeTweet(author: author, minute: minute, content: content)
        tweet.inReplyTo = inReplyTo
        tweet.quotedTweetID = quoted
        return tweet
    }

    /// Amplifiers mostly retweet the few amplified accounts, piling onto the same tweets; others
    /// retweet the operation's flagships or assorted outside accounts.
    private mutating func originalToRetweet(by account: Account, before minute: Int) -> OriginalTweet {
        if account.role == .amplifier && !amplifiedOriginals.isEmpty && random.chance(0.9) {
            let target = random.below(amplifiedOriginals.count)
            let kept = amplifiedOriginals[target]
            if !kept.isEmpty && random.chance(0.5) {
                let candidate = random.pick(kept)
                if candidate.minute < minute { return candidate }
            }
            let outsider = population.outsiders[population.amplifiedTargets[target]]
            let original = freshOriginal(userID: String(outsider.numericID), handle: outsider.handle,
                                         numericUserID: outsider.numericID, language: "en", before: minute)
            if kept.count == Self.originalsKept {
                amplifiedOriginals[target].remove(at: random.below(kept.count))
            }
            amplifiedOriginals[target].append(original)
            return original
        }
        if account.role != .flagship && !population.flagships.isEmpty && random.chance(0.35) {
            let flagship = population.accounts[random.pick(population.flagships)]
            return freshOriginal(userID: flagship.userID, handle: flagship.screenName,
                                 numericUserID: flagship.numericID, language: flagship.language, before: minute)
        }
        let others = population.outsiders.count - population.amplifiedTargets.count
        let outsider = others > 0
            ? population.outsiders[population.amplifiedTargets.count + random.below(others)]
            : random.pick(population.outsiders)
        return freshOriginal(userID: String(outsider.numericID), handle: outsider.handle,
                             numericUserID: outsider.numericID, language: random.pick(["en", "ru", "fr"]),
                             before: minute)
    }

    private mutating func freshOriginal(userID: String, handle: String, numericUserID: UInt64,
                                        language: String, before minute: Int) -> OriginalTweet {
        let originalMinute = minute - 1 - random.below(720)
        return OriginalTweet(tweetID: Snowflake.id(inMinute: originalMinute, using: &random),
                             minute: originalMinute, userID: userID, handle: handle,
                             numericUserID: numericUserID,
                             content: composer.compose(language: language, random: &random))
    }

    // MARK: Common fields

    private mutating func makeTweet(author: Int, minute: Int, content: TweetContent) -> Tweet {
        let account = population.accounts[author]
        let scale = account.role == .flagship ? 200 : 8
        let counts: (Int, Int, Int, Int)? = random.chance(0.05) ? nil : (
            random.chance(0.05) ? random.below(scale / 4 + 2) : 0,
            random.chance(0.1) ? random.below(scale / 2 + 2) : 0,
            random.chance(0.4) ? AccountBuilder.logUniform(1...scale * 10, random: &random) : 0,
            random.chance(0.3) ? AccountBuilder.logUniform(1...scale * 5, random: &random) : 0)
        return Tweet(
            tweetID: Snowflake.id(inMinute: minute, using: &random), author: author, minute: minute,
            content: content,
            client: random.chance(0.85) ? account.preferredClient : random.pick(TextCorpus.clients),
            inReplyTo: nil, quotedTweetID: nil, retweetOf: nil,
            geoPresent: random.chance(0.01), counts: counts, emptyListsBlank: random.chance(0.1),
            pollChoices: random.chance(0.003) ? random.pick(TextCorpus.pollChoices) : "")
    }
}
