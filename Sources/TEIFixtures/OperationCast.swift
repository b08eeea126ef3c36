/// The names and habits that make one fictional operation recognisable: who its public faces are,
/// whom it amplifies, what it campaigns for, where its office is and how its robots post.
///
/// The lessons' releases share `freedonia`; the capstone's release uses `freedoniaOutsourced`, so
/// students meet the same kinds of findings under names and hours they have not seen.
public struct OperationCast: Sendable, Equatable {
    /// A big unhashed account of the operation: its display name, handle and language.
    public struct Flagship: Sendable, Equatable {
        public let displayName: String
        public let screenName: String
        public let language: String
    }

    /// A flagship that posted under another handle until part way through the period.
    public struct Rename: Sendable, Equatable {
        /// The handle in the release (the account's last).
        public let screenName: String
        /// The handle retweets show before the rename.
        public let formerHandle: String
        /// How far into the tweet period the rename happened, in percent.
        public let percentIntoPeriod: Int
    }

    /// The staff's time zone: they post Monday to Friday, 09:00–17:59 local time.
    /// Between −6 and +9, so that office hours fall on one UTC date.
    public let officeUTCOffsetHours: Int
    /// The hashtag of the campaign that spikes on three days.
    public let campaignHashtag: String
    /// The outside accounts the amplifiers retweet.
    public let amplifiedHandles: [String]
    public let flagships: [Flagship]
    /// One scheduled account per entry, posting every that many minutes, day and night.
    public let scheduledIntervalsMinutes: [Int]
    public let rename: Rename
    /// The account language of the repurposed accounts, one no other account of the release has.
    public let repurposedLanguage: String

    /// The operation of the lessons: a Moscow office (UTC+3).
    public static let freedonia = OperationCast(
        officeUTCOffsetHours: 3, campaignHashtag: "FreedoniaFirst",
        amplifiedHandles: ["SylvanianHerald", "TrentinoSpeaks", "VoiceOfSylvania"],
        flagships: [
            Flagship(displayName: "Freedonia Today", screenName: "FreedoniaToday", language: "en"),
            Flagship(displayName: "Вестник Фридонии", screenName: "vestnik_fridonii", language: "ru"),
            Flagship(displayName: "صوت فريدونيا", screenName: "SawtFreedonia", language: "ar"),
            Flagship(displayName: "Sylvania Watch", screenName: "SylvaniaWatch", language: "en"),
            Flagship(displayName: "Le Courrier de Freedonie", screenName: "CourrierFreedonie", language: "fr"),
        ],
        scheduledIntervalsMinutes: [15, 30, 60, 120],
        rename: Rename(screenName: "SylvaniaWatch", formerHandle: "duck_soup_fans", percentIntoPeriod: 40),
        repurposedLanguage: "es")

    /// The capstone's operation: the same cause, run by contractors in an office on UTC+8.
    public static let freedoniaOutsourced = OperationCast(
        officeUTCOffsetHours: 8, campaignHashtag: "SylvaniaLies",
        amplifiedHandles: ["GrainFactsDaily", "RufusSpeaks", "SylvaniaExposed"],
        flagships: [
            Flagship(displayName: "Freedonia Pacific", screenName: "FreedoniaPacific", language: "en"),
            Flagship(displayName: "Фридония Сегодня", screenName: "fridonia_segodnya", language: "ru"),
            Flagship(displayName: "Marx Harbor Post", screenName: "MarxHarborPost", language: "en"),
            Flagship(displayName: "Freedonia Abend", screenName: "FreedoniaAbend", language: "de"),
            Flagship(displayName: "Freedonie Actu", screenName: "FreedonieActu", language: "fr"),
        ],
        scheduledIntervalsMinutes: [45, 90],
        rename: Rename(screenName: "MarxHarborPost", formerHandle: "harbor_recipes", percentIntoPeriod: 55),
        repurposedLanguage: "tr")
}
