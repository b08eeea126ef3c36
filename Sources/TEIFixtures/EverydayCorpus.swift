/// The invented vocabulary of the control group: ordinary people in Freedonia and elsewhere writing
/// about their days, sport, food and weather, and now and then about the news.
///
/// Everything here is made up; nothing is taken from the real archive or from real accounts.
enum EverydayCorpus: Vocabulary {
    static let languages = ["en", "ru", "fr", "de", "ar"]

    static func subjects(_ language: String) -> [String] {
        switch language {
        case "ru": return ["Мой кот", "Погода сегодня", "Наша команда", "Бабушкин пирог", "Этот сериал", "Утренний кофе",
                           "Автобус номер семь", "Моя сестра", "Новый альбом", "Соседский пёс"]
        case "ar": return ["قطتي", "الطقس اليوم", "فريقنا", "كعكة جدتي", "هذا المسلسل", "قهوة الصباح", "أختي", "الألبوم الجديد"]
        case "fr": return ["Mon chat", "La météo", "Notre équipe", "La tarte de mamie", "Cette série", "Le café du matin",
                           "Le bus 7", "Ma sœur", "Le nouvel album"]
        case "de": return ["Meine Katze", "Das Wetter heute", "Unser Verein", "Omas Kuchen", "Diese Serie", "Der Morgenkaffee",
                           "Der Bus", "Meine Schwester"]
        default: return ["My cat", "The weather today", "Our team", "Grandma's soup", "This series", "Morning coffee",
                         "The number 7 bus", "My sister", "The new album", "The bakery on Firefly Street", "Our garden",
                         "The marathon", "My phone", "This book", "The neighbour's dog", "Monday", "The harbour"]
        }
    }

    static func predicates(_ language: String) -> [String] {
        switch language {
        case "ru": return ["снова опоздал", "просто прекрасен", "выиграла вчера", "не даёт мне спать", "лучше всех",
                           "опять сломался", "меня удивил"]
        case "ar": return ["تأخر مرة أخرى", "رائع ببساطة", "فاز أمس", "لا يدعني أنام", "الأفضل على الإطلاق", "تعطل مجددا"]
        case "fr": return ["est encore en retard", "est tout simplement parfait", "a gagné hier", "m'empêche de dormir",
                           "est le meilleur", "est encore en panne"]
        case "de": return ["ist schon wieder zu spät", "ist einfach großartig", "hat gestern gewonnen",
                           "lässt mich nicht schlafen", "ist der beste", "ist wieder kaputt"]
        default: return ["is late again", "is simply perfect", "won last night", "won't let me sleep", "is the best thing this week",
                         "broke down again", "surprised me", "needs more salt", "made my day", "is finally back",
                         "was better than expected", "smells amazing", "is on sale", "is way too expensive"]
        }
    }

    static func tails(_ language: String) -> [String] {
        switch language {
        case "ru": return ["Ну и день.", "Кто со мной?", "Ха-ха.", "Всем хороших выходных!"]
        case "ar": return ["يا له من يوم.", "من معي؟", "هههه."]
        case "fr": return ["Quelle journée.", "Qui vient ?", "Bon week-end !"]
        case "de": return ["Was für ein Tag.", "Wer kommt mit?", "Schönes Wochenende!"]
        default: return ["What a day.", "Who's coming?", "lol", "Have a nice weekend!", "Can't wait.", "Any tips?",
                         "Not again...", "10/10 would recommend."]
        }
    }

    static func scareQuotes(_ language: String) -> [String] {
        switch language {
        case "ru": return ["\"быстрая\" доставка", "\"свежий\" хлеб"]
        case "ar": return ["\"التوصيل السريع\""]
        case "fr": return ["la \"livraison rapide\""]
        case "de": return ["\"schnelle\" Lieferung"]
        default: return ["\"fast\" delivery", "the \"fresh\" bread", "a \"quick\" meeting", "\"light\" rain"]
        }
    }

    static func hashtags(_ language: String) -> [String] {
        switch language {
        case "ru": return ["футбол", "погода", "котики", "выходные", "Фридония"]
        case "ar": return ["كرة_القدم", "الطقس", "القهوة"]
        case "fr": return ["foot", "météo", "weekend"]
        case "de": return ["Fußball", "Wetter", "Wochenende"]
        default: return ["football", "weather", "coffee", "weekend", "cats", "MarxHarborMarathon", "Freedonia", "GrainDeal",
                         "bookclub", "recipes"]
        }
    }

    static let emoji = ["😂", "❤️", "👍", "☕", "⚽", "🌧️", "🐈", "🎉", "😴", "🙈"]

    static let clients = ["Twitter for Android", "Twitter for Android", "Twitter for iPhone", "Twitter for iPhone",
                          "Twitter Web Client", "Twitter Web Client", "Mobile Web (M2)", "Twitter for iPad"]

    /// Links to many different pages, so two ordinary people rarely share the same one.
    static func url(random: inout SplitMix64) -> String {
        let site = random.pick(["https://marx-harbor-fc.example/news/", "https://firefly-recipes.example/soup/",
                                "https://freedonia-weather.example/today/", "http://photos.example/p/",
                                "https://freedonia-herald.example/local/", "https://bookclub.example/review/"])
        return site + String(random.int(in: 1_000...99_999))
    }

    static let locations = ["", "", "", "", "Freedonia City", "Marx Harbor", "Фридония", "Sylvania", "Paris, probably",
                            "Berlin-ish", "فريدونيا", "somewhere sunny ☀️", "Home"]

    static let descriptions = [
        "", "", "", "Coffee first.", "Mum of two. Runner. Baker of bad bread.", "Football, books and my cat 🐈",
        "Люблю футбол и хорошие книги", "Étudiante. Café. Musique.", "Fußball & Fotografie",
        "أحب القهوة والكتب", "Marx Harbor FC since 1998 ⚽", "Views my own.\nTeacher.", "Nurse | night shifts | tea",
    ]

    /// The time zones of the control group's people, the common ones listed more than once.
    static let utcOffsets = [0, 0, 1, 1, 1, 2, 3, 3, 3, -5, -5, 8]

    /// Invented handles of accounts the control group retweets.
    static let outsideHandleStems = ["HarborFCFans", "firefly_bakes", "WeatherFreedonia", "BookNook", "CatPics",
                                     "MarathonMarx", "LocalNewsFD", "TeaAndToast", "RetroGames", "GardenTips"]
}
