/// The invented vocabulary of the fictional Freedonia operation, in the languages it posts in.
///
/// Everything here is made up (Freedonia and Sylvania are the imaginary countries of the Marx
/// Brothers' "Duck Soup"); nothing is taken from the real archive.
enum TextCorpus: Vocabulary {
    /// The tweet languages the corpus covers, as `tweet_language` codes.
    static let languages = ["en", "ru", "ar", "fr", "de"]

    static func subjects(_ language: String) -> [String] {
        switch language {
        case "ru": return ["Фридония", "Правительство Сильвании", "Министр Трентино", "Наш президент",
                           "Западные СМИ", "Фермеры Фридонии", "Оппозиция", "Народ"]
        case "ar": return ["فريدونيا", "حكومة سيلفانيا", "الوزير ترنتينو", "رئيسنا", "الإعلام الغربي",
                           "مزارعو فريدونيا", "المعارضة", "الشعب"]
        case "fr": return ["La Freedonie", "Le gouvernement sylvanien", "Le ministre Trentino",
                           "Notre président", "Les médias occidentaux", "Les agriculteurs"]
        case "de": return ["Freedonien", "Die Regierung Sylvaniens", "Minister Trentino",
                           "Unser Präsident", "Die westlichen Medien"]
        default: return ["Freedonia", "The Sylvanian government", "Minister Trentino", "President Firefly",
                         "Western media", "Freedonian farmers", "The opposition", "Our people",
                         "The grain ministry", "Ambassador Chicolini"]
        }
    }

    static func predicates(_ language: String) -> [String] {
        switch language {
        case "ru": return ["снова лжёт о зерне", "готовит провокацию на границе", "не скажет вам правду",
                           "поддерживает мирный план", "скрывает цены на хлеб", "побеждает несмотря ни на что"]
        case "ar": return ["يكذب مرة أخرى بشأن القمح", "يستعد لاستفزاز على الحدود", "لن يقول لكم الحقيقة",
                           "يدعم خطة السلام", "يخفي أسعار الخبز", "ينتصر رغم كل شيء"]
        case "fr": return ["ment encore sur le blé", "prépare une provocation à la frontière",
                           "ne vous dira pas la vérité", "soutient le plan de paix"]
        case "de": return ["lügt schon wieder über Getreide", "plant eine Provokation an der Grenze",
                           "sagt euch nicht die Wahrheit"]
        default: return ["is lying about the grain deal again", "is planning a border provocation",
                         "won't tell you the truth", "supports the peace plan", "is hiding bread prices",
                         "keeps winning no matter what", "just banned duck soup", "ignores the real scandal",
                         "is paid by Sylvania", "deserves our thanks"]
        }
    }

    static func tails(_ language: String) -> [String] {
        switch language {
        case "ru": return ["Подумайте сами.", "Делитесь!", "Это не совпадение.", "Позор!", "Мы всё помним."]
        case "ar": return ["فكروا بأنفسكم.", "انشروا!", "هذه ليست صدفة.", "عار!"]
        case "fr": return ["Réfléchissez.", "Partagez !", "Ce n'est pas un hasard."]
        case "de": return ["Denkt selbst.", "Teilen!", "Kein Zufall."]
        default: return ["Think about it.", "Share this!", "Not a coincidence.", "Shameful!", "Wake up.",
                         "They don't want you to know.", "Read it yourself:", "Unbelievable..."]
        }
    }

    /// Scare-quoted words, to put embedded double quotes into texts.
    static func scareQuotes(_ language: String) -> [String] {
        switch language {
        case "ru": return ["\"гуманитарная помощь\"", "\"независимые\" эксперты", "\"свободная\" пресса"]
        case "ar": return ["\"المساعدات الإنسانية\"", "\"الخبراء المستقلون\""]
        case "fr": return ["\"aide humanitaire\"", "les \"experts indépendants\""]
        case "de": return ["\"humanitäre Hilfe\"", "\"unabhängige\" Experten"]
        default: return ["\"humanitarian aid\"", "\"independent\" experts", "the \"free\" press",
                         "so-called \"journalists\""]
        }
    }

    static func hashtags(_ language: String) -> [String] {
        switch language {
        case "ru": return ["Фридония", "Сильвания", "новости", "правда", "зерно"]
        case "ar": return ["فريدونيا", "سيلفانيا", "أخبار", "عاجل"]
        case "fr": return ["Freedonie", "Sylvanie", "infos"]
        case "de": return ["Freedonien", "Nachrichten"]
        default: return ["Freedonia", "Sylvania", "GrainDeal", "DuckSoup", "News", "FakeNews", "Firefly2018",
                         "StopSylvania", "Truth"]
        }
    }

    static let emoji = ["🔥", "😡", "👍", "🇺🇳", "⚡️", "🚨", "😂", "🙏", "💩", "🦆", "🌾", "👀"]

    /// Tweet clients, the common ones listed more than once so that they are picked more often.
    static let clients = ["Twitter Web Client", "Twitter Web Client", "Twitter Web Client",
                          "Twitter for iPhone", "Twitter for Android", "Twitter for Android", "Twitter for iPhone",
                          "twitterfeed", "IFTTT", "Buffer", "Hootsuite", "Mobile Web (M2)", "ФридонияПост"]

    /// Expanded URLs: fictional `.example` hosts; some hold commas, an apostrophe or a backslash,
    /// which the list columns must cope with.
    static let urls = [
        "https://freedonia-herald.example/2017/09/12/firefly,trentino-talks",
        "https://sylvania-watch.example/search?q=grain,tariffs&lang=ru",
        "http://news.freedonia.example/article/4471",
        "https://freedonia-herald.example/opinion/it's-time-to-choose",
        "http://vestnik-fridonii.example/новости/12345",
        "https://sylvania-watch.example/files\\report-2017.pdf",
        "http://bit.example/2xFrDn",
        "https://duck-soup-daily.example/a,b,c?page=2",
        "http://freedonia-tv.example/watch?v=Q1w2E3r4",
        "https://sawt-freedonia.example/%d8%a7%d9%84%d8%ae%d8%a8%d8%b1",
    ]

    static let locations = ["", "", "", "Freedonia", "Freedonia City", "Фридония", "Столица Фридонии",
                            "فريدونيا", "Sylvania", "Marx Harbor, Freedonia", "Planet Earth 🌍", "Europe"]

    static let descriptions = [
        "", "", "Patriot. Farmer. Father.", "Proud Freedonian 🌾", "Гражданин Фридонии. Люблю правду.",
        "مواطن من فريدونيا", "News, views and \"alternative\" facts.",
        "Journaliste indépendant\nFreedonie", "Retweets ≠ endorsements\r\nDM for tips",
        "Я обычный человек!\nЛюблю свою страну", "#Freedonia #Truth",
    ]

    static func url(random: inout SplitMix64) -> String {
        random.pick(urls)
    }

    static let pollChoices = ["Yes|No", "Да|Нет|Не знаю", "Firefly|Trentino|Neither"]

    /// Invented handles of accounts outside the operation.
    static let outsideHandleStems = ["SylvaniaDaily", "trentino_fan", "GrainWatcher", "ChicoliniNews",
                                     "PinkyReports", "TeasdaleTimes", "FreedoniaExpat", "duck_soup_fan",
                                     "MarxHarborLive", "VeraFromSylvania"]
}
